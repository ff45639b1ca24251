import { type Activity, RealtimeErrorCode, Topic } from '@sharestack/protocol';
import { expect, it } from 'vitest';
import { describeDialects } from '../../test/harness.js';
import { socialFixture } from '../../test/social.js';
import { signedIn, subscribed, trackSockets } from '../../test/ws-client.js';
import { presentActivities } from '../activity/present.js';
import { recordActivity } from '../activity/record.js';
import { audienceOf } from '../social/shared.js';

const track = trackSockets();

const publishedBy = (author: string, title: string) => (m: { event: string; data: unknown }) =>
  m.event === 'activity' &&
  (m.data as { activity: Activity }).activity.user_id === author &&
  (m.data as { activity: Activity }).activity.target.title === title;

describeDialects('real-time: followers-only activity and personal feeds', (h) => {
  /** Ann publishes for her followers only; Bob follows her, Carl does not, Dan did until she blocked him. */
  async function scene() {
    const url = await h.listen();
    const f = await socialFixture(h);
    for (const u of ['ann', 'bob', 'carl', 'dan']) await f.join(u);
    await f.ok('POST', '/api/activity/privacy/', 'ann', {
      activity_type: 'published',
      visibility: 'followers',
    });
    await f.follow('bob', 'ann');
    await f.follow('dan', 'ann');
    const socket = async (user: string) => track(await signedIn(url, f.site.id, await f.tokenFor(user)));
    const publish = (title: string) =>
      f.ok(
        'POST',
        '/api/activity/publish/',
        'ann',
        { content_id: `c-${title.replace(/\s+/g, '-')}`, content_title: title },
        201,
      );
    return { f, socket, publish };
  }

  it("delivers a followers-only activity on its author's topic to followers only, checked at delivery", async () => {
    const { f, socket, publish } = await scene();
    const topic = Topic.activity('ann');
    const [ann, bob, carl, dan] = await Promise.all([
      socket('ann'),
      socket('bob'),
      socket('carl'),
      socket('dan'),
    ]);
    for (const s of [ann, bob, carl, dan]) await subscribed(s, topic);
    // Dan subscribed as a follower; the block ends his follow while his socket stays open.
    await f.block('ann', 'dan');
    await publish('For followers');
    await bob.next('event', publishedBy('ann', 'For followers'));
    await ann.next('event', publishedBy('ann', 'For followers'));
    // A public activity next: a topic's events arrive in order, so once it is there the
    // followers-only one has gone past everyone.
    await f.follow('ann', 'bob');
    const followed = (m: { event: string; data: unknown }) =>
      m.event === 'activity' && (m.data as { activity: Activity }).activity.activity_type === 'followed';
    for (const s of [carl, bob]) await s.next('event', followed);
    const titles = (s: typeof carl) =>
      s.events(topic, 'activity').map((e) => (e.data as { activity: Activity }).activity.activity_type);
    expect(titles(carl)).toEqual(['followed']);
    expect(carl.events(topic, 'creator_update')).toEqual([]);
    expect(titles(bob)).toEqual(['published', 'followed']);
    // Ann blocks Dan, so her profile is hidden from him: nothing of hers reaches him.
    await new Promise((r) => setTimeout(r, 200));
    expect(titles(dan)).toEqual([]);
    // A replay applies the same check.
    const replay = await socket('carl');
    await subscribed(replay, topic, '0');
    expect(titles(replay)).toEqual(['followed']);
    // Ann's setting applies to her past activities, live as in reads: now everyone gets the post.
    await f.ok('POST', '/api/activity/privacy/', 'ann', { activity_type: 'published', visibility: 'public' });
    const later = await socket('carl');
    await subscribed(later, topic, '0');
    expect(titles(later)).toEqual(['published', 'followed']);
  });

  it("puts followed users' new activities, followers-only ones too, in the owner's feed live", async () => {
    const { f, socket, publish } = await scene();
    const [bob, carl, dan] = await Promise.all([socket('bob'), socket('carl'), socket('dan')]);
    // Only its owner may follow a feed.
    carl.send({ type: 'subscribe', topic: Topic.feed('bob'), ref: 'x' });
    expect(await carl.next('error', (m) => m.ref === 'x')).toMatchObject({
      code: RealtimeErrorCode.Forbidden,
    });
    for (const [s, u] of [
      [bob, 'bob'],
      [carl, 'carl'],
      [dan, 'dan'],
    ] as const) {
      expect(await subscribed(s, Topic.feed(u))).toMatchObject({ cursor: '0' });
    }
    await f.block('ann', 'dan');
    await publish('Hello followers');
    const got = await bob.next('event', (m) => m.topic === Topic.feed('bob'));
    expect(got.id).toBeNull();
    const activity = (got.data as { activity: Activity }).activity;
    expect(activity).toMatchObject({
      user_id: 'ann',
      activity_type: 'published',
      visibility: 'followers',
      target: { title: 'Hello followers' },
    });
    // What arrives live is what the feed shows.
    type Page = { items: Array<{ activity_ids: string[]; target_id: string }> };
    expect((await f.ok<Page>('GET', '/api/activity/feed/', 'bob')).items[0]!.activity_ids).toEqual([
      activity.id,
    ]);

    // An activity about a user reaches only feeds whose owner may see that user. Ann's profile
    // becomes followers-only; Carl follows Bob and Dan but not Ann. Bob's new follow of Ann
    // stays out of Carl's feed; Dan's follow of Carl comes in.
    await f.ok('POST', '/api/activity/privacy/', 'ann', { profile_visibility: 'followers' });
    await f.follow('carl', 'bob');
    await f.follow('carl', 'dan');
    await f.unfollow('bob', 'ann');
    await f.follow('bob', 'ann');
    await f.follow('dan', 'carl');
    const targets = (s: typeof carl, u: string) =>
      s.events(Topic.feed(u)).map((e) => (e.data as { activity: Activity }).activity.target_id);
    await carl.next('event', (m) => m.topic === Topic.feed('carl'));
    expect((await f.ok<Page>('GET', '/api/activity/feed/', 'carl')).items.map((e) => e.target_id)).toEqual([
      'carl',
    ]);
    await new Promise((r) => setTimeout(r, 200));
    expect(targets(carl, 'carl')).toEqual(['carl']);
    // Dan, blocked by Ann, never got her post (and follows nobody else).
    expect(targets(dan, 'dan')).toEqual([]);

    // A resubscription (after a drop) cannot be replayed: the client is told to reload.
    const again = await socket('bob');
    again.send({ type: 'subscribe', topic: Topic.feed('bob'), since: '0', ref: 'r' });
    expect(await again.next('reset', (m) => m.topic === Topic.feed('bob'))).toMatchObject({ cursor: '0' });
  });

  it('reaches followers of a high-follower author, whose activities are pulled, not pushed', async () => {
    const { f, socket } = await scene();
    const [bob, carl] = await Promise.all([socket('bob'), socket('carl')]);
    await subscribed(bob, Topic.feed('bob'));
    await subscribed(carl, Topic.feed('carl'));
    const { db } = h.services.store;
    await h.services.events.transaction(db, async (tx, record) => {
      const recorded = await recordActivity(
        tx,
        f.site.id,
        'ann',
        'published',
        { target_type: 'content', target_id: 'pulled-post' },
        { pullThreshold: 1 },
      );
      expect(recorded.pulled).toBe(true);
      const [activity] = await presentActivities(tx, f.site.id, [recorded]);
      await record('activity.created', {
        siteId: f.site.id,
        activity: activity!,
        audience: audienceOf(recorded),
      });
    });
    const got = await bob.next('event', (m) => m.topic === Topic.feed('bob'));
    expect((got.data as { activity: Activity }).activity).toMatchObject({
      user_id: 'ann',
      target_id: 'pulled-post',
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(carl.events(Topic.feed('carl'))).toEqual([]);
  });
});
