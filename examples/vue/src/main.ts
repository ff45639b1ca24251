// Defines every `ss-*` element before Vue mounts, so `:client.prop` finds the property.
import '@sharestack/elements/define';
import { SsFollowButton } from '@sharestack/elements';
import { createApp } from 'vue';
import App from './App.vue';

// Until @sharestack/elements lists follow-button.ts under `sideEffects`, production builds drop
// its registration from `define`; this keeps it (and does nothing once it is listed).
if (!customElements.get('ss-follow-button')) customElements.define('ss-follow-button', SsFollowButton);

createApp(App).mount('#app');
