/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_SHARESTACK_URL?: string;
  readonly VITE_SHARESTACK_SITE?: string;
  /** A token your backend signed; without it the demo signs in through the dev token route. */
  readonly VITE_SHARESTACK_TOKEN?: string;
}
