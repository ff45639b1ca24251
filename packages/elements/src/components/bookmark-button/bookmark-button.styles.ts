import { css } from 'lit';

export default css`
  :host {
    display: inline-block;
  }
  .wrap {
    position: relative;
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
  }
  .toggle,
  .edit {
    min-height: 2rem;
    padding: 0.25rem 0.75rem;
    border: 1px solid var(--ss-color-border);
    border-radius: 999px;
    background: var(--ss-color-bg);
    cursor: pointer;
  }
  .edit {
    font-size: 0.8125em;
  }
  .toggle[aria-pressed='true'] {
    border-color: var(--ss-color-accent);
    background: var(--ss-color-accent-soft);
  }
  button:disabled {
    cursor: default;
    opacity: 0.6;
  }
  /* Over the page, hanging from the buttons: opening it never moves the row around them. */
  .panel {
    position: absolute;
    top: calc(100% + 0.375rem);
    inset-inline-start: 0;
    z-index: var(--ss-z-index, 1000);
    display: grid;
    gap: 0.375rem;
    width: min(22rem, calc(100vw - 1rem));
    margin: 0;
    padding: 0.75rem;
    border: 1px solid var(--ss-color-border);
    border-radius: 0.5rem;
    background: var(--ss-color-bg);
    box-shadow: 0 4px 16px rgb(0 0 0 / 0.12);
  }
  .panel[data-end] {
    inset-inline-start: auto;
    inset-inline-end: 0;
  }
  .actions {
    display: flex;
    justify-content: flex-end;
    gap: 0.5rem;
  }
`;
