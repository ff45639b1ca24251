import { SITE_HEADER } from '@sharestack/protocol';
import { ShareStackError } from './errors.js';

export type TokenSource = () => string | null | undefined | Promise<string | null | undefined>;

export interface HttpOptions {
  baseUrl: string;
  site: string;
  getToken: TokenSource;
  fetch?: typeof globalThis.fetch;
  /** Milliseconds before a request is abandoned (default 15 s). */
  timeout?: number;
  /** Extra attempts for idempotent reads after a network error or a 408/429/502/503/504 (default 2). */
  retries?: number;
}

export type Query = Record<string, string | number | boolean | undefined>;

export interface Http {
  get<T>(path: string, query?: Query): Promise<T>;
  send<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, json?: unknown): Promise<T>;
}

const RETRY_STATUS = new Set([408, 429, 502, 503, 504]);

/**
 * The SDK's one HTTP client: base URL, site header, bearer token, timeouts, retries of reads, and
 * problem+json → ShareStackError. Plain `fetch`, so it runs in browsers and Node 20 alike and
 * keeps the script-tag bundle inside its budget.
 */
export function createHttp(options: HttpOptions): Http {
  const base = new URL('api/', options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const retries = options.retries ?? 2;

  async function request<T>(method: string, path: string, query?: Query, json?: unknown): Promise<T> {
    const url = new URL(path, base);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers = new Headers({ [SITE_HEADER]: options.site, accept: 'application/json' });
    const token = await options.getToken();
    if (token) headers.set('authorization', `Bearer ${token}`);
    if (json !== undefined) headers.set('content-type', 'application/json');
    const body = json === undefined ? null : JSON.stringify(json);

    for (let attempt = 0; ; attempt++) {
      const last = method !== 'GET' || attempt >= retries;
      let response: Response;
      try {
        response = await doFetch(url, {
          method,
          headers,
          body,
          signal: AbortSignal.timeout(options.timeout ?? 15_000),
        });
      } catch (error) {
        if (last) throw ShareStackError.network(error);
        await backoff(attempt, null);
        continue;
      }
      if (response.ok) return (response.status === 204 ? undefined : await response.json()) as T;
      if (last || !RETRY_STATUS.has(response.status)) throw await ShareStackError.fromResponse(response);
      await backoff(attempt, response.headers.get('retry-after'));
    }
  }

  return {
    get: (path, query) => request('GET', path, query),
    send: (method, path, json) => request(method, path, undefined, json),
  };
}

/** Waits before a retry: the server's Retry-After when it gave one (capped), else 300 ms, 600 ms … */
function backoff(attempt: number, retryAfter: string | null): Promise<void> {
  const hinted = Number(retryAfter);
  const ms = Number.isFinite(hinted) && hinted > 0 ? Math.min(hinted, 10) * 1000 : 300 * 2 ** attempt;
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Encodes one path segment (content keys may contain `/`). */
export const seg = (value: string): string => encodeURIComponent(value);
