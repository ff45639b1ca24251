import type { Viewer } from '@sharestack/protocol';
import type { SiteRecord } from '../sites/service.js';

/** A viewer as the server knows it: the wire Viewer plus what authorisation needs. */
export interface Principal extends Viewer {
  moderator: boolean;
  /** Token claims worth remembering on the user row. */
  claimedName: string | null;
  claimedAvatar: string | null;
  /** Where notification email goes (the token's `email` claim). */
  claimedEmail?: string | null;
}

export interface AppEnv {
  Variables: {
    site: SiteRecord;
    viewer: Principal | null;
  };
}
