// Defines every `ss-*` element before Vue mounts, so `:client.prop` finds the property.
import '@sharestack/elements/define';
import { createApp } from 'vue';
import App from './App.vue';

createApp(App).mount('#app');
