/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_SHARESTACK_URL?: string;
  readonly VITE_SHARESTACK_SITE?: string;
  readonly VITE_SHARESTACK_DEV_TOKEN?: string;
}
