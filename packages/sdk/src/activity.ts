import type {
  Activity,
  Feed,
  ListOf,
  PageParams,
  PrivacyBody,
  PrivacySettings,
  PublishBody,
  PublishResult,
} from '@sharestack/protocol';
import type { ShareStackClient } from './client.js';
import { type Http, seg } from './http.js';

export interface ActivityClient {
  /** The viewer's personal feed: followed users' activities, grouped, newest first. */
  feed(page?: PageParams): Promise<Feed>;
  /** A user's timeline as their privacy settings let the viewer see it. */
  timeline(userId: string, page?: PageParams): Promise<ListOf<Activity>>;
  privacy(): Promise<PrivacySettings>;
  setPrivacy(body: PrivacyBody): Promise<PrivacySettings>;
  /** Publishes content as its creator; followers get a `creator_update`. */
  publish(body: PublishBody): Promise<PublishResult>;
}

export function createActivityClient(http: Http): ActivityClient {
  return {
    feed: (page = {}) => http.get('activity/feed/', page),
    timeline: (id, page = {}) => http.get(`activity/user/${seg(id)}/`, page),
    privacy: () => http.get('activity/privacy/'),
    setPrivacy: (body) => http.send('POST', 'activity/privacy/', body),
    publish: (body) => http.send('POST', 'activity/publish/', body),
  };
}

const clients = new WeakMap<ShareStackClient, ActivityClient>();

/**
 * The activity API of a client. Made on first use rather than carried by every client, so pages
 * that only show a comment thread do not download it.
 */
export function activityOf(client: ShareStackClient): ActivityClient {
  let c = clients.get(client);
  if (!c) {
    c = createActivityClient(client.http);
    clients.set(client, c);
  }
  return c;
}
