import type {
  AuditEntry,
  Ban,
  BanBody,
  BulkModerationBody,
  BulkModerationResult,
  ListOf,
  ModerationActionBody,
  ModerationCheckBody,
  ModerationItem,
  ModerationQueue,
  ModerationQueueQuery,
  ModerationVerdict,
  Report,
  ReportBody,
} from '@sharestack/protocol';
import type { ShareStackClient } from './client.js';
import { type Http, seg } from './http.js';

export interface AuditQuery {
  limit?: number;
  cursor?: string;
  moderator_id?: string;
  target_id?: string;
}

/** The moderation API. Everything but `report` needs a moderator's token. */
export interface ModerationClient {
  queue(query?: ModerationQueueQuery): Promise<ModerationQueue>;
  item(itemId: string): Promise<ModerationItem>;
  /** Claims the most pressing unclaimed item for 30 minutes; null when the queue is empty. */
  next(): Promise<ModerationItem | null>;
  claim(itemId: string): Promise<ModerationItem>;
  release(itemId: string): Promise<ModerationItem>;
  act(itemId: string, body: ModerationActionBody): Promise<ModerationItem>;
  bulk(body: BulkModerationBody): Promise<BulkModerationResult>;
  /** Any signed-in user: flag a comment with a reason. */
  report(body: ReportBody): Promise<Report>;
  bans(query?: { limit?: number; cursor?: string }): Promise<ListOf<Ban>>;
  ban(body: BanBody): Promise<Ban>;
  unban(userId: string): Promise<void>;
  log(query?: AuditQuery): Promise<ListOf<AuditEntry>>;
  /** What the pipeline would say about a text (a dry run; nothing is stored). */
  check(body: ModerationCheckBody): Promise<ModerationVerdict>;
}

export function createModerationClient(http: Http): ModerationClient {
  return {
    queue: (query = {}) => http.get('moderation/queue/', { ...query }),
    item: (id) => http.get(`moderation/queue/${seg(id)}/`),
    next: async () =>
      (await http.send<{ item: ModerationItem | null }>('POST', 'moderation/queue/next/')).item,
    claim: (id) => http.send('POST', `moderation/queue/${seg(id)}/claim/`),
    release: (id) => http.send('DELETE', `moderation/queue/${seg(id)}/claim/`),
    act: (id, body) => http.send('POST', `moderation/queue/${seg(id)}/actions/`, body),
    bulk: (body) => http.send('POST', 'moderation/actions/', body),
    report: (body) => http.send('POST', 'moderation/reports/', body),
    bans: (query = {}) => http.get('moderation/bans/', { ...query }),
    ban: (body) => http.send('POST', 'moderation/bans/', body),
    unban: (userId) => http.send('DELETE', `moderation/bans/${seg(userId)}/`),
    log: (query = {}) => http.get('moderation/log/', { ...query }),
    check: (body) => http.send('POST', 'moderation/check/', body),
  };
}

const clients = new WeakMap<ShareStackClient, ModerationClient>();

/** The moderation API for a client (made once per client; kept out of pages that do not moderate). */
export function moderationOf(client: ShareStackClient): ModerationClient {
  let m = clients.get(client);
  if (!m) {
    m = createModerationClient(client.http);
    clients.set(client, m);
  }
  return m;
}

/** Reports a comment: the one moderation call readers make, without the rest of the moderation API. */
export const reportComment = (client: ShareStackClient, body: ReportBody): Promise<Report> =>
  client.http.send('POST', 'moderation/reports/', body);
