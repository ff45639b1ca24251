// Defines every `ss-*` element before React renders one, so React sets `client` as a property.
import '@sharestack/elements/define';
import { SsFollowButton } from '@sharestack/elements';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

// Until @sharestack/elements lists follow-button.ts under `sideEffects`, production builds drop
// its registration from `define`; this keeps it (and does nothing once it is listed).
if (!customElements.get('ss-follow-button')) customElements.define('ss-follow-button', SsFollowButton);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
