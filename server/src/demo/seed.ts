import type { ShareStackApp } from '../app.js';
import { principalFromClaims } from '../auth/tokens.js';
import { DEMO_SITE_ID, type SitesService } from '../sites/service.js';
import type { Db } from '../store/db.js';

/** The demo page's post, and the person who wrote it (someone to follow, a profile to show). */
export const DEMO_POST = {
  content_id: 'demo-post',
  content_title: 'Welcome to the ShareStack demo',
} as const;
export const DEMO_AUTHOR = { sub: 'demo-author', name: 'Ada (demo author)' } as const;

/**
 * Gives the demo site a post with an author, once: the demo page shows the author's profile card
 * and follow button, and following them fills the reader's feed and bell. A server that already
 * has the post (an earlier start, another process) leaves it alone.
 */
export async function seedDemo(db: Db, sites: SitesService, activity: ShareStackApp['activity']) {
  const site = await sites.get(DEMO_SITE_ID);
  if (!site) return;
  const post = await db
    .selectFrom('contents')
    .select('author_id')
    .where('site_id', '=', site.id)
    .where('key', '=', DEMO_POST.content_id)
    .executeTakeFirst();
  if (post?.author_id) return;
  await activity.publish(site, principalFromClaims({ ...DEMO_AUTHOR, exp: 0 }), DEMO_POST);
}
