import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  .feed {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .entry {
    display: flex;
    gap: 0.625rem;
    align-items: flex-start;
    padding: 0.625rem 0;
    border-bottom: 1px solid var(--ss-color-border);
  }
  .entry--creator {
    border-inline-start: 3px solid var(--ss-color-accent);
    padding-inline-start: 0.5rem;
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
    margin-inline-start: -0.625rem;
  }
  .avatar--initial {
    display: inline-grid;
    place-items: center;
    background: var(--ss-color-accent-soft);
    font-size: 0.75rem;
    font-weight: 700;
  }
  .text {
    margin: 0;
    line-height: 1.4;
  }
  a {
    color: var(--ss-color-accent);
  }
  time {
    display: block;
    color: var(--ss-color-text-muted);
    font-size: 0.8125em;
  }
  .state {
    color: var(--ss-color-text-muted);
  }
  .state--error {
    color: var(--ss-color-danger);
  }
  .more {
    margin-top: 0.75rem;
  }
`;
