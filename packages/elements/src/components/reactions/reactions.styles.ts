import { css } from 'lit';

export default css`
  :host {
    display: inline-block;
  }
  .reactions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375rem;
  }
  button {
    display: inline-flex;
    align-items: center;
    gap: 0.3em;
    min-height: 1.75rem;
    padding: 0.125rem 0.5rem;
    border: 1px solid var(--ss-color-border);
    border-radius: 999px;
    background: var(--ss-color-bg);
    font-size: 0.8125em;
    line-height: 1;
    cursor: pointer;
    transition: background-color 0.15s, border-color 0.15s, transform 0.1s;
  }
  button:hover:not(:disabled) {
    border-color: var(--ss-color-accent);
  }
  button:active:not(:disabled) {
    transform: scale(0.94);
  }
  button[aria-pressed='true'] {
    border-color: var(--ss-color-accent);
    background: var(--ss-color-accent-soft);
    color: var(--ss-color-text);
  }
  button:disabled {
    cursor: default;
  }
  .emoji {
    font-size: 1.1em;
  }
  .count {
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
`;
