import type { PrivacyExport } from '@sharestack/protocol';
import type { DialectKind } from '../store/database.js';
import type { Db } from '../store/db.js';

export type ExportActivity = PrivacyExport['activities']['orderedItems'][number];

/**
 * What another feature (follows, bookmarks, notifications…) adds to a user's export and
 * removes on account deletion. Features register one with createApp, so privacy needs no
 * change when they arrive.
 */
export interface PrivacySection {
  /** Key of the feature's data under the export's `sections` (e.g. `bookmarks`). */
  name: string;
  /** The user's data (JSON-ready) and, optionally, activities for the ActivityStreams collection. */
  export(db: Db, siteId: string, userId: string): Promise<{ data: unknown; activities?: ExportActivity[] }>;
  /** Removes or anonymises it inside the deletion transaction; returns how many records went. */
  erase(tx: Db, kind: DialectKind, siteId: string, userId: string): Promise<number>;
}
