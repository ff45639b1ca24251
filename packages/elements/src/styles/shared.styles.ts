import { css } from 'lit';

/** Resets, buttons, focus ring and helpers every ShareStack shadow root shares. */
export const sharedStyles = css`
  :host {
    box-sizing: border-box;
    font-family: var(--ss-font-family);
    font-size: var(--ss-font-size);
    line-height: var(--ss-line-height);
    color: var(--ss-color-text);
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: 2px solid var(--ss-color-focus);
    outline-offset: 2px;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  .btn {
    display: inline-flex;
    align-items: center;
    gap: 0.375em;
    min-height: 2rem;
    padding: 0.25rem 0.875rem;
    border: 1px solid var(--ss-color-border);
    border-radius: var(--ss-radius);
    background: var(--ss-color-surface);
    font-weight: 600;
    font-size: 0.875em;
    cursor: pointer;
    transition: background-color 0.15s, border-color 0.15s;
  }
  .btn:hover:not(:disabled) {
    border-color: var(--ss-color-text-muted);
  }
  .btn--primary {
    background: var(--ss-color-accent);
    border-color: var(--ss-color-accent);
    color: var(--ss-color-accent-contrast);
  }
  .btn--primary:hover:not(:disabled) {
    border-color: var(--ss-color-accent);
    filter: brightness(1.08);
  }
  .btn--danger {
    color: var(--ss-color-danger);
  }
  .btn:disabled {
    opacity: 0.55;
    cursor: not-allowed;
  }
  .link {
    padding: 0.125rem 0.25rem;
    border: 0;
    border-radius: 4px;
    background: none;
    color: var(--ss-color-text-muted);
    font-size: 0.8125em;
    font-weight: 600;
    cursor: pointer;
  }
  .link:hover {
    color: var(--ss-color-accent);
  }
  .input {
    width: 100%;
    padding: 0.5rem 0.625rem;
    border: 1px solid var(--ss-color-border);
    border-radius: var(--ss-radius);
    background: var(--ss-color-bg);
  }
  .input:focus-visible {
    outline-offset: 0;
    border-color: var(--ss-color-focus);
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  .error {
    margin: 0.375rem 0 0;
    color: var(--ss-color-danger);
    font-size: 0.8125em;
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation: none !important;
      transition: none !important;
    }
  }
`;
