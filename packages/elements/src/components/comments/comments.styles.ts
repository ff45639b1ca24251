import { css } from 'lit';

export default css`
  :host {
    display: block;
    color-scheme: light;
  }
  .comments {
    display: grid;
    gap: var(--ss-spacing);
    padding: var(--ss-spacing) 0;
    background: var(--ss-color-bg);
    color: var(--ss-color-text);
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
    padding-bottom: 0.5rem;
    border-bottom: 1px solid var(--ss-color-border);
  }
  h2 {
    margin: 0;
    font-size: 1.0625em;
    font-weight: 700;
  }
  h2:focus {
    outline: none;
  }
  h2:focus-visible {
    outline: 2px solid var(--ss-color-focus);
  }
  .sort {
    display: flex;
    align-items: center;
    gap: 0.375rem;
    color: var(--ss-color-text-muted);
    font-size: 0.8125em;
  }
  select {
    padding: 0.25rem 0.5rem;
    border: 1px solid var(--ss-color-border);
    border-radius: var(--ss-radius);
    background: var(--ss-color-bg);
    color: var(--ss-color-text);
  }
  .viewer {
    display: grid;
    gap: 0.375rem;
  }
  .viewer-line {
    display: flex;
    align-items: baseline;
    gap: 0.375rem;
    color: var(--ss-color-text-muted);
    font-size: 0.8125em;
  }
  .viewer-line strong {
    color: var(--ss-color-text);
  }
  .signed-out {
    margin: 0;
    padding: 0.75rem;
    border: 1px dashed var(--ss-color-border);
    border-radius: var(--ss-radius);
    color: var(--ss-color-text-muted);
    text-align: center;
  }
  .state {
    display: grid;
    justify-items: center;
    gap: 0.5rem;
    padding: 1.5rem 1rem;
    border-radius: var(--ss-radius);
    background: var(--ss-color-surface);
    color: var(--ss-color-text-muted);
    text-align: center;
  }
  .state p {
    margin: 0;
  }
  .state--error {
    color: var(--ss-color-danger);
  }
  .thread[aria-busy='true'] {
    opacity: 0.6;
  }
  .more {
    justify-self: center;
  }
  .skeleton {
    display: grid;
    gap: 1rem;
  }
  .skeleton-item {
    display: grid;
    grid-template-columns: var(--ss-avatar-size) 1fr;
    gap: 0.625rem;
  }
  .bone {
    height: 0.75rem;
    border-radius: 4px;
    background: var(--ss-color-skeleton);
    animation: ss-pulse 1.4s ease-in-out infinite;
  }
  .bone--avatar {
    height: var(--ss-avatar-size);
    border-radius: 50%;
  }
  .lines {
    display: grid;
    gap: 0.375rem;
  }
  @keyframes ss-pulse {
    50% {
      opacity: 0.45;
    }
  }
  .presence,
  .typing {
    margin: 0;
    color: var(--ss-color-text-muted);
    font-size: 0.8125em;
  }
  .presence {
    margin-right: auto;
  }
  .incoming {
    justify-self: center;
  }
`;
