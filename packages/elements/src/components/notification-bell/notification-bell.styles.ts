import { css } from 'lit';

export default css`
  :host {
    display: inline-block;
  }
  .anchor {
    position: relative;
    display: inline-block;
  }
  .bell {
    position: relative;
    display: inline-grid;
    place-items: center;
    width: 2.25rem;
    height: 2.25rem;
    padding: 0;
    border: 1px solid transparent;
    border-radius: 50%;
    background: none;
    color: var(--ss-color-text);
    cursor: pointer;
  }
  .bell:hover,
  :host([open]) .bell {
    background: var(--ss-color-surface);
    border-color: var(--ss-color-border);
  }
  .badge {
    position: absolute;
    top: -0.125rem;
    inset-inline-end: -0.25rem;
    min-width: 1.125rem;
    height: 1.125rem;
    padding: 0 0.3125rem;
    border-radius: 999px;
    background: var(--ss-color-danger);
    color: var(--ss-color-bg);
    font-size: 0.6875rem;
    font-weight: 700;
    line-height: 1.125rem;
    text-align: center;
    font-variant-numeric: tabular-nums;
  }
  .panel {
    position: absolute;
    top: calc(100% + 0.375rem);
    inset-inline-end: 0;
    z-index: var(--ss-z-index, 1000);
    width: min(var(--ss-notification-panel-width, 22rem), calc(100vw - 1rem));
    max-height: var(--ss-notification-panel-max-height, 28rem);
    overflow: auto;
    border: 1px solid var(--ss-color-border);
    border-radius: var(--ss-radius);
    background: var(--ss-color-bg);
    box-shadow: 0 8px 24px rgb(0 0 0 / 0.16);
  }
  .panel:focus {
    outline: none;
  }
  .head {
    position: sticky;
    top: 0;
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
    padding: 0.5rem 0.75rem;
    border-bottom: 1px solid var(--ss-color-border);
    background: var(--ss-color-bg);
  }
  .title {
    margin: 0;
    font-size: 1em;
  }
  .list {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .list li + li {
    border-top: 1px solid var(--ss-color-border);
  }
  .item {
    cursor: pointer;
  }
  .item:hover {
    background: var(--ss-color-surface);
  }
  .item:focus-visible {
    outline-offset: -2px;
  }
  .state {
    margin: 0;
    padding: 1rem 0.75rem;
    color: var(--ss-color-text-muted);
  }
  .state--error {
    color: var(--ss-color-danger);
  }
  .error {
    padding: 0 0.75rem 0.5rem;
  }
  .see-all {
    display: block;
    padding: 0.5rem 0.75rem;
    border-top: 1px solid var(--ss-color-border);
    color: var(--ss-color-accent);
    font-weight: 600;
    text-align: center;
  }
`;
