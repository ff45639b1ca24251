import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  .comment {
    display: grid;
    grid-template-columns: var(--ss-avatar-size) minmax(0, 1fr);
    gap: 0 0.625rem;
    padding: 0.625rem 0;
    border-radius: var(--ss-radius);
    transition: opacity 0.2s;
  }
  .comment:focus-visible {
    outline-offset: 4px;
  }
  .comment--pending {
    opacity: 0.6;
  }
  .avatar {
    width: var(--ss-avatar-size);
    height: var(--ss-avatar-size);
    border-radius: 50%;
    display: grid;
    place-items: center;
    overflow: hidden;
    background: hsl(var(--ss-hue, 210) 60% var(--ss-avatar-lightness, 88%));
    font-weight: 700;
    font-size: 0.875em;
    object-fit: cover;
  }
  .avatar--none {
    background: var(--ss-color-skeleton);
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 0.375rem;
    font-size: 0.8125em;
    color: var(--ss-color-text-muted);
  }
  .author {
    color: var(--ss-color-text);
    font-weight: 600;
    font-size: 1.0769em;
  }
  .badge {
    padding: 0 0.375rem;
    border: 1px solid var(--ss-color-border);
    border-radius: 999px;
    font-size: 0.9em;
  }
  .badge--rejected {
    border-color: currentColor;
    color: var(--ss-color-danger);
  }
  time {
    color: inherit;
  }
  .body {
    margin-top: 0.125rem;
    overflow-wrap: anywhere;
  }
  .body :is(p, ul, ol, pre, blockquote) {
    margin: 0 0 0.5em;
  }
  .body > :last-child {
    margin-bottom: 0;
  }
  .body a {
    color: var(--ss-color-accent);
  }
  .body code {
    padding: 0.1em 0.3em;
    border-radius: 4px;
    background: var(--ss-color-surface);
    font-size: 0.9em;
  }
  .body pre {
    padding: 0.5rem 0.75rem;
    overflow-x: auto;
    border-radius: var(--ss-radius);
    background: var(--ss-color-surface);
  }
  .body pre code {
    padding: 0;
  }
  .body blockquote {
    padding-inline-start: 0.75rem;
    border-inline-start: 3px solid var(--ss-color-border);
    color: var(--ss-color-text-muted);
  }
  .plain {
    margin: 0;
    white-space: pre-wrap;
  }
  .tombstone {
    margin: 0;
    color: var(--ss-color-text-muted);
    font-style: italic;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.5rem;
    margin-top: 0.375rem;
  }
  .confirm {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    margin-top: 0.5rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--ss-color-danger);
    border-radius: var(--ss-radius);
    font-size: 0.875em;
  }
  .confirm .error {
    flex-basis: 100%;
    margin: 0;
  }
  ss-composer {
    margin-top: 0.5rem;
  }
  .replies {
    margin-inline-start: calc(var(--ss-avatar-size) / 2);
    padding-inline-start: calc(var(--ss-indent) - 1px);
    border-inline-start: 2px solid var(--ss-color-border);
  }
  .more-replies {
    margin: 0.25rem 0 0.25rem calc(var(--ss-avatar-size) + 0.625rem);
    color: var(--ss-color-accent);
  }
  .replies--flat {
    margin-inline-start: 0;
    padding-inline-start: 0;
    border: 0;
  }
`;
