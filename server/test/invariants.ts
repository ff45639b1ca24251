import { polarity } from '../src/comments/ranking.js';
import { pathSegment } from '../src/comments/serialize.js';
import type { Store } from '../src/store/database.js';

/**
 * Recomputes every denormalised counter of a site from the base rows and lists each
 * disagreement. An empty list means the counters are exact.
 */
export async function counterDrift({ db }: Store, siteId: string): Promise<string[]> {
  const problems: string[] = [];
  const comments = await db.selectFrom('comments').selectAll().where('site_id', '=', siteId).execute();
  const reactions = await db.selectFrom('reactions').selectAll().where('site_id', '=', siteId).execute();
  const counts = await db.selectFrom('reaction_counts').selectAll().where('site_id', '=', siteId).execute();
  const contents = await db.selectFrom('contents').selectAll().where('site_id', '=', siteId).execute();
  const byId = new Map(comments.map((c) => [Number(c.id), c]));

  for (const c of comments) {
    const id = Number(c.id);
    const children = comments.filter((x) => Number(x.parent_comment_id) === id);
    const approvedChildren = children.filter((x) => x.is_approved === 1).length;
    if (Number(c.reply_count) !== approvedChildren)
      problems.push(`comment ${id}: reply_count ${c.reply_count} ≠ ${approvedChildren}`);
    if (c.is_deleted === 1 && children.length === 0)
      problems.push(`comment ${id}: tombstone without replies`);
    const mine = reactions.filter((r) => r.target_type === 'comment' && Number(r.target_id) === id);
    if (Number(c.like_count) !== mine.length)
      problems.push(`comment ${id}: like_count ${c.like_count} ≠ ${mine.length}`);
    const ups = mine.filter((r) => polarity(r.reaction_type) > 0).length;
    const downs = mine.filter((r) => polarity(r.reaction_type) < 0).length;
    if (Number(c.ups) !== ups || Number(c.downs) !== downs)
      problems.push(`comment ${id}: ups/downs ${c.ups}/${c.downs} ≠ ${ups}/${downs}`);
    const parent = c.parent_comment_id === null ? null : byId.get(Number(c.parent_comment_id));
    if (c.parent_comment_id !== null && !parent) problems.push(`comment ${id}: parent missing`);
    const expectedPath = `${parent?.path ?? '/'}${pathSegment(id)}/`;
    if (c.path !== expectedPath) problems.push(`comment ${id}: path ${c.path} ≠ ${expectedPath}`);
    const expectedRoot = parent ? Number(parent.root_comment_id ?? parent.id) : null;
    if ((c.root_comment_id === null ? null : Number(c.root_comment_id)) !== expectedRoot)
      problems.push(`comment ${id}: wrong root`);
  }

  const grouped = new Map<string, number>();
  for (const r of reactions) {
    const k = `${r.target_type}:${Number(r.target_id)}:${r.reaction_type}`;
    grouped.set(k, (grouped.get(k) ?? 0) + 1);
  }
  const stored = new Map(
    counts
      .filter((c) => Number(c.count) !== 0)
      .map((c) => [`${c.target_type}:${Number(c.target_id)}:${c.reaction_type}`, Number(c.count)]),
  );
  for (const [k, n] of grouped)
    if (stored.get(k) !== n) problems.push(`reaction_counts ${k}: ${stored.get(k)} ≠ ${n}`);
  for (const [k, n] of stored)
    if (!grouped.has(k)) problems.push(`reaction_counts ${k}: ${n} without reactions`);

  for (const t of contents) {
    const id = Number(t.id);
    const visible = comments.filter(
      (c) => Number(c.content_ref) === id && c.is_approved === 1 && c.is_deleted === 0,
    ).length;
    if (Number(t.comment_count) !== visible)
      problems.push(`content ${t.key}: comment_count ${t.comment_count} ≠ ${visible}`);
    const reacts = reactions.filter((r) => r.target_type === 'content' && Number(r.target_id) === id).length;
    if (Number(t.reaction_count) !== reacts)
      problems.push(`content ${t.key}: reaction_count ${t.reaction_count} ≠ ${reacts}`);
  }
  return problems;
}

/** Small deterministic PRNG so a failing sequence can be replayed from its seed. */
export function prng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}
