/**
 * The service worker part of web push, served at GET /push-sw.js. Service workers must be
 * same-origin with the page, so a site registers its own worker that does
 * `importScripts('https://<server>/push-sw.js')`. It shows each push (a JSON PushPayload) as a
 * notification and opens or focuses the notification's URL on click.
 *
 * Plain ES2017 with no imports: it runs inside the site's worker, next to the site's own code.
 */
export const PUSH_SW_SOURCE = `/* ShareStack web push. Import from your own service worker:
 *   importScripts('https://<sharestack-server>/push-sw.js');
 */
(function () {
  'use strict';
  if (self.__sharestackPush) return;
  self.__sharestackPush = true;

  function safeUrl(raw) {
    if (typeof raw !== 'string' || !raw) return null;
    try {
      var url = new URL(raw, self.location.href);
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  self.addEventListener('push', function (event) {
    var data = null;
    try {
      data = event.data ? event.data.json() : null;
    } catch (e) {
      data = null;
    }
    // Not ours (another library's push in the same worker) or unreadable: leave it alone.
    if (!data || typeof data.title !== 'string' || typeof data.notification_id !== 'string') return;
    var options = {
      body: typeof data.body === 'string' ? data.body : '',
      data: {
        sharestack: true,
        url: safeUrl(data.url),
        notification_id: data.notification_id,
        unread_count: typeof data.unread_count === 'number' ? data.unread_count : null,
      },
    };
    if (typeof data.tag === 'string' && data.tag) {
      options.tag = data.tag;
      options.renotify = true;
    }
    var shown = self.registration.showNotification(data.title, options);
    var badge =
      typeof data.unread_count === 'number' && self.navigator && self.navigator.setAppBadge
        ? self.navigator.setAppBadge(data.unread_count).catch(function () {})
        : Promise.resolve();
    event.waitUntil(Promise.all([shown, badge]));
  });

  self.addEventListener('notificationclick', function (event) {
    var data = event.notification.data;
    if (!data || !data.sharestack) return;
    event.notification.close();
    var url = safeUrl(data.url);
    if (!url) return;
    event.waitUntil(
      self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(function (windows) {
        for (var i = 0; i < windows.length; i++) {
          if (windows[i].url === url && 'focus' in windows[i]) return windows[i].focus();
        }
        return self.clients.openWindow ? self.clients.openWindow(url) : undefined;
      }),
    );
  });
})();
`;
