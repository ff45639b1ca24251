import {
  type RealtimeEnvelope,
  RealtimeEvent,
  type ShareChannel,
  type ShareSummary,
  Topic,
} from '@sharestack/protocol';
import { atom, onMount, type ReadableAtom, task } from 'nanostores';
import type { ShareStackClient } from '../client.js';
import { isShareStackError, type ShareStackError } from '../errors.js';
import { socialOf } from '../social.js';
import { perClient } from './per-client.js';

export interface ShareStoreState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  share_count: number;
  channels: Record<string, number>;
  share_url: string | null;
  error: ShareStackError | null;
}

export interface ShareStore {
  readonly contentId: string;
  readonly $state: ReadableAtom<ShareStoreState>;
  load(): Promise<void>;
  /** Counts a share at once; the server's counts replace the guess, a refusal rolls it back. */
  record(
    channel: ShareChannel,
    meta?: { content_url?: string; content_title?: string },
  ): Promise<ShareSummary>;
}

/** Share counts of one content key. */
export const shareStore = (client: ShareStackClient, contentId: string): ShareStore =>
  perClient(client, `shares:${contentId}`, () => createShareStore(client, contentId));

function createShareStore(client: ShareStackClient, contentId: string): ShareStore {
  const $state = atom<ShareStoreState>({
    status: 'idle',
    share_count: 0,
    channels: {},
    share_url: null,
    error: null,
  });
  const fromSummary = (s: ShareSummary) =>
    $state.set({
      status: 'ready',
      share_count: s.share_count,
      channels: s.channels,
      share_url: s.share_url,
      error: null,
    });
  /** The viewer's own shares on their way: each ends with the server's counts. */
  let inFlight = 0;
  const store: ShareStore = {
    contentId,
    $state,
    async load() {
      $state.set({ ...$state.get(), status: 'loading' });
      try {
        fromSummary(await socialOf(client).shares(contentId));
      } catch (error) {
        if (!isShareStackError(error)) throw error;
        $state.set({ ...$state.get(), status: 'error', error });
      }
    },
    async record(channel, meta = {}) {
      const before = $state.get();
      $state.set({
        ...before,
        share_count: before.share_count + 1,
        channels: { ...before.channels, [channel]: (before.channels[channel] ?? 0) + 1 },
      });
      inFlight++;
      try {
        const s = await socialOf(client).share({ content_id: contentId, channel, ...meta });
        fromSummary(s);
        return s;
      } catch (error) {
        $state.set(before);
        throw error;
      } finally {
        inFlight--;
      }
    },
  };
  /** Others' shares, as the content's topic announced them. */
  const live = (e: RealtimeEnvelope) => {
    if (e.event !== RealtimeEvent.ShareCount) return;
    const s = e.data as ShareSummary;
    if (s.content_id !== contentId || $state.get().status !== 'ready' || inFlight > 0) return;
    fromSummary(s);
  };
  onMount($state, () => {
    // A nanostores task, so SSR and tests can await the first load with allTasks().
    if ($state.get().status === 'idle') void task(() => store.load());
    // Announced on the content's comments topic; the socket code loads lazily.
    return client.realtime.subscribe(Topic.comments(contentId), {
      event: live,
      reset: () => void store.load(),
    });
  });
  return store;
}
