import { css } from 'lit';

export default css`
  :host {
    display: block;
    background: var(--ss-color-bg);
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 0.75rem;
    padding-bottom: 0.75rem;
    border-bottom: 1px solid var(--ss-color-border);
  }
  .views {
    display: inline-flex;
    border: 1px solid var(--ss-color-border);
    border-radius: var(--ss-radius);
    overflow: hidden;
  }
  .view {
    padding: 0.25rem 0.75rem;
    border: 0;
    background: var(--ss-color-bg);
    font-size: 0.875em;
    font-weight: 600;
    cursor: pointer;
  }
  .view + .view {
    border-inline-start: 1px solid var(--ss-color-border);
  }
  .view[aria-pressed='true'] {
    background: var(--ss-color-accent);
    color: var(--ss-color-accent-contrast);
  }
  .type {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    font-size: 0.875em;
  }
  .type .input {
    width: auto;
    padding: 0.25rem 0.5rem;
  }
  [data-action='mark-all'] {
    margin-inline-start: auto;
  }
  .list {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .row {
    border-bottom: 1px solid var(--ss-color-border);
  }
  .row--unread {
    background: var(
      --ss-notification-unread-bg,
      color-mix(in srgb, var(--ss-color-accent) 9%, var(--ss-color-bg))
    );
  }
  .item {
    cursor: pointer;
  }
  .item--unread {
    background: none;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    padding: 0 0.75rem 0.5rem calc(0.75rem + 2.375rem);
  }
  .link--danger:hover {
    color: var(--ss-color-danger);
  }
  .state {
    margin: 0;
    padding: 1rem 0;
    color: var(--ss-color-text-muted);
  }
  .state p {
    margin: 0 0 0.5rem;
  }
  .state--error {
    color: var(--ss-color-danger);
  }
  .more {
    margin-top: 0.75rem;
  }
`;
