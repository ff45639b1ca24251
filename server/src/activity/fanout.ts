import type { Transaction } from 'kysely';
import type { Events } from '../events.js';
import { createGathering } from '../gathering.js';
import type { Store } from '../store/database.js';
import { sendAhead } from '../store/pipeline.js';
import { prepared } from '../store/prepared.js';
import type { Database } from '../store/schema.js';
import { backfillInbox, type FanoutJob, push, pushedActivities, remove, trim } from './fanout-jobs.js';

export { BACKFILL_ON_FOLLOW, backfillInbox, enqueueFanout, type FanoutJob } from './fanout-jobs.js';

/**
 * The fan-out queue: inbox work a follow or unfollow leaves for after its commit.
 *
 * A follow's request transaction writes the follow, the exact counters, the `followed`
 * activity and two rows here (push the activity to the follower's own followers; backfill the
 * followed author's recent activities into the follower's inbox). An unfollow writes the
 * end of the follow, the counters, a `remove` row for its `followed` activity and a `trim` row
 * (the author's rows leave the former follower's inbox). Those rows
 * commit with the change, so the work cannot be lost: a worker claims them after the commit
 * (and at start-up, for work a stopped process left), does it in a transaction of its own that
 * also deletes the claimed rows, and retries what failed. Readers never see wrong data meanwhile:
 * the feed joins the live follow, and a `followed` activity shows only while its follow lasts.
 *
 * Why: every pushed row lands on another follower's inbox page, so a hundred followers meant a
 * hundred scattered page writes in the follow request's commit (follow p99 84 ms on SQLite).
 */
type JobRow = {
  id: number;
  site_id: string;
  kind: FanoutJob['kind'];
  activity_id: number | null;
  owner_id: string | null;
  author_id: string | null;
  attempts: number;
  created_at: string;
};

const jobColumns = [
  'id',
  'site_id',
  'kind',
  'activity_id',
  'owner_id',
  'author_id',
  'attempts',
  'created_at',
] as const;

/** Claims up to `n` of the oldest jobs; on PostgreSQL other workers skip them meanwhile. */
async function claim(tx: Transaction<Database>, kind: Store['kind'], n: number): Promise<JobRow[]> {
  const { rows } = await (kind === 'postgres' ? claimSkippingLocked : claimOldest)(tx, { n });
  return rows
    .map((row) => ({
      ...row,
      id: Number(row.id),
      activity_id: row.activity_id === null ? null : Number(row.activity_id),
      attempts: Number(row.attempts),
    }))
    .sort((a, b) => a.id - b.id);
}

const claimQuery = (skipLocked: boolean) =>
  prepared((db, p: { n: number }) => {
    const oldest = db.selectFrom('activity_jobs').select('id').orderBy('id').limit(p.n);
    return db
      .deleteFrom('activity_jobs')
      .where('id', 'in', skipLocked ? oldest.forUpdate().skipLocked() : oldest)
      .returning(jobColumns);
  });
const claimSkippingLocked = claimQuery(true);
const claimOldest = claimQuery(false);

/** Claimed jobs the transaction did not finish go back under their ids, so they stay first in line. */
async function putBack(tx: Transaction<Database>, jobs: JobRow[]) {
  if (jobs.length > 0) await sendAhead(tx, tx.insertInto('activity_jobs').values(jobs));
}

/** The most jobs one statement claims. */
const CLAIM_MAX = 64;

export interface FanoutQueueOptions {
  onError?: (err: unknown) => void;
  /**
   * Inboxes one statement of a push writes to: 50 on SQLite, where the rows go through the
   * process; 250 on PostgreSQL, where one statement reads and writes them (fanout-pg.ts).
   */
  slice?: number;
  /** Wait before retrying a job that failed. */
  retryMs?: number;
  /**
   * Time one transaction of the worker may take before it commits. SQLite has one writer, so
   * a request waits behind the worker's transaction: 2 ms there. On PostgreSQL requests do not
   * wait for it (it writes no row a request writes, and journals its events just before its
   * commit), so a longer transaction shares one commit (one WAL flush) between many jobs.
   */
  budgetMs?: number;
  /**
   * How long a kick waits before the worker starts, gathering the jobs of the requests that
   * commit meanwhile into one transaction. Every transaction of the worker ends in a WAL flush
   * (an fsync): on PostgreSQL a request committing while one is in progress waits for it, and
   * a worker that started on every follow flushed about as often as the requests did (20 ms
   * there). 0 on SQLite, where the worker's transactions are kept short instead (`budgetMs`).
   */
  gatherMs?: number;
}

/**
 * The worker. It claims the oldest jobs in one statement (as many as the last transaction got
 * through, so few go back unused), does them in transactions of about `budgetMs` (a push one
 * slice of followers at a time) and lets the event loop run between them.
 */
