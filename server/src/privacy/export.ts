import type { PrivacyExport } from '@sharestack/protocol';
import { AS_CONTEXT } from '@sharestack/protocol/schemas';
import { wireId } from '../ids.js';
import type { Db } from '../store/db.js';

type ExportActivity = PrivacyExport['activities']['orderedItems'][number];

const urn = (siteId: string, kind: string, id: string | number) =>
  `urn:sharestack:${encodeURIComponent(siteId)}:${kind}:${encodeURIComponent(String(id))}`;

/** Everything one user did on one site: JSON sections, and the same as ActivityStreams 2.0. */
export async function exportUser(
  db: Db,
  siteId: string,
  userId: string,
  name: string,
): Promise<PrivacyExport> {
  const [user, comments, reactions, reports] = await Promise.all([
    db
      .selectFrom('users')
      .selectAll()
      .where('site_id', '=', siteId)
      .where('id', '=', userId)
      .executeTakeFirst(),
    db
      .selectFrom('comments as c')
      .innerJoin('contents as t', 't.id', 'c.content_ref')
      .select([
        'c.id',
        't.key as content_key',
        'c.parent_comment_id',
        'c.comment_text',
        'c.html',
        'c.is_approved',
        'c.created_at',
        'c.edited_at',
      ])
      .where('c.site_id', '=', siteId)
      .where('c.user_id', '=', userId)
      .where('c.is_deleted', '=', 0)
      .orderBy('c.id')
      .execute(),
    db
      .selectFrom('reactions as r')
      .leftJoin('contents as t', (j) =>
        j.onRef('t.id', '=', 'r.target_id').on('r.target_type', '=', 'content'),
      )
      .select(['r.target_type', 'r.target_id', 't.key as content_key', 'r.reaction_type', 'r.created_at'])
      .where('r.site_id', '=', siteId)
      .where('r.user_id', '=', userId)
      .orderBy('r.id')
      .execute(),
    db
      .selectFrom('moderation_reports')
      .select(['comment_id', 'reason', 'details', 'created_at'])
      .where('site_id', '=', siteId)
      .where('user_id', '=', userId)
      .orderBy('id')
      .execute(),
  ]);

  const actor = urn(siteId, 'user', userId);
  const targetOf = (r: (typeof reactions)[number]) =>
    r.target_type === 'content' ? (r.content_key ?? String(r.target_id)) : wireId(r.target_id);
  const activities: ExportActivity[] = [
    ...comments.map((c) => ({
      id: urn(siteId, 'activity', `create-${c.id}`),
      type: 'Create' as const,
      actor,
      published: c.created_at,
      object: {
        type: 'Note',
        id: urn(siteId, 'comment', c.id),
        content: c.html,
        source: { content: c.comment_text, mediaType: 'text/markdown' },
        context: urn(siteId, 'content', c.content_key),
        ...(c.parent_comment_id === null ? {} : { inReplyTo: urn(siteId, 'comment', c.parent_comment_id) }),
        ...(c.edited_at ? { updated: c.edited_at } : {}),
      },
    })),
    ...reactions.map((r, i) => ({
      id: urn(siteId, 'activity', `like-${i}`),
      type: 'Like' as const,
      actor,
      published: r.created_at,
      summary: r.reaction_type,
      object: {
        id: urn(siteId, r.target_type, targetOf(r)),
        type: r.target_type === 'content' ? 'Page' : 'Note',
      },
    })),
    ...reports.map((r, i) => ({
      id: urn(siteId, 'activity', `flag-${i}`),
      type: 'Flag' as const,
      actor,
      published: r.created_at,
      summary: r.reason,
      object: { id: urn(siteId, 'comment', r.comment_id), type: 'Note' },
    })),
  ].sort((a, b) => (a.published < b.published ? 1 : a.published > b.published ? -1 : 0));

  return {
    exported_at: new Date().toISOString(),
    site_id: siteId,
    user: {
      id: userId,
      name: user?.name ?? name,
      avatar_url: user?.avatar_url ?? null,
      is_guest: user?.is_guest === 1,
      created_at: user?.created_at ?? null,
    },
    comments: comments.map((c) => ({
      id: wireId(c.id),
      content_id: c.content_key,
      parent_comment_id: c.parent_comment_id === null ? null : wireId(c.parent_comment_id),
      comment_text: c.comment_text,
      is_approved: c.is_approved === 1,
      created_at: c.created_at,
      edited_at: c.edited_at,
    })),
    reactions: reactions.map((r) => ({
      target_type: r.target_type,
      target_id: targetOf(r),
      reaction_type: r.reaction_type,
      created_at: r.created_at,
    })),
    reports: reports.map((r) => ({
      comment_id: wireId(r.comment_id),
      reason: r.reason,
      details: r.details,
      created_at: r.created_at,
    })),
    activities: {
      '@context': AS_CONTEXT,
      type: 'OrderedCollection',
      totalItems: activities.length,
      orderedItems: activities,
    },
    sections: {},
  };
}
