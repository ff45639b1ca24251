import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  .composer {
    display: grid;
    gap: 0.5rem;
  }
  textarea {
    display: block;
    min-height: 4.5rem;
    resize: vertical;
    line-height: var(--ss-line-height);
  }
  textarea[readonly] {
    opacity: 0.7;
  }
  textarea[aria-invalid='true'] {
    border-color: var(--ss-color-danger);
  }
  .bar {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    flex-wrap: wrap;
  }
  .hint,
  .counter {
    color: var(--ss-color-text-muted);
    font-size: 0.75em;
  }
  .counter {
    margin-inline-start: auto;
    font-variant-numeric: tabular-nums;
  }
  .counter--over {
    color: var(--ss-color-danger);
    font-weight: 600;
  }
  .error {
    margin: 0;
  }
`;
