import type { ErrorCode, Problem } from '@sharestack/protocol';

// Literals rather than `ErrorCode.X`: the whole ErrorCode table would otherwise ride along in
// every browser bundle.
const INTERNAL: ErrorCode = 'internal_error';
const BAD_REQUEST: ErrorCode = 'bad_request';
const NETWORK: ErrorCode = 'network_error';

/** The one error type the SDK throws: an RFC 9457 problem from the server, or a network failure. */
export class ShareStackError extends Error {
  override readonly name = 'ShareStackError';
  /** HTTP status, or 0 when the request never got an answer. */
  readonly status: number;
  /** Stable machine-readable code from `ErrorCode`. */
  readonly code: string;
  readonly problem: Problem | null;
  /** Seconds to wait before retrying, when the server said so. */
  readonly retryAfter: number | null;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    problem?: Problem | null;
    retryAfter?: number | null;
    cause?: unknown;
  }) {
    super(init.message, { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.problem = init.problem ?? null;
    this.retryAfter = init.retryAfter ?? null;
  }

  /** Field-level messages for validation failures, keyed by path. */
  get fieldErrors(): Record<string, string> {
    return Object.fromEntries((this.problem?.errors ?? []).map((e) => [e.path, e.message]));
  }

  static async fromResponse(response: Response): Promise<ShareStackError> {
    let problem: Problem | null = null;
    try {
      const body: unknown = await response.clone().json();
      if (isProblem(body)) problem = body;
    } catch {
      // Not JSON (a proxy's HTML error page, say): fall through to a generic problem.
    }
    const header = response.headers.get('retry-after');
    const retryAfter = problem?.retry_after ?? (header ? Number(header) || null : null);
    return new ShareStackError({
      status: response.status,
      code: problem?.code ?? (response.status >= 500 ? INTERNAL : BAD_REQUEST),
      message: problem?.detail ?? problem?.title ?? `Request failed with status ${response.status}`,
      problem,
      retryAfter,
    });
  }

  static network(cause: unknown): ShareStackError {
    const message = cause instanceof Error ? cause.message : 'Network request failed';
    return new ShareStackError({ status: 0, code: NETWORK, message, cause });
  }
}

function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Problem).code === 'string' &&
    typeof (value as Problem).status === 'number'
  );
}

export const isShareStackError = (e: unknown): e is ShareStackError => e instanceof ShareStackError;
