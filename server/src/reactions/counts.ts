import type { TargetType } from '@sharestack/protocol';
import { polarity, scores } from '../comments/ranking.js';
import type { Db } from '../store/db.js';

export type Deltas = Map<string, number>;

/**
 * Applies per-type count changes to a target and everything derived from them (comment
 * totals and ranking scores), inside the caller's transaction so counts never drift.
 * Types are applied in name order so concurrent switches lock rows in the same order.
 */
export async function applyDeltas(
  tx: Db,
  siteId: string,
  targetType: TargetType,
  targetId: number,
  deltas: Deltas,
): Promise<void> {
  const changes = [...deltas].filter(([, d]) => d !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (changes.length === 0) return;
  for (const [type, d] of changes) {
    await tx
      .insertInto('reaction_counts')
      .values({
        site_id: siteId,
        target_type: targetType,
        target_id: targetId,
        reaction_type: type,
        count: d,
      })
      .onConflict((oc) =>
        oc
          .columns(['site_id', 'target_type', 'target_id', 'reaction_type'])
          .doUpdateSet((eb) => ({ count: eb('reaction_counts.count', '+', d) })),
      )
      .execute();
  }
  await tx
    .deleteFrom('reaction_counts')
    .where('site_id', '=', siteId)
    .where('target_type', '=', targetType)
    .where('target_id', '=', targetId)
    .where('count', '<=', 0)
    .execute();

  const total = changes.reduce((sum, [, d]) => sum + d, 0);
  if (targetType === 'content') {
    if (total !== 0) {
      await tx
        .updateTable('contents')
        .set((eb) => ({ reaction_count: eb('reaction_count', '+', total) }))
        .where('id', '=', targetId)
        .execute();
    }
    return;
  }
  let ups = 0;
  let downs = 0;
  for (const [type, d] of changes) {
    if (polarity(type) > 0) ups += d;
    if (polarity(type) < 0) downs += d;
  }
  const row = await tx
    .updateTable('comments')
    .set((eb) => ({
      like_count: eb('like_count', '+', total),
      ups: eb('ups', '+', ups),
      downs: eb('downs', '+', downs),
    }))
    .where('id', '=', targetId)
    .returning(['ups', 'downs', 'created_at'])
    .executeTakeFirstOrThrow();
  await tx
    .updateTable('comments')
    .set(scores(Number(row.ups), Number(row.downs), row.created_at))
    .where('id', '=', targetId)
    .execute();
}
