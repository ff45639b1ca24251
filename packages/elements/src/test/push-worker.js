// A site's own service worker as the README describes it: it imports ShareStack's push script
// (the test passes the server's address in the query).
importScripts(`${new URL(location.href).searchParams.get('server')}/push-sw.js`);
