import { css } from 'lit';

/** One inbox item as the bell and the list show it. */
export const notificationItemStyles = css`
  .item {
    display: flex;
    gap: 0.625rem;
    align-items: flex-start;
    width: 100%;
    padding: 0.625rem 0.75rem;
    border: 0;
    background: none;
    color: inherit;
    text-align: start;
    text-decoration: none;
    line-height: 1.4;
  }
  /* A light tint of the accent: muted text on it keeps 4.5:1 in both themes. */
  .item--unread {
    background: var(
      --ss-notification-unread-bg,
      color-mix(in srgb, var(--ss-color-accent) 9%, var(--ss-color-bg))
    );
  }
  .avatars {
    display: flex;
    flex: none;
  }
  .avatar {
    width: 1.75rem;
    height: 1.75rem;
    border-radius: 50%;
    border: 2px solid var(--ss-color-bg);
    object-fit: cover;
  }
  .avatar + .avatar {
    margin-inline-start: -0.75rem;
  }
  .avatar--initial {
    display: inline-grid;
    place-items: center;
    background: hsl(var(--ss-hue, 210) 60% var(--ss-avatar-lightness, 88%));
    font-size: 0.75rem;
    font-weight: 700;
  }
  .body {
    display: grid;
    flex: 1;
    min-width: 0;
    gap: 0.125rem;
  }
  .item--unread .message {
    font-weight: 600;
  }
  .excerpt {
    overflow: hidden;
    display: -webkit-box;
    -webkit-line-clamp: 2;
    -webkit-box-orient: vertical;
    color: var(--ss-color-text-muted);
    font-size: 0.875em;
  }
  .meta {
    color: var(--ss-color-text-muted);
    font-size: 0.8125em;
  }
  .dot {
    flex: none;
    width: 0.5rem;
    height: 0.5rem;
    margin-top: 0.375rem;
    border-radius: 50%;
    background: var(--ss-color-accent);
  }
`;
