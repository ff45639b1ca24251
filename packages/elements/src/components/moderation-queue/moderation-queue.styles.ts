import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  .base {
    display: grid;
    gap: var(--ss-spacing, 0.75rem);
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .counts {
    display: inline-flex;
    gap: 0.375rem;
  }
  .badge {
    padding: 0.125rem 0.5rem;
    border-radius: 999px;
    border: 1px solid var(--ss-color-border);
    font-size: 0.8125em;
  }
  .priority-urgent .priority,
  .badge.priority-urgent {
    border-color: var(--ss-color-danger);
    color: var(--ss-color-danger);
  }
  .items {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.5rem;
  }
  .item {
    display: grid;
    gap: 0.375rem;
    padding: 0.75rem;
    border: 1px solid var(--ss-color-border);
    border-left-width: 4px;
    border-radius: var(--ss-radius, 0.5rem);
    background: var(--ss-color-surface);
  }
  .item:focus {
    outline: 2px solid var(--ss-color-focus);
    outline-offset: 2px;
  }
  .item.priority-urgent {
    border-left-color: var(--ss-color-danger);
  }
  .item.priority-high {
    border-left-color: var(--ss-color-accent);
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .muted {
    color: var(--ss-color-text-muted);
    font-size: 0.875em;
  }
  .text :first-child {
    margin-top: 0;
  }
  .text :last-child {
    margin-bottom: 0;
  }
  .reasons {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    margin: 0;
    padding: 0;
    list-style: none;
    font-size: 0.8125em;
  }
  .reasons li {
    padding: 0 0.375rem;
    border-radius: 0.25rem;
    background: var(--ss-color-accent-soft);
  }
  .scores {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.75rem;
    margin: 0;
    font-size: 0.8125em;
  }
  .scores div {
    display: flex;
    gap: 0.25rem;
  }
  .scores dt {
    color: var(--ss-color-text-muted);
  }
  .scores dd {
    margin: 0;
    font-variant-numeric: tabular-nums;
  }
  .scores .high dd {
    color: var(--ss-color-danger);
    font-weight: 600;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375rem;
  }
  .item.armed {
    border-color: var(--ss-color-danger);
  }
  .btn--confirm,
  .btn--confirm:hover:not(:disabled) {
    background: var(--ss-color-danger);
    border-color: var(--ss-color-danger);
    color: var(--ss-color-bg);
  }
  .confirm {
    margin: 0;
    padding: 0.375rem 0.75rem;
    border: 1px solid var(--ss-color-danger);
    border-radius: var(--ss-radius, 0.5rem);
    font-size: 0.875em;
    font-weight: 600;
  }
  .problem {
    color: var(--ss-color-danger);
  }
`;
