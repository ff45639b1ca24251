import MarkdownIt from 'markdown-it';
import type StateInline from 'markdown-it/lib/rules_inline/state_inline.mjs';
import { FilterXSS } from 'xss';
import { escapeHtml } from '../http/escape.js';

const MENTION = /^@([A-Za-z0-9_.-]{1,64})/;
const MAX_MENTIONS = 50;

/** `@name` where the @ does not continue a word (so e-mail addresses are not mentions). */
function mentionRule(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x40 /* @ */) return false;
  const prev = state.pos > 0 ? state.src[state.pos - 1]! : ' ';
  if (/[A-Za-z0-9_.@-]/.test(prev)) return false;
  const match = MENTION.exec(state.src.slice(state.pos, state.pos + 66));
  // A sentence may end right after a name: "thanks @ana." mentions "ana".
  const handle = match?.[1]?.replace(/[.-]+$/, '');
  if (!handle) return false;
  if (!silent) {
    const token = state.push('mention', '', 0);
    token.content = handle;
  }
  state.pos += 1 + handle.length;
  return true;
}

function createMarkdown(): MarkdownIt {
  const md = new MarkdownIt('default', { html: false, linkify: true, breaks: true, typographer: false });
  // Images would let a comment load third-party content into the host page (tracking pixels).
  md.disable(['image']);
  md.inline.ruler.after('emphasis', 'mention', mentionRule);
  md.renderer.rules.mention = (tokens, idx) =>
    `<span class="ss-mention">@${escapeHtml(tokens[idx]!.content)}</span>`;
  const defaultLinkOpen = md.renderer.rules.link_open ?? ((t, i, o, _e, self) => self.renderToken(t, i, o));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!;
    token.attrSet('rel', 'nofollow ugc noopener');
    token.attrSet('target', '_blank');
    return defaultLinkOpen(tokens, idx, options, env, self);
  };
  return md;
}

/** Defence in depth: whatever markdown-it emits must also pass a strict allow-list. */
const sanitizer = new FilterXSS({
  whiteList: {
    a: ['href', 'title', 'rel', 'target'],
    p: [],
    br: [],
    hr: [],
    strong: [],
    em: [],
    s: [],
    del: [],
    code: [],
    pre: [],
    blockquote: [],
    ul: [],
    ol: ['start'],
    li: [],
    h1: [],
    h2: [],
    h3: [],
    h4: [],
    h5: [],
    h6: [],
    table: [],
    thead: [],
    tbody: [],
    tr: [],
    th: [],
    td: [],
    span: ['class'],
  },
  stripIgnoreTag: true,
  stripIgnoreTagBody: ['script', 'style', 'iframe', 'object', 'embed', 'svg', 'math'],
  onTagAttr(tag, name, value) {
    if (tag === 'span' && name === 'class') return value === 'ss-mention' ? 'class="ss-mention"' : '';
    if (tag === 'a' && name === 'href' && !/^(https?:|mailto:)/i.test(value.trim())) return '';
    if (tag === 'a' && name === 'target') return value === '_blank' ? 'target="_blank"' : '';
    if (tag === 'ol' && name === 'start') return /^\d{1,6}$/.test(value) ? `start="${value}"` : '';
    return undefined;
  },
});

const md = createMarkdown();

export interface Rendered {
  html: string;
  mentions: string[];
}

/**
 * One line of plain prose, which is what most comments are: no character that starts markup,
 * an entity, a mention or a link (a dot only before a space, punctuation or the end, so no
 * domain name), no leading or trailing space, no line break. markdown-it and the sanitiser
 * would make exactly `<p>text</p>` of it (render.test.ts holds the two paths to that), at a fraction
 * of the cost.
 */
const PLAIN = /^[A-Za-z](?:[A-Za-z0-9 ,!?'():;-]|\.(?![A-Za-z0-9_]))*$/;

export function renderComment(text: string): Rendered {
  if (PLAIN.test(text) && !text.endsWith(' ')) return { html: `<p>${text}</p>`, mentions: [] };
  return renderMarkdown(text);
}

/** The full rendering, whatever the text (renderComment takes a short path where it can). */
export function renderMarkdown(text: string): Rendered {
  const tokens = md.parse(text, {});
  const mentions = new Set<string>();
  for (const block of tokens) {
    for (const t of block.children ?? []) {
      if (t.type === 'mention' && mentions.size < MAX_MENTIONS) mentions.add(t.content);
    }
  }
  const html = sanitizer.process(md.renderer.render(tokens, md.options, {})).trim();
  return { html, mentions: [...mentions] };
}
