// The ShareStack elements in JSX, with the types the package generates from its manifest
// (every element, its attributes and properties, and `on<event-name>` listeners with typed
// `detail`). React 19 sets a prop as a property when the element has one (`client`) and as an
// attribute otherwise (`content-id`), and adds `on<event-name>` props as event listeners
// (`onss-comment-posted`). Elements must be defined (`import '@sharestack/elements/define'`)
// before React renders them, or `client` becomes an attribute.
import type { CustomElements } from '@sharestack/elements/jsx';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
}
