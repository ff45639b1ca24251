import { RealtimeErrorCode, Topic } from '@sharestack/protocol';
import { expect, it } from 'vitest';
import { commentFixture } from '../../test/comments.js';
import { describeDialects } from '../../test/harness.js';
import { journaled, signedIn, subscribed, trackSockets } from '../../test/ws-client.js';

const track = trackSockets();

describeDialects('real-time: blocks and activity topics', (h) => {
  const call = async (
    site: { id: string; secret: string },
    user: string,
    method: string,
    path: string,
    body?: unknown,
  ) => {
    const res = await h.request(method, path, { site: site.id, token: await h.token(site, user), body });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
    return res;
  };

  it("keeps a blocked user's comments and reactions from the blocker's sockets, live and replayed", async () => {
    const url = await h.listen();
    const f = await commentFixture(h);
    const topic = Topic.comments('blocking');
    await f.create('bob', 'bob exists', { content: 'elsewhere' });
    await call(f.site, 'ann', 'POST', '/api/social/block/', { user_id: 'bob' });
    const ann = track(await signedIn(url, f.site.id, await f.tokenFor('ann')));
    const carl = track(await signedIn(url, f.site.id, await f.tokenFor('carl')));
    await subscribed(ann, topic);
    await subscribed(carl, topic);
    const fromBob = await f.create('bob', 'from bob', { content: 'blocking' });
    await f.react('bob', fromBob.id, 'like');
    await f.create('dan', 'from dan', { content: 'blocking' });
    await carl.next('event', (m) => m.id === '3');
    await ann.next('event', (m) => m.id === '3');
    expect(journaled(ann, topic).map((e) => e.id)).toEqual(['3']);
    expect(journaled(carl, topic).map((e) => e.id)).toEqual(['1', '2', '3']);
    // A replay skips them too.
    const again = track(await signedIn(url, f.site.id, await f.tokenFor('ann')));
    expect(await subscribed(again, topic, '0')).toMatchObject({ replayed: 1, cursor: '3' });
    // Unblocking takes effect on the open socket at once.
    await call(f.site, 'ann', 'DELETE', '/api/social/block/bob/');
    await f.create('bob', 'welcome back', { content: 'blocking' });
    await ann.next('event', (m) => m.id === '4');
  });

  it('sends public activity and follower counts to those allowed to see the profile', async () => {
    const url = await h.listen();
    const site = await h.newSite();
    await call(site, 'ann', 'POST', '/api/activity/publish/', {
      content_id: 'ann-post-1',
      content_title: 'First',
    });
    const bob = track(await signedIn(url, site.id, await h.token(site, 'bob')));
    const topic = Topic.activity('ann');
    await subscribed(bob, topic);
    await call(site, 'ann', 'POST', '/api/activity/publish/', {
      content_id: 'ann-post-2',
      content_title: 'Second',
    });
    const activity = await bob.next('event', (m) => m.event === 'activity');
    expect(activity.data).toMatchObject({ activity: { activity_type: 'published', user_id: 'ann' } });
    await call(site, 'carl', 'POST', '/api/social/follow/', { user_id: 'ann' });
    expect(await bob.next('event', (m) => m.event === 'follower_count')).toMatchObject({
      data: { user_id: 'ann', follower_count: 1 },
    });

    // A private profile: strangers are refused, the owner is not.
    await call(site, 'ann', 'POST', '/api/activity/privacy/', { profile_visibility: 'private' });
    const dan = track(await signedIn(url, site.id, await h.token(site, 'dan')));
    dan.send({ type: 'subscribe', topic, ref: 'p' });
    expect(await dan.next('error', (m) => m.ref === 'p')).toMatchObject({
      code: RealtimeErrorCode.Forbidden,
    });
    const ann = track(await signedIn(url, site.id, await h.token(site, 'ann')));
    await subscribed(ann, topic);
  });

  it('journals a follow with its own commit and announces the followed activity once pushed', async () => {
    const url = await h.listen();
    const site = await h.newSite();
    for (const u of ['ann', 'carl']) {
      await call(site, u, 'POST', '/api/activity/privacy/', { profile_visibility: 'public' });
    }
    const bob = track(await signedIn(url, site.id, await h.token(site, 'bob')));
    await subscribed(bob, Topic.activity('carl'));
    await subscribed(bob, Topic.activity('ann'));
    await call(site, 'carl', 'POST', '/api/social/follow/', { user_id: 'ann' });
    // The follower count is in the journal when the response is: same transaction.
    const journaled = await h.services.store.db
      .selectFrom('realtime_events')
      .select(['event', 'data'])
      .where('site_id', '=', site.id)
      .where('topic', '=', Topic.activity('ann'))
      .execute();
    expect(journaled.map((e) => e.event)).toEqual(['follower_count']);
    const followed = await bob.next(
      'event',
      (m) => m.event === 'activity' && m.topic === Topic.activity('carl'),
    );
    expect(followed.data).toMatchObject({
      activity: {
        activity_type: 'followed',
        user_id: 'carl',
        target: { target_type: 'user', target_id: 'ann' },
      },
    });
    expect(await bob.next('event', (m) => m.event === 'follower_count')).toMatchObject({
      data: { user_id: 'ann', follower_count: 1 },
    });
    await call(site, 'carl', 'DELETE', '/api/social/follow/ann/');
    expect(
      await bob.next(
        'event',
        (m) => m.event === 'follower_count' && (m.data as { follower_count: number }).follower_count === 0,
      ),
    ).toMatchObject({ data: { user_id: 'ann', follower_count: 0 } });
  });
});
