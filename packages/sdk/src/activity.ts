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
