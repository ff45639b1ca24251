/**
 * A client process of the WebSocket benchmark: opens its share of the sockets, authenticates
 * each as its own user, subscribes, then records when each `new_comment` on the hot topic
 * arrives (the trigger time travels in the comment's text).
 */
import { SignJWT } from 'jose';
import WebSocket from 'ws';

export interface WorkerJob {
  urls: string[];
  site: string;
  secret: string;
  from: number;
  count: number;
  /** Sockets with a global index below this follow the hot topic; the rest a quiet one each. */
  hot: number;
  hotTopic: string;
}

export type WorkerReport =
  | { type: 'ready'; open: number; failed: number }
  | { type: 'latencies'; samples: number[]; delivered: number };

const now = () => performance.timeOrigin + performance.now();
const send = (msg: WorkerReport) => process.send!(msg);

const sockets: WebSocket[] = [];
let latencies: number[] = [];
let delivered = 0;

async function openOne(job: WorkerJob, i: number): Promise<boolean> {
  const url = `${job.urls[i % job.urls.length]!.replace(/^http/, 'ws')}/ws?site=${encodeURIComponent(job.site)}`;
  const token = await new SignJWT({ name: `User ${i}` })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(`u${i}`)
    .setExpirationTime('2h')
    .sign(new TextEncoder().encode(job.secret));
  const topic = i < job.hot ? job.hotTopic : `comments:content:quiet-${i % 500}`;
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    let settled = false;
    const done = (ok: boolean) => {
      if (settled) return;
      settled = true;
      resolve(ok);
    };
    ws.on('open', () => ws.send(JSON.stringify({ type: 'auth', token })));
    ws.on('error', () => done(false));
    ws.on('close', () => done(false));
    ws.on('message', (data: Buffer) => {
      const text = data.toString();
      if (!settled) {
        if (text.startsWith('{"type":"welcome"')) ws.send(JSON.stringify({ type: 'subscribe', topic }));
        else if (text.startsWith('{"type":"subscribed"')) {
          sockets.push(ws);
          done(true);
        }
        return;
      }
      // Cheap matching: JSON.parse of every frame would make the clients the bottleneck.
      if (!text.includes('"event":"new_comment"')) return;
      const m = /bench t=(\d+\.\d+)/.exec(text);
      if (!m) return;
      delivered++;
      latencies.push(now() - Number(m[1]));
    });
  });
}

process.on(
  'message',
  async (msg: { type: 'start'; job: WorkerJob } | { type: 'collect' } | { type: 'stop' }) => {
    if (msg.type === 'start') {
      const { job } = msg;
      let open = 0;
      let failed = 0;
      const inFlight = 100;
      let next = job.from;
      const end = job.from + job.count;
      await Promise.all(
        Array.from({ length: inFlight }, async () => {
          while (next < end) {
            const i = next++;
            if (await openOne(job, i)) open++;
            else failed++;
          }
        }),
      );
      send({ type: 'ready', open, failed });
    } else if (msg.type === 'collect') {
      send({ type: 'latencies', samples: latencies, delivered });
      latencies = [];
      delivered = 0;
    } else {
      for (const ws of sockets) ws.terminate();
      process.exit(0);
    }
  },
);
