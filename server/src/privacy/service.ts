import type { AccountDeletionResult, PrivacyExport } from '@sharestack/protocol';
import type { Events } from '../events.js';
import type { Principal } from '../http/env.js';
import type { SiteRecord } from '../sites/service.js';
import type { Store } from '../store/database.js';
import { transaction } from '../store/db.js';
import { eraseUser } from './erase.js';
import { exportUser } from './export.js';
import type { PrivacySection } from './sections.js';

export function createPrivacyService({ db, kind }: Store, events: Events, sections: PrivacySection[] = []) {
  return {
    /** Everything the viewer did on this site, other features' sections included. */
    async export(site: SiteRecord, viewer: Principal): Promise<PrivacyExport> {
      const out = await exportUser(db, site.id, viewer.id, viewer.name);
      for (const section of sections) {
        const { data, activities = [] } = await section.export(db, site.id, viewer.id);
        out.sections[section.name] = data;
        out.activities.orderedItems.push(...activities);
      }
      out.activities.orderedItems.sort((a, b) =>
        a.published < b.published ? 1 : a.published > b.published ? -1 : 0,
      );
      out.activities.totalItems = out.activities.orderedItems.length;
      return out;
    },

    /** The right to deletion: the viewer's data on this site goes; threads keep their shape. */
    async deleteAccount(site: SiteRecord, viewer: Principal): Promise<AccountDeletionResult> {
      const { result, comments } = await transaction(db, async (tx) => {
        const erased = await eraseUser(tx, kind, site.id, viewer.id);
        for (const section of sections) {
          erased.result.sections_removed[section.name] = await section.erase(tx, kind, site.id, viewer.id);
        }
        return erased;
      });
      for (const c of comments) {
        events.emit('comment.deleted', {
          siteId: site.id,
          contentKey: c.contentKey,
          id: String(c.id),
          outcome: c.outcome,
          comment: null,
          wasApproved: c.wasVisible,
          authorId: viewer.id,
        });
      }
      events.emit('account.deleted', { siteId: site.id, userId: viewer.id });
      return result;
    },
  };
}

export type PrivacyService = ReturnType<typeof createPrivacyService>;
