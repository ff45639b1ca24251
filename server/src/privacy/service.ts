import type { AccountDeletionResult, PrivacyExport } from '@sharestack/protocol';
import type { Events } from '../events.js';
import type { Principal } from '../http/env.js';
import type { SiteRecord } from '../sites/service.js';
import type { Store } from '../store/database.js';
import { transaction } from '../store/db.js';
import { eraseUser } from './erase.js';
import { exportUser } from './export.js';

export function createPrivacyService({ db, kind }: Store, events: Events) {
  return {
    /** Everything the viewer did on this site. */
    export(site: SiteRecord, viewer: Principal): Promise<PrivacyExport> {
      return exportUser(db, site.id, viewer.id, viewer.name);
    },

    /** The right to deletion: the viewer's data on this site goes; threads keep their shape. */
    async deleteAccount(site: SiteRecord, viewer: Principal): Promise<AccountDeletionResult> {
      const { result, comments } = await transaction(db, (tx) => eraseUser(tx, kind, site.id, viewer.id));
      for (const c of comments) {
        events.emit('comment.deleted', {
          siteId: site.id,
          contentKey: c.contentKey,
          id: String(c.id),
          outcome: c.outcome,
        });
      }
      events.emit('account.deleted', { siteId: site.id, userId: viewer.id });
      return result;
    },
  };
}

export type PrivacyService = ReturnType<typeof createPrivacyService>;
