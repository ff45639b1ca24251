import { css } from 'lit';

export default css`
  :host {
    display: block;
    max-width: 28rem;
  }
  .card {
    padding: 1rem;
    border: 1px solid var(--ss-color-border);
    border-radius: 0.75rem;
    background: var(--ss-color-surface);
  }
  .card--loading,
  .card--missing {
    color: var(--ss-color-text-muted);
  }
  header {
    display: flex;
    align-items: center;
    gap: 0.75rem;
  }
  .avatar {
    width: 3rem;
    height: 3rem;
    border-radius: 50%;
    object-fit: cover;
    flex: none;
  }
  .avatar--initial {
    display: grid;
    place-items: center;
    background: var(--ss-color-accent-soft);
    color: var(--ss-color-text);
    font-weight: 700;
    font-size: 1.25rem;
  }
  .who {
    flex: 1;
    min-width: 0;
  }
  .name {
    margin: 0;
    font-size: 1.125rem;
  }
  .since,
  .badge {
    margin: 0;
    color: var(--ss-color-text-muted);
    font-size: 0.8125em;
  }
  .badge {
    margin-top: 0.5rem;
  }
  .stats {
    display: grid;
    grid-template-columns: repeat(4, 1fr);
    gap: 0.5rem;
    margin: 0.75rem 0 0;
  }
  .stats div {
    display: flex;
    flex-direction: column-reverse;
  }
  dt {
    color: var(--ss-color-text-muted);
    font-size: 0.75em;
  }
  dd {
    margin: 0;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
`;
