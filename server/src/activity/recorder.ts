import type { Activity, ActivityType } from '@sharestack/protocol';
import type { Kysely, Transaction } from 'kysely';
import type { Events } from '../events.js';
import { audienceOf, type SocialOptions } from '../social/shared.js';
import { transaction } from '../store/db.js';
import type { Database } from '../store/schema.js';
import { presentActivities } from './present.js';
import { type RecordedActivity, recordActivity } from './record.js';

export interface RecorderDeps {
  db: Kysely<Database>;
  events: Events;
  fanout: SocialOptions;
  onError?: (err: unknown) => void;
}

/**
 * Activities that follow a committed write (a comment, a like), recorded one after another in
 * commit order; records queued back to back share one transaction.
 */
export function createActivityRecorder({ db, events, fanout, onError }: RecorderDeps) {
  const pending = new Set<Promise<void>>();
  let queue: Promise<void> = Promise.resolve();

  /**
   * Runs follow-up work of a committed write, one at a time in the order the writes committed
   * (so a timeline lists a comment and a like in the order they happened). Tests and shutdown
   * can wait for it.
   */
  function track(work: () => Promise<void>) {
    // Anything queued after this runs after it: later records start a batch of their own.
    batch = null;
    const p = queue.then(work).catch((err) => onError?.(err));
    queue = p;
    pending.add(p);
    void p.finally(() => pending.delete(p));
  }

  interface Pending {
    siteId: string;
    userId: string;
    type: ActivityType;
    contentKey: string;
    /** For `commented`: the comment it stands for (recorded once, and not if it went meanwhile). */
    commentId?: number;
  }
  /** Records queued back to back and not yet begun: written together, in one transaction. */
  let batch: Pending[] | null = null;

  function queueRecord(item: Pending) {
    if (batch) {
      batch.push(item);
      return;
    }
    const mine = [item];
    track(async () => {
      if (batch === mine) batch = null;
      await recordAll(mine);
    });
    batch = mine;
  }

  /**
   * A busy site records many activities a second; one transaction for all that queued up
   * commits once rather than once each. Should it fail, each is tried on its own, so one
   * bad record costs no others.
   */
  async function recordAll(items: Pending[]) {
    let recorded: RecordedActivity[];
    try {
      recorded = await transaction(db, async (tx) => {
        const out: RecordedActivity[] = [];
        for (const i of items) {
          const r = await recordOne(tx, i);
          if (r) out.push(r);
        }
        return out;
      });
    } catch (err) {
      if (items.length === 1) throw err;
      for (const i of items) {
        try {
          const r = await transaction(db, (tx) => recordOne(tx, i));
          if (r) await announce([r]);
        } catch (e) {
          onError?.(e);
        }
      }
      return;
    }
    await announce(recorded);
  }

  async function recordOne(tx: Transaction<Database>, i: Pending): Promise<RecordedActivity | null> {
    // A comment deleted or hidden before its turn came, or approved twice, records nothing.
    if (i.commentId !== undefined) {
      const comment = await tx
        .selectFrom('comments')
        .select(['is_deleted', 'is_approved'])
        .where('id', '=', i.commentId)
        .executeTakeFirst();
      const already = await tx
        .selectFrom('activities')
        .select('id')
        .where('comment_id', '=', i.commentId)
        .executeTakeFirst();
      if (!comment || Number(comment.is_deleted) === 1 || Number(comment.is_approved) !== 1 || already) {
        return null;
      }
    }
    return recordActivity(
      tx,
      i.siteId,
      i.userId,
      i.type,
      { target_type: 'content', target_id: i.contentKey },
      i.commentId === undefined ? fanout : { ...fanout, commentId: i.commentId },
    );
  }

  async function announce(recorded: RecordedActivity[]) {
    const bySite = new Map<string, RecordedActivity[]>();
    for (const r of recorded) bySite.set(r.site_id, [...(bySite.get(r.site_id) ?? []), r]);
    const shown = new Map<RecordedActivity, Activity>();
    for (const [siteId, rows] of bySite) {
      const activities = await presentActivities(db, siteId, rows);
      rows.forEach((r, k) => {
        shown.set(r, activities[k]!);
      });
    }
    for (const r of recorded) {
      events.emit('activity.created', {
        siteId: r.site_id,
        activity: shown.get(r)!,
        audience: audienceOf(r),
      });
    }
  }

  async function record(siteId: string, userId: string, type: ActivityType, contentKey: string) {
    await recordAll([{ siteId, userId, type, contentKey }]);
  }

  return {
    track,
    queueRecord,
    record,
    isIdle: () => pending.size === 0,
    /** Resolves when everything tracked so far (and what it tracked) has finished. */
    async settled(): Promise<void> {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
