import { css } from 'lit';

export default css`
  :host {
    display: inline-block;
  }
  .wrap {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
  }
  button {
    min-height: 2rem;
    padding: 0.25rem 0.875rem;
    border: 1px solid var(--ss-color-accent);
    border-radius: 999px;
    font-weight: 600;
    cursor: pointer;
  }
  .follow {
    background: var(--ss-color-accent);
    color: var(--ss-color-accent-contrast);
  }
  .following {
    background: var(--ss-color-bg);
    color: var(--ss-color-text);
  }
  button:disabled {
    cursor: default;
    opacity: 0.6;
  }
  .count {
    color: var(--ss-color-text-muted);
    font-size: 0.875em;
    font-variant-numeric: tabular-nums;
  }
`;
