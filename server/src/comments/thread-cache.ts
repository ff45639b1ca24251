import { gzipSync } from 'node:zlib';

/** A serialised thread page; the gzip form is made once, on first demand, and kept with it. */
export interface ThreadPage {
  readonly json: string;
  gzip(): Uint8Array;
}

/**
 * `level`: cached pages are compressed once and served many times, so they pay for a smaller
 * body (6); a page built for one reader is compressed once and sent once, so speed wins (1).
 */
export function threadPage(json: string, level = 6): ThreadPage {
  let gz: Uint8Array | undefined;
  return {
    json,
    gzip: () => {
      gz ??= gzipSync(json, { level });
      return gz;
    },
  };
}

/**
 * Serialised thread pages for anonymous readers — most of an embed's traffic — keyed by site,
 * content, query and the content's `version`. The version lives in the database and triggers
 * bump it, so a hit is never stale, even with several server processes: the one query a hit
 * costs (the content row) is needed anyway. Least recently used entries go first.
 */
export interface ThreadCache {
  get(key: string, version: string): ThreadPage | undefined;
  set(key: string, version: string, page: ThreadPage): void;
  readonly size: number;
}

export function createThreadCache({ maxEntries = 2000, maxBytes = 64 * 1024 * 1024 } = {}): ThreadCache {
  const entries = new Map<string, { version: string; page: ThreadPage }>();
  let bytes = 0;

  const drop = (key: string) => {
    const old = entries.get(key);
    if (!old) return;
    bytes -= old.page.json.length;
    entries.delete(key);
  };

  return {
    get(key, version) {
      const hit = entries.get(key);
      if (!hit) return undefined;
      if (hit.version !== version) {
        drop(key);
        return undefined;
      }
      // Re-insert to mark as most recently used.
      entries.delete(key);
      entries.set(key, hit);
      return hit.page;
    },
    set(key, version, page) {
      // Compressed copies add about a fifth; the budget counts the JSON.
      if (page.json.length > maxBytes / 8) return;
      drop(key);
      entries.set(key, { version, page });
      bytes += page.json.length;
      for (const oldest of entries.keys()) {
        if (entries.size <= maxEntries && bytes <= maxBytes) break;
        drop(oldest);
      }
    },
    get size() {
      return entries.size;
    },
  };
}
