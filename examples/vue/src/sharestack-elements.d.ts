// The ShareStack elements as global components for vue-tsc, with the types the package
// generates from its manifest (properties, attributes and events with typed `detail`).
// At run time `isCustomElement` in vite.config.ts leaves the tags to the browser.
import '@sharestack/elements/vue';
