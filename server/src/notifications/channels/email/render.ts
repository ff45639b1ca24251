import { NOTIFICATION_TYPES, type NotificationType } from '@sharestack/protocol';
import { escapeHtml } from '../../../http/escape.js';
import type { MailContext, MailItem, RenderedMail } from '../types.js';

/**
 * Notification email: one template per type for a single notification, and a digest that groups
 * several by type. Every user-given string (names, messages, excerpts, the site's name) is
 * escaped in the HTML part; links are used only when they are http(s).
 */

interface TypeCopy {
  /** Heading of a single notification's email. */
  heading: string;
  /** The call to action under it. */
  action: string;
  /** Digest section title, singular and plural. */
  one: string;
  many: string;
}

const COPY: Record<NotificationType, TypeCopy> = {
  follow: {
    heading: 'You have a new follower',
    action: 'See who it is',
    one: 'New follower',
    many: 'New followers',
  },
  like: { heading: 'Someone liked your post', action: 'View it', one: 'Like', many: 'Likes' },
  comment: {
    heading: 'New comment on your post',
    action: 'Read the comment',
    one: 'Comment',
    many: 'Comments',
  },
  reply: { heading: 'New reply to your comment', action: 'Read the reply', one: 'Reply', many: 'Replies' },
  mention: { heading: 'You were mentioned', action: 'Read it', one: 'Mention', many: 'Mentions' },
  content_update: {
    heading: 'New from a creator you follow',
    action: 'Read it',
    one: 'Update from a creator you follow',
    many: 'Updates from creators you follow',
  },
};

const EXCERPT_MAX = 300;
const SUBJECT_MAX = 180;

/** The URL itself when it is absolute http(s), otherwise null (no javascript:, data:, …). */
export function safeUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

