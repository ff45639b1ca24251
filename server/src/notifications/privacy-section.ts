import type { PrivacySection } from '../privacy/sections.js';

/**
 * A user's notifications in their export (what they received, their preferences, their push
 * devices without the keys) and on deletion: all of that goes, and so do notifications their
 * actions caused in other people's inboxes (which name them), keeping those inboxes' counts
 * exact, and the triggers they caused that are still waiting for the worker.
 */
export const notificationPrivacySection: PrivacySection = {
  name: 'notifications',

  async export(db, siteId, userId) {
    const [received, preferences, devices] = await Promise.all([
      db
        .selectFrom('notifications')
        .select([
          'id',
          'actor_id',
          'notification_type',
          'target_type',
          'target_id',
          'message',
          'is_read',
          'created_at',
        ])
        .where('site_id', '=', siteId)
        .where('user_id', '=', userId)
        .orderBy('id')
        .execute(),
      db
        .selectFrom('notification_preferences')
        .select(['types', 'email_frequency', 'updated_at'])
        .where('site_id', '=', siteId)
        .where('user_id', '=', userId)
        .executeTakeFirst(),
      db
        .selectFrom('push_subscriptions')
        .select(['endpoint', 'user_agent', 'created_at', 'last_success_at'])
        .where('site_id', '=', siteId)
        .where('user_id', '=', userId)
        .execute(),
    ]);
    return {
      data: {
        received: received.map((r) => ({ ...r, id: String(r.id), is_read: Number(r.is_read) === 1 })),
        preferences: preferences
          ? {
              types: JSON.parse(preferences.types),
              email_frequency: preferences.email_frequency,
              updated_at: preferences.updated_at,
            }
          : null,
        push_devices: devices,
      },
    };
  },

  async erase(tx, _kind, siteId, userId) {
    let n = 0;
    const received = await tx
      .deleteFrom('notifications')
      .where('site_id', '=', siteId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    n += Number(received.numDeletedRows);
    await tx
      .deleteFrom('notification_groups')
      .where('site_id', '=', siteId)
      .where('user_id', '=', userId)
      .execute();
    // Their unread count (the triggers brought it to 0; the row still names them).
    await tx
      .deleteFrom('notification_unread')
      .where('site_id', '=', siteId)
      .where('user_id', '=', userId)
      .execute();
    await tx
      .deleteFrom('notification_preferences')
      .where('site_id', '=', siteId)
      .where('user_id', '=', userId)
      .execute();
    const devices = await tx
      .deleteFrom('push_subscriptions')
      .where('site_id', '=', siteId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    n += Number(devices.numDeletedRows);

    // What they caused and the worker has not reached yet (its payload names and quotes them).
    const pending = await tx
      .deleteFrom('notification_triggers')
      .where('site_id', '=', siteId)
      .where('actor_id', '=', userId)
      .executeTakeFirst();
    n += Number(pending.numDeletedRows);

    // What they caused elsewhere: remove it and recount the items it was part of.
    const caused = await tx
      .selectFrom('notifications')
      .select('group_id')
      .distinct()
      .where('site_id', '=', siteId)
      .where('actor_id', '=', userId)
      .execute();
    const sent = await tx
      .deleteFrom('notifications')
      .where('site_id', '=', siteId)
      .where('actor_id', '=', userId)
      .executeTakeFirst();
    n += Number(sent.numDeletedRows);
    const groups = caused
      .map((c) => c.group_id)
      .filter((g): g is number => g !== null)
      .map(Number);
    for (let i = 0; i < groups.length; i += 500) {
      const slice = groups.slice(i, i + 500);
      await tx
        .updateTable('notification_groups as g')
        .set((eb) => ({
          count: eb
            .selectFrom('notifications as n')
            .select((s) => s.fn.countAll<number>().as('c'))
            .whereRef('n.group_id', '=', 'g.id'),
          actor_id: eb
            .selectFrom('notifications as n')
            .select('n.actor_id')
            .whereRef('n.group_id', '=', 'g.id')
            .orderBy('n.id', 'desc')
            .limit(1),
        }))
        .where('g.id', 'in', slice)
        .execute();
      await tx.deleteFrom('notification_groups').where('id', 'in', slice).where('count', '=', 0).execute();
    }
    return n;
  },
};
