/** One error type, one list of codes, one envelope: `{ error: { code, message, details?, requestId } }`. */
export const errorStatus = {
  bad_request: 400,
  invalid_reset_token: 400,
  invalid_signature: 400,
  validation_failed: 422,
  invalid_cursor: 422,
  unauthorized: 401,
  insufficient_credits: 402,
  forbidden: 403,
  wrong_password: 403,
  not_found: 404,
  method_not_allowed: 405,
  idempotency_key_reused: 409,
  conflict: 409,
  email_taken: 409,
  password_reset_required: 409,
  payload_too_large: 413,
  unparsable_answer: 422,
  rate_limited: 429,
  daily_limit_reached: 429,
  too_many_streams: 429,
  too_many_login_attempts: 429,
  billing_not_configured: 503,
  service_unavailable: 503,
  request_timeout: 504,
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface AppErrorOptions {
  details?: unknown;
  /** Seconds, sent as `Retry-After` (429, 503). */
  retryAfter?: number;
  headers?: Record<string, string>;
  cause?: unknown;
}

export class AppError extends Error {
  readonly status: number;
  readonly details?: unknown;
  readonly retryAfter?: number;
  readonly headers?: Record<string, string>;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.status = errorStatus[code];
    this.details = options.details;
    this.retryAfter = options.retryAfter;
    this.headers = options.headers;
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
