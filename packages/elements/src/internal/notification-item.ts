import { msg } from '@lit/localize';
import type { Notification } from '@sharestack/protocol';
import { html, nothing, type TemplateResult } from 'lit';
import { notificationText } from './notification-text.js';
import { absoluteTime, relativeTime } from './time.js';

const hue = (name: string) => [...name].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) % 360, 7);

/**
 * Avatars (or initials) of up to three actors, then the text, the excerpt and the time.
 * `messageId` names the text, for buttons about the item to point at (`aria-describedby`).
 */
export function notificationBody(n: Notification, locale: string, messageId?: string): TemplateResult {
  return html`<span class="avatars" aria-hidden="true">
      ${n.actors.map((a) =>
        a.avatar_url
          ? html`<img class="avatar" src=${a.avatar_url} alt="" loading="lazy" />`
          : html`<span class="avatar avatar--initial" style="--ss-hue:${hue(a.name)}"
              >${a.name.slice(0, 1).toUpperCase()}</span
            >`,
      )}
    </span>
    <span class="body">
      <span class="message" id=${messageId ?? nothing}>${notificationText(n)}</span>
      ${n.excerpt ? html`<span class="excerpt">${n.excerpt}</span>` : nothing}
      <span class="meta">
        <time datetime=${n.created_at} title=${absoluteTime(n.created_at, locale)}
          >${relativeTime(n.created_at, locale)}</time
        >${n.is_read ? nothing : html`<span class="sr-only">, ${msg('unread')}</span>`}
      </span>
    </span>
    ${n.is_read ? nothing : html`<span class="dot" aria-hidden="true"></span>`}`;
}
