import { css } from 'lit';

export default css`
  :host {
    display: inline-block;
  }
  .wrap {
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
  .panel {
    display: grid;
    gap: 0.375rem;
    max-width: 22rem;
    margin-top: 0.5rem;
    padding: 0.75rem;
    border: 1px solid var(--ss-color-border);
    border-radius: 0.5rem;
    background: var(--ss-color-surface);
  }
  .actions {
    display: flex;
    justify-content: flex-end;
    gap: 0.5rem;
  }
`;
