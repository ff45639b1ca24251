import type { ShareChannel } from '@sharestack/protocol';

/** Menu channels that are plain links to a network's share page. */
export const LINK_CHANNELS = ['email', 'x', 'facebook', 'linkedin', 'reddit', 'whatsapp'] as const;
export type LinkChannel = (typeof LINK_CHANNELS)[number];

const enc = encodeURIComponent;

/** The share page of each network for `url` (and a title where the network takes one). */
export function shareLink(channel: LinkChannel, url: string, title: string): string {
  switch (channel) {
    case 'email':
      return `mailto:?subject=${enc(title)}&body=${enc(url)}`;
    case 'x':
      return `https://x.com/intent/post?url=${enc(url)}&text=${enc(title)}`;
    case 'facebook':
      return `https://www.facebook.com/sharer/sharer.php?u=${enc(url)}`;
    case 'linkedin':
      return `https://www.linkedin.com/sharing/share-offsite/?url=${enc(url)}`;
    case 'reddit':
      return `https://www.reddit.com/submit?url=${enc(url)}&title=${enc(title)}`;
    case 'whatsapp':
      return `https://wa.me/?text=${enc(title ? `${title} ${url}` : url)}`;
  }
}

/** Only web links are shared (a `javascript:` URL must never become a link). */
export const isWebUrl = (value: string | null | undefined): value is string =>
  typeof value === 'string' && /^https?:\/\//i.test(value);

export type { ShareChannel };
