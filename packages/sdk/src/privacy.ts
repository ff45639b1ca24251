import type { AccountDeletionResult, PrivacyExport } from '@sharestack/protocol';
import type { ShareStackClient } from './client.js';
import type { Http } from './http.js';

export interface PrivacyClient {
  /** Everything the signed-in user did on this site (JSON, with an ActivityStreams 2.0 collection). */
  export(): Promise<PrivacyExport>;
  /** Deletes the signed-in user's data on this site. Comments others replied to stay as authorless tombstones. */
  deleteAccount(): Promise<AccountDeletionResult>;
}

export function createPrivacyClient(http: Http): PrivacyClient {
  return {
    export: () => http.get('privacy/export/'),
    deleteAccount: () => http.send('DELETE', 'privacy/account/'),
  };
}

/** The privacy API (export, account deletion) for a client. */
export const privacyOf = (client: ShareStackClient): PrivacyClient => createPrivacyClient(client.http);
