import { css } from 'lit';

export default css`
  dialog {
    width: min(28rem, calc(100vw - 2rem));
    padding: 1rem 1.25rem;
    border: 1px solid var(--ss-color-border);
    border-radius: var(--ss-radius);
    background: var(--ss-color-surface);
    color: var(--ss-color-text);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.4);
  }
  h2 {
    margin: 0 0 0.75rem;
    font-size: 1.0625em;
  }
  fieldset {
    display: grid;
    gap: 0.25rem;
    margin: 0 0 0.75rem;
    padding: 0;
    border: 0;
  }
  legend {
    margin-bottom: 0.375rem;
    font-weight: 600;
    font-size: 0.875em;
  }
  .reason {
    display: flex;
    align-items: center;
    gap: 0.5rem;
  }
  .details {
    display: grid;
    gap: 0.25rem;
    font-size: 0.875em;
    font-weight: 600;
  }
  .details textarea {
    min-height: 4rem;
    resize: vertical;
    font-weight: 400;
  }
  .buttons {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 0.5rem;
    margin-top: 0.75rem;
  }
  .done {
    margin: 0;
  }
  .error {
    margin: 0.5rem 0 0;
  }
`;
