import { msg } from '@lit/localize';
import type { ShareStackError } from '@sharestack/sdk';
import { html } from 'lit';
import { problemMessage } from '../../internal/labels.js';

/** Placeholder shapes while the first page loads. */
export const renderSkeleton = () => html`
  <div class="skeleton" part="skeleton">
    <p class="sr-only" role="status">${msg('Loading comments…')}</p>
    ${[0.9, 0.6, 0.75].map(
      (w) => html`<div class="skeleton-item" aria-hidden="true">
        <div class="bone bone--avatar"></div>
        <div class="lines">
          <div class="bone" style="width:30%"></div>
          <div class="bone" style="width:${w * 100}%"></div>
        </div>
      </div>`,
    )}
  </div>
`;

export const renderEmpty = () => html`
  <div class="state" part="empty">
    <p>${msg('No comments yet. Start the conversation!')}</p>
  </div>
`;

export const renderFailure = (error: ShareStackError, retry: () => void) => html`
  <div class="state state--error" part="error" role="alert">
    <p>${msg('Comments could not be loaded.')} ${problemMessage(error)}</p>
    <button class="btn" @click=${retry}>${msg('Try again')}</button>
  </div>
`;
