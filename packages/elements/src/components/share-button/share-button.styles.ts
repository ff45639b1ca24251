import { css } from 'lit';

export default css`
  :host {
    display: inline-block;
    position: relative;
  }
  .wrap {
    position: relative;
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
  }
  .share {
    min-height: 2rem;
    padding: 0.25rem 0.75rem;
    border: 1px solid var(--ss-color-border);
    border-radius: 999px;
    background: var(--ss-color-bg);
    cursor: pointer;
  }
  .count {
    color: var(--ss-color-text-muted);
    font-size: 0.875em;
    font-variant-numeric: tabular-nums;
  }
  /* Over the page, hanging from the button: opening it never moves the row around it. */
  .menu {
    position: absolute;
    top: calc(100% + 0.25rem);
    inset-inline-start: 0;
    z-index: var(--ss-z-index, 1000);
    min-width: 11rem;
    margin: 0;
    padding: 0.25rem;
    list-style: none;
    border: 1px solid var(--ss-color-border);
    border-radius: 0.5rem;
    background: var(--ss-color-bg);
    box-shadow: 0 4px 16px rgb(0 0 0 / 0.12);
  }
  .item {
    display: block;
    width: 100%;
    padding: 0.375rem 0.625rem;
    border: 0;
    border-radius: 0.25rem;
    background: none;
    color: var(--ss-color-text);
    font: inherit;
    text-align: start;
    text-decoration: none;
    cursor: pointer;
  }
  .item:hover {
    background: var(--ss-color-surface);
  }
  .done {
    color: var(--ss-color-accent);
  }
  .manual {
    display: grid;
    gap: 0.25rem;
    padding: 0.375rem 0.625rem;
  }
  .label {
    font-size: 0.8125em;
    font-weight: 600;
  }
  .url {
    width: min(18rem, calc(100vw - 2rem));
    padding: 0.25rem 0.5rem;
  }
`;
