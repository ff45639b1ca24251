import { SITE_HEADER } from '@sharestack/protocol';
import ky, { HTTPError, type KyInstance, type Options } from 'ky';
import { ShareStackError } from './errors.js';

export type TokenSource = () => string | null | undefined | Promise<string | null | undefined>;

export interface HttpOptions {
  baseUrl: string;
  site: string;
  getToken: TokenSource;
  fetch?: typeof globalThis.fetch;
  timeout?: number;
}

export interface Http {
  get<T>(path: string, searchParams?: Record<string, string | number | boolean | undefined>): Promise<T>;
  send<T>(method: 'post' | 'put' | 'patch' | 'delete', path: string, json?: unknown): Promise<T>;
}

/** The SDK's one HTTP client: base URL, site header, bearer token, and problem+json → ShareStackError. */
export function createHttp(options: HttpOptions): Http {
  const api: KyInstance = ky.create({
    prefixUrl: new URL('api/', options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`).href,
    timeout: options.timeout ?? 15_000,
    retry: { limit: 2, methods: ['get'], statusCodes: [408, 502, 503, 504] },
    ...(options.fetch ? { fetch: options.fetch } : {}),
    headers: { [SITE_HEADER]: options.site, accept: 'application/json' },
    hooks: {
      beforeRequest: [
        async (request) => {
          const token = await options.getToken();
          if (token) request.headers.set('authorization', `Bearer ${token}`);
        },
      ],
    },
  });

  async function run<T>(call: () => Promise<Response>): Promise<T> {
    let response: Response;
    try {
      response = await call();
    } catch (error) {
      if (error instanceof HTTPError) throw await ShareStackError.fromResponse(error.response);
      throw ShareStackError.network(error);
    }
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  return {
    get: (path, searchParams) => {
      const params: Options['searchParams'] = {};
      for (const [k, v] of Object.entries(searchParams ?? {})) if (v !== undefined) params[k] = v;
      return run(() => api.get(path, { searchParams: params }));
    },
    send: (method, path, json) => run(() => api(path, { method, ...(json === undefined ? {} : { json }) })),
  };
}

/** Encodes one path segment (content keys may contain `/`). */
export const seg = (value: string): string => encodeURIComponent(value);
