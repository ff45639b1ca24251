/**
 * Serialised thread pages for anonymous readers — most of an embed's traffic — keyed by site,
 * content, query and the content's `version`. The version lives in the database and triggers
 * bump it, so a hit is never stale, even with several server processes: the one query a hit
 * costs (the content row) is needed anyway. Least recently used entries go first.
 */
export interface ThreadCache {
  get(key: string, version: string): string | undefined;
  set(key: string, version: string, json: string): void;
  readonly size: number;
}

export function createThreadCache({ maxEntries = 2000, maxBytes = 64 * 1024 * 1024 } = {}): ThreadCache {
  const entries = new Map<string, { version: string; json: string }>();
  let bytes = 0;

  const drop = (key: string) => {
    const old = entries.get(key);
    if (!old) return;
    bytes -= old.json.length;
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
      return hit.json;
    },
    set(key, version, json) {
      if (json.length > maxBytes / 8) return;
      drop(key);
      entries.set(key, { version, json });
      bytes += json.length;
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
