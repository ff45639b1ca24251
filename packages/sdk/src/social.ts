import type {
  BlockStatus,
  Bookmark,
  BookmarkCollection,
  BookmarkStatus,
  CreateBookmarkBody,
  FollowStatus,
  ListBookmarksQuery,
  ListOf,
  PageParams,
  Profile,
  ShareBody,
  ShareSummary,
  SocialUser,
  UpdateBookmarkBody,
} from '@sharestack/protocol';
import type { ShareStackClient } from './client.js';
import { type Http, seg } from './http.js';

export interface SocialClient {
  follow(userId: string): Promise<FollowStatus>;
  unfollow(userId: string): Promise<FollowStatus>;
  followStatus(userId: string): Promise<FollowStatus>;
  followers(userId: string, page?: PageParams): Promise<ListOf<SocialUser>>;
  following(userId: string, page?: PageParams): Promise<ListOf<SocialUser>>;
  block(userId: string): Promise<BlockStatus>;
  unblock(userId: string): Promise<BlockStatus>;
  /** Whom the viewer blocks. */
  blocks(page?: PageParams): Promise<ListOf<SocialUser>>;
  /** Bookmarks content, or updates the existing bookmark's collection and notes. */
  bookmark(body: CreateBookmarkBody): Promise<Bookmark>;
  bookmarkOf(contentId: string): Promise<BookmarkStatus>;
  updateBookmark(contentId: string, body: UpdateBookmarkBody): Promise<Bookmark>;
  removeBookmark(contentId: string): Promise<BookmarkStatus>;
  bookmarks(query?: ListBookmarksQuery): Promise<ListOf<Bookmark>>;
  collections(): Promise<ListOf<BookmarkCollection>>;
  share(body: ShareBody): Promise<ShareSummary>;
  shares(contentId: string): Promise<ShareSummary>;
  profile(userId: string): Promise<Profile>;
}

export function createSocialClient(http: Http): SocialClient {
  return {
    follow: (user_id) => http.send('POST', 'social/follow/', { user_id }),
    unfollow: (id) => http.send('DELETE', `social/follow/${seg(id)}/`),
    followStatus: (id) => http.get(`social/follow/${seg(id)}/`),
    followers: (id, page = {}) => http.get(`social/followers/${seg(id)}/`, page),
    following: (id, page = {}) => http.get(`social/following/${seg(id)}/`, page),
    block: (user_id) => http.send('POST', 'social/block/', { user_id }),
    unblock: (id) => http.send('DELETE', `social/block/${seg(id)}/`),
    blocks: (page = {}) => http.get('social/blocks/', page),
    bookmark: (body) => http.send('POST', 'social/bookmark/', body),
    bookmarkOf: (id) => http.get(`social/bookmark/${seg(id)}/`),
    updateBookmark: (id, body) => http.send('PATCH', `social/bookmark/${seg(id)}/`, body),
    removeBookmark: (id) => http.send('DELETE', `social/bookmark/${seg(id)}/`),
    bookmarks: (query = {}) => http.get('social/bookmarks/', query),
    collections: () => http.get('social/bookmarks/collections/'),
    share: (body) => http.send('POST', 'social/share/', body),
    shares: (id) => http.get(`social/shares/${seg(id)}/`),
    profile: (id) => http.get(`social/profile/${seg(id)}/`),
  };
}

const clients = new WeakMap<ShareStackClient, SocialClient>();

/**
 * The social API of a client. Made on first use rather than carried by every client, so pages
 * that only show a comment thread do not download it.
 */
export function socialOf(client: ShareStackClient): SocialClient {
  let c = clients.get(client);
  if (!c) {
    c = createSocialClient(client.http);
    clients.set(client, c);
  }
  return c;
}
