// Defines every `ss-*` element before React renders one, so React sets `client` as a property.
import '@sharestack/elements/define';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
