import { css } from 'lit';

export default css`
  :host {
    display: block;
    background: var(--ss-color-bg);
  }
  .title {
    margin: 0 0 0.75rem;
    font-size: 1.125em;
  }
  .subtitle {
    margin: 0 0 0.375rem;
    font-size: 1em;
  }
  .table {
    width: 100%;
    border-collapse: collapse;
  }
  th,
  td {
    padding: 0.5rem;
    border-bottom: 1px solid var(--ss-color-border);
  }
  thead th {
    font-size: 0.875em;
    color: var(--ss-color-text-muted);
    text-align: center;
  }
  thead th:first-child,
  tbody th {
    text-align: start;
    font-weight: 500;
  }
  td {
    text-align: center;
  }
  input[type='checkbox'] {
    width: 1.125rem;
    height: 1.125rem;
    accent-color: var(--ss-color-accent);
    cursor: pointer;
  }
  input:disabled {
    cursor: not-allowed;
  }
  .note {
    margin: 0.5rem 0 0;
    color: var(--ss-color-text-muted);
    font-size: 0.875em;
  }
  .field {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    margin-top: 1rem;
  }
  .field .input {
    width: auto;
  }
  .push {
    margin-top: 1.25rem;
  }
  .push .btn {
    margin-top: 0.5rem;
  }
  .state {
    color: var(--ss-color-text-muted);
  }
  .state--error {
    color: var(--ss-color-danger);
  }
`;