/** One line, no control characters, at most `max` characters (for subjects and headings). */
function oneLine(text: string, max: number): string {
  const flat = text
    .replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

function excerptOf(item: MailItem): string | null {
  if (!item.excerpt) return null;
  const text = item.excerpt.replace(/\s+/g, ' ').trim();
  if (!text) return null;
  return text.length > EXCERPT_MAX ? `${text.slice(0, EXCERPT_MAX - 1).trimEnd()}…` : text;
}

function isDigest(ctx: MailContext): boolean {
  return ctx.frequency !== 'instant' || ctx.items.length > 1;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function subjectOf(ctx: MailContext): string {
  const site = oneLine(ctx.site.name, 80);
  if (!isDigest(ctx)) return oneLine(ctx.items[0]?.message ?? `New notification on ${site}`, SUBJECT_MAX);
  const count = plural(ctx.items.length, 'new notification', 'new notifications');
  const lead =
    ctx.frequency === 'daily'
      ? 'Your daily digest'
      : ctx.frequency === 'hourly'
        ? 'Your hourly digest'
        : 'Notifications';
  return oneLine(`${lead}: ${count} on ${site}`, SUBJECT_MAX);
}

/** Items grouped by type in the protocol's order, newest first within a type. */
export function groupByType(items: MailItem[]): { type: NotificationType; items: MailItem[] }[] {
  return NOTIFICATION_TYPES.map((type) => ({
    type,
    items: items.filter((i) => i.type === type).sort((a, b) => b.created_at.localeCompare(a.created_at)),
  })).filter((g) => g.items.length > 0);
}

const STYLE = {
  body: 'margin:0;padding:0;background:#f4f4f5;font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#18181b',
  card: 'max-width:560px;margin:24px auto;background:#ffffff;border-radius:8px;padding:24px',
  h1: 'font-size:20px;margin:0 0 16px',
  h2: 'font-size:16px;margin:24px 0 8px',
  quote: 'margin:8px 0;padding:8px 12px;border-left:3px solid #d4d4d8;color:#3f3f46',
  button:
    'display:inline-block;padding:8px 16px;background:#2563eb;color:#ffffff;text-decoration:none;border-radius:6px',
  footer: 'max-width:560px;margin:0 auto 24px;font-size:12px;color:#71717a;text-align:center',
};

function htmlItem(item: MailItem, withAction: string | null): string {
  const url = safeUrl(item.url);
  const excerpt = excerptOf(item);
  const message = escapeHtml(oneLine(item.message, 500));
  const parts = [
    `<p style="margin:8px 0">${url && !withAction ? `<a href="${escapeHtml(url)}">${message}</a>` : message}</p>`,
  ];
  if (excerpt) parts.push(`<blockquote style="${STYLE.quote}">${escapeHtml(excerpt)}</blockquote>`);
  if (url && withAction) {
    parts.push(`<p><a href="${escapeHtml(url)}" style="${STYLE.button}">${escapeHtml(withAction)}</a></p>`);
  }
  return parts.join('\n');
}

function textItem(item: MailItem, withAction: string | null): string {
  const url = safeUrl(item.url);
  const excerpt = excerptOf(item);
  const lines = [oneLine(item.message, 500)];
  if (excerpt) lines.push(`  “${excerpt}”`);
  if (url) lines.push(withAction ? `${withAction}: ${url}` : `  ${url}`);
  return lines.join('\n');
}

function footer(ctx: MailContext) {
  const site = oneLine(ctx.site.name, 80);
  const page = safeUrl(ctx.unsubscribe.pageUrl);
  const prefs = safeUrl(ctx.unsubscribe.preferencesUrl);
  const why = `You receive this email because notifications by email are on for your account on ${site}.`;
  const htmlLinks = [
    page ? `<a href="${escapeHtml(page)}">Unsubscribe</a>` : null,
    prefs ? `<a href="${escapeHtml(prefs)}">Notification preferences</a>` : null,
  ].filter(Boolean);
  const textLinks = [
    page ? `Unsubscribe: ${page}` : null,
    prefs ? `Notification preferences: ${prefs}` : null,
  ].filter(Boolean);
  return {
    html: `<p style="${STYLE.footer}">${escapeHtml(why)}<br>${htmlLinks.join(' · ')}</p>`,
    text: `--\n${why}\n${textLinks.join('\n')}`,
  };
}

function page(title: string, content: string, foot: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width,initial-scale=1">',
    `<title>${escapeHtml(title)}</title></head>`,
    `<body style="${STYLE.body}">`,
    `<div style="${STYLE.card}">`,
    content,
    '</div>',
    foot,
    '</body></html>',
  ].join('\n');
}

/** Subject, HTML and text of an instant email or a digest. */
export function renderMail(ctx: MailContext): RenderedMail {
  if (ctx.items.length === 0) throw new Error('renderMail needs at least one item');
  const subject = subjectOf(ctx);
  const foot = footer(ctx);
  const greeting = `Hi ${oneLine(ctx.recipient.name, 80) || 'there'},`;
  const site = oneLine(ctx.site.name, 80);

  if (!isDigest(ctx)) {
    const item = ctx.items[0]!;
    const copy = COPY[item.type];
    const html = page(
      subject,
      [
        `<h1 style="${STYLE.h1}">${escapeHtml(copy.heading)}</h1>`,
        `<p style="margin:8px 0">${escapeHtml(greeting)}</p>`,
        htmlItem(item, copy.action),
      ].join('\n'),
      foot.html,
    );
    const text = [
      greeting,
      '',
      `${copy.heading} on ${site}:`,
      '',
      textItem(item, copy.action),
      '',
      foot.text,
    ].join('\n');
    return { subject, html, text };
  }

  const groups = groupByType(ctx.items);
  const summary = `${plural(ctx.items.length, 'new notification', 'new notifications')} on ${site}`;
  const htmlSections = groups.map(({ type, items }) => {
    const title = `${items.length === 1 ? COPY[type].one : COPY[type].many} (${items.length})`;
    const list = items.map((i) => `<li style="margin:0 0 12px">${htmlItem(i, null)}</li>`).join('\n');
    return `<h2 style="${STYLE.h2}">${escapeHtml(title)}</h2>\n<ul style="padding-left:20px;margin:0">\n${list}\n</ul>`;
  });
  const textSections = groups.map(({ type, items }) => {
    const title = `${items.length === 1 ? COPY[type].one : COPY[type].many} (${items.length})`;
    const list = items.map((i) => `- ${textItem(i, null).replace(/\n/g, '\n  ')}`).join('\n');
    return `${title}\n${'='.repeat(title.length)}\n${list}`;
  });
  const html = page(
    subject,
    [
      `<h1 style="${STYLE.h1}">${escapeHtml(subject)}</h1>`,
      `<p style="margin:8px 0">${escapeHtml(greeting)} you have ${escapeHtml(summary)}.</p>`,
      ...htmlSections,
    ].join('\n'),
    foot.html,
  );
  const text = [`${greeting} you have ${summary}.`, '', textSections.join('\n\n'), '', foot.text].join('\n');
  return { subject, html, text };
}

/**
 * Headers every notification email carries: one-click unsubscribe (RFC 8058, RFC 2369) and
 * Auto-Submitted (RFC 3834) so auto-responders stay quiet.
 */
export function mailHeaders(ctx: MailContext): Record<string, string> {
  const headers: Record<string, string> = { 'Auto-Submitted': 'auto-generated' };
  const oneClick = safeUrl(ctx.unsubscribe.oneClickUrl);
  if (oneClick) {
    // A URL's own characters never include <, > or whitespace once parsed, so it cannot break out.
    headers['List-Unsubscribe'] = `<${oneClick}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }
  return headers;
}
