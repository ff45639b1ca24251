import { CloseCode, type ServerMessage } from '@sharestack/protocol';
import { type Prepared, sendPrepared } from './frame.js';
import type { Conn, HubContext } from './hub-context.js';

/**
 * Writing to the hub's sockets: frames and messages, a socket that does not read cut off at the
 * send-buffer limit, and closing with a code. `closed` hears of every socket closed here, to let
 * go of it (hub-sockets.ts `cleanup`).
 */
export function createWire(
  { limits, stats }: Pick<HubContext, 'limits' | 'stats'>,
  closed: (conn: Conn) => void,
) {
  function send(conn: Conn, frame: string | Prepared) {
    if (conn.closed || conn.ws.readyState !== conn.ws.OPEN) return;
    if (conn.ws.bufferedAmount > limits.sendBufferBytesMax) {
      stats.slowConsumers++;
      close(conn, CloseCode.SlowConsumer, `slow consumer: over ${limits.sendBufferBytesMax} bytes waiting`);
      // It is not reading, so it will not read the close frame either.
      setTimeout(() => conn.ws.terminate(), 1_000).unref();
      return;
    }
    stats.delivered++;
    if (typeof frame === 'string') conn.ws.send(frame);
    else sendPrepared(conn.ws, frame.frame, frame.payload);
  }

  function sendMessage(conn: Conn, msg: ServerMessage) {
    send(conn, JSON.stringify(msg));
  }

  function sendError(
    conn: Conn,
    code: string,
    message: string,
    extra: { topic?: string; ref?: string } = {},
  ) {
    sendMessage(conn, {
      type: 'error',
      code,
      message,
      ...(extra.topic !== undefined ? { topic: extra.topic } : {}),
      ...(extra.ref !== undefined ? { ref: extra.ref } : {}),
    });
  }

  function close(conn: Conn, code: number, reason: string) {
    if (conn.closed) return;
    // Close reasons are at most 123 bytes.
    conn.ws.close(code, Buffer.from(reason).subarray(0, 123).toString());
    closed(conn);
  }

  return { send, sendMessage, sendError, close };
}

export type Wire = ReturnType<typeof createWire>;