export function createFanoutQueue(
  { db, kind }: Store,
  events: Events,
  {
    onError = () => {},
    slice = kind === 'sqlite' ? 50 : 250,
    retryMs = 1000,
    budgetMs = kind === 'sqlite' ? 2 : 25,
    gatherMs = kind === 'sqlite' ? 0 : 20,
  }: FanoutQueueOptions = {},
) {
  let running: Promise<void> | null = null;
  let again = false;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;
  let claimSize = 1;

  /**
   * Does one job while `within()` holds; a push that ran out of time comes back with how far
   * it got, anything else comes back null (done).
   */
  async function run(tx: Transaction<Database>, job: JobRow, within: () => boolean): Promise<JobRow | null> {
    const { site_id: siteId, activity_id: activityId, owner_id: ownerId, author_id: authorId } = job;
    if (job.kind === 'backfill' && ownerId && authorId) {
      await backfillInbox(tx, siteId, ownerId, authorId);
    } else if (job.kind === 'trim' && ownerId && authorId) {
      await trim(tx, siteId, ownerId, authorId);
    } else if (job.kind === 'remove' && activityId !== null) {
      await remove(tx, siteId, activityId);
    } else if (job.kind === 'push' && activityId !== null) {
      let after = ownerId;
      do {
        after = await push(tx, kind, siteId, activityId, after, slice);
        if (after !== null && !within()) return { ...job, owner_id: after };
      } while (after !== null);
    }
    return null;
  }

  /**
   * Jobs in one transaction until `budgetMs` has passed, their events journaled with them;
   * false when the queue is empty. Their writes are sent ahead (store/pipeline.ts), so a write
   * that failed fails the commit rather than its job (see `drain`).
   */
  function step(): Promise<boolean> {
    return events.transaction(db, async (tx, record) => {
      const started = performance.now();
      const within = () => performance.now() - started < budgetMs;
      const jobs = await claim(tx, kind, claimSize);
      claimed = jobs;
      if (jobs.length === 0) return false;
      const left: JobRow[] = [];
      const pushed = new Map<string, number[]>();
      for (const job of jobs) {
        // In order: once one job goes back, the ones after it go back too. The first always
        // runs, so every transaction gets somewhere.
        if (left.length > 0 || (job !== jobs[0] && !within())) {
          left.push(job);
          continue;
        }
        try {
          const rest = await run(tx, job, within);
          if (rest) left.push(rest);
          else if (job.kind === 'push' && job.activity_id !== null) {
            pushed.set(job.site_id, [...(pushed.get(job.site_id) ?? []), job.activity_id]);
          }
        } catch (err) {
          failed = job.id;
          throw err;
        }
      }
      await putBack(tx, left);
      // Last, so the journal's topic locks are held only until the commit that follows.
      for (const [siteId, ids] of pushed) {
        for (const { activity, audience } of await pushedActivities(tx, siteId, ids)) {
          await record('activity.created', { siteId, activity, audience });
        }
      }
      const done = jobs.length - left.length;
      claimSize = left.length > 0 ? Math.max(1, done) : Math.min(CLAIM_MAX, claimSize * 2);
      return true;
    });
  }

  let failed: number | null = null;
  /** The jobs of the last transaction. */
  let claimed: JobRow[] = [];

  async function drain(): Promise<void> {
    while (!closed) {
      try {
        if (!(await step())) return;
      } catch (err) {
        onError(err);
        // A failed commit names no job: one job alone is the one; several are tried again one
        // at a time, which finds it.
        if (failed === null && claimed.length === 1) failed = claimed[0]!.id;
        else if (failed === null) claimSize = 1;
        // The failed job stays queued; it goes to the back of the queue and is retried later.
        if (failed !== null) {
          const id = failed;
          failed = null;
          await moveToBack(id).catch(onError);
        }
        scheduleRetry();
        return;
      }
      // Requests waiting for the database go first.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  async function moveToBack(id: number) {
    claimSize = 1;
    await db.transaction().execute(async (tx) => {
      const row = await tx.deleteFrom('activity_jobs').where('id', '=', id).returningAll().executeTakeFirst();
      if (!row) return;
      const { id: _old, ...rest } = row;
      await tx
        .insertInto('activity_jobs')
        .values({ ...rest, attempts: Number(row.attempts) + 1 })
        .execute();
    });
  }

  function scheduleRetry() {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = null;
      kick();
    }, retryMs);
    retry.unref();
  }

  const gathering = createGathering();

  function kick(): void {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    const gathered =
      gatherMs <= 0 ? new Promise<void>((resolve) => setImmediate(resolve)) : gathering.wait(gatherMs);
    running = gathered
      .then(() => {
        // What was kicked while gathering is in the queue now: this drain does it.
        again = false;
        return drain();
      })
      .finally(() => {
        running = null;
        if (again) kick();
      });
  }

  return {
    kick,
    /** Resolves once queued work (including work queued while waiting) is done. */
    async settled(): Promise<void> {
      while (running) {
        gathering.hurry();
        await running;
      }
    },
    async close(): Promise<void> {
      while (running) {
        gathering.hurry();
        await running;
      }
      closed = true;
      if (retry) clearTimeout(retry);
    },
  };
}

export type FanoutQueue = ReturnType<typeof createFanoutQueue>;
