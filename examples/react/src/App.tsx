import { followStore, unreadCountOf } from '@sharestack/sdk';
import { useRef, useState } from 'react';
import { AUTHOR, client, POST_ID } from './sharestack';
import { useStore } from './use-store';

/** The signed-in viewer, from the client's own store. */
function SignedInAs() {
  const viewer = useStore(client.$viewer);
  return <span className="session">{viewer ? `Signed in as ${viewer.name}` : 'Reading anonymously'}</span>;
}

/** The same unread count the bell shows, rendered by React: live over the socket, in step across tabs. */
function UnreadBadge() {
  const count = useStore(unreadCountOf(client));
  if (!count) return null;
  return <span className="unread-badge">{count} unread</span>;
}

/** The store `<ss-follow-button>` uses: a follow shows here at once, and others' follows live. */
function FollowerCount({ userId }: { userId: string }) {
  const follow = useStore(followStore(client, userId).$state);
  if (follow.status !== 'ready') return null;
  return (
    <span className="follower-count">
      {follow.follower_count === 1 ? '1 follower' : `${follow.follower_count} followers`}
    </span>
  );
}

export function App() {
  // What the elements reported through their `ss-*` events, newest first.
  const [log, setLog] = useState<{ id: number; text: string }[]>([]);
  const lastId = useRef(0);
  const note = (text: string) => setLog((lines) => [{ id: ++lastId.current, text }, ...lines].slice(0, 5));

  return (
    <>
      <header>
        <strong>My React app</strong>
        <SignedInAs />
        <UnreadBadge />
        <ss-notification-bell
          client={client}
          onss-notification-click={(e) => {
            // A single-page app routes itself (to e.detail.notification.url) instead of a page load.
            e.preventDefault();
            note(`Opened: ${e.detail.notification.message}`);
          }}
        />
      </header>
      <main>
        <article>
          <h1>A post in a React app</h1>
          <p className="byline">
            by {AUTHOR.name}
            <ss-follow-button
              client={client}
              user-id={AUTHOR.id}
              onss-follow-changed={(e) =>
                note(e.detail.following ? 'You followed the author' : 'You unfollowed')
              }
            />
            <FollowerCount userId={AUTHOR.id} />
          </p>
          <p>
            React renders the page; ShareStack's elements bring the comments, the follow button and the bell.
          </p>
        </article>
        <ss-comments
          client={client}
          content-id={POST_ID}
          sort="new"
          onss-comment-posted={(e) => note(`You commented: ${e.detail.comment.comment_text}`)}
          onss-error={(e) => note(`Failed: ${e.detail.action}`)}
        />
        {log.length > 0 && (
          <ul className="log" aria-label="What you did">
            {log.map((line) => (
              <li key={line.id}>{line.text}</li>
            ))}
          </ul>
        )}
      </main>
    </>
  );
}
