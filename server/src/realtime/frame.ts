import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';

/** A journaled (or ephemeral, `seq` null) event as the JSON text a socket receives. */
export function eventFrame(topic: string, seq: number | null, event: string, dataJson: string): string {
  return `{"type":"event","topic":${JSON.stringify(topic)},"id":${seq === null ? 'null' : `"${seq}"`},"event":${JSON.stringify(event)},"data":${dataJson}}`;
}

/**
 * A text frame encoded once for many sockets (RFC 6455 §5.2: FIN, opcode 1, server frames are
 * not masked), so fanning an event out costs one write per socket and no per-socket framing.
 */
export function textFrame(payload: Buffer): Buffer {
  const n = payload.length;
  const head = n < 126 ? 2 : n < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(head + n);
  frame[0] = 0x81;
  if (n < 126) frame[1] = n;
  else if (n < 65_536) {
    frame[1] = 126;
    frame.writeUInt16BE(n, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(n), 2);
  }
  payload.copy(frame, head);
  return frame;
}

/** A message encoded and framed once for every socket it goes to. */
export interface Prepared {
  payload: Buffer;
  frame: Buffer;
}

export function prepare(text: string): Prepared {
  const payload = Buffer.from(text);
  return { payload, frame: textFrame(payload) };
}

interface WsInternals {
  _socket?: Socket;
  _sender?: { _bufferedBytes?: number };
}

/**
 * Writes a prepared frame straight to the socket under `ws`. Only when ws has nothing queued
 * (it queues only while compressing, which this server never does) — otherwise the frame would
 * overtake queued ones — and falling back to `ws.send` whenever its internals look different.
 */
export function sendPrepared(ws: WebSocket, frame: Buffer, payload: Buffer): void {
  const internals = ws as unknown as WsInternals;
  const socket = internals._socket;
  if (socket && internals._sender?._bufferedBytes === 0 && !socket.destroyed) socket.write(frame);
  else ws.send(payload, { binary: false });
}
