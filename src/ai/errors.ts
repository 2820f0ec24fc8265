/**
 * Typed AI errors. The chat turns every code except `aborted` into an SSE `error` event.
 */
import type { AiProviderName } from './provider.js';

/** Codes the chat sends to the client as an SSE `error` event. */
export type AiPublicErrorCode = 'ai_unavailable' | 'ai_rate_limited' | 'ai_timeout' | 'ai_bad_request';
/** `aborted` means our caller stopped the request (client went away, user pressed stop): nothing to report. */
export type AiErrorCode = AiPublicErrorCode | 'aborted';

export const AI_ERROR_CODES: readonly AiErrorCode[] = [
  'ai_unavailable',
  'ai_rate_limited',
  'ai_timeout',
  'ai_bad_request',
  'aborted',
];

const PUBLIC_MESSAGES: Record<AiErrorCode, string> = {
  ai_unavailable: 'The coach is temporarily unavailable. Please try again in a moment.',
  ai_rate_limited: 'The coach is handling a lot of requests right now. Please wait a few seconds and try again.',
  ai_timeout: 'The coach took too long to answer. Please try again.',
  ai_bad_request: 'The coach could not process this request.',
  aborted: 'The answer was stopped.',
};

/** Codes for which sending the same request again can help. */
const TRANSIENT: ReadonlySet<AiErrorCode> = new Set(['ai_unavailable', 'ai_rate_limited', 'ai_timeout']);

export interface AiErrorOptions {
  /** The provider that failed; undefined for errors raised by the caller around the stream. */
  provider?: AiProviderName;
  /** HTTP status of the upstream response, when there was one. */
  status?: number;
  /** The upstream's own error type, e.g. `overloaded_error` or `rate_limit_error`. */
  upstreamType?: string;
  /** How long the upstream asked us to wait, when it said so. */
  retryAfterMs?: number;
  /** Text had already been yielded to the caller when the error happened. */
  afterText?: boolean;
  /** The upstream had started answering (a response stream was open) when the error happened. */
  partial?: boolean;
  cause?: unknown;
}

export class AiError extends Error {
  readonly code: AiErrorCode;
  readonly provider: AiProviderName | undefined;
  readonly status: number | undefined;
  readonly upstreamType: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly afterText: boolean;
  readonly partial: boolean;

  constructor(code: AiErrorCode, message: string, options: AiErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AiError';
    this.code = code;
    this.provider = options.provider;
    this.status = options.status;
    this.upstreamType = options.upstreamType;
    this.retryAfterMs = options.retryAfterMs;
    this.afterText = options.afterText ?? false;
    this.partial = options.partial ?? false;
  }

  /** The SDKs already retried 429/5xx/connection errors; a caller may retry once more only if no text was sent. */
  get retryable(): boolean {
    return TRANSIENT.has(this.code) && !this.afterText;
  }

  /** Safe to show to an end user; upstream details stay in `message` (for logs). */
  get publicMessage(): string {
    return PUBLIC_MESSAGES[this.code];
  }

  /** A copy that records how far the stream had got. */
  withProgress(progress: { afterText: boolean; partial: boolean }): AiError {
    return new AiError(this.code, this.message, {
      provider: this.provider,
      status: this.status,
      upstreamType: this.upstreamType,
      retryAfterMs: this.retryAfterMs,
      afterText: progress.afterText,
      partial: progress.partial,
      cause: this.cause,
    });
  }

  /** The payload of the chat's SSE `error` event. */
  toPublic(): { code: AiErrorCode; message: string; retryable: boolean } {
    return { code: this.code, message: this.publicMessage, retryable: this.retryable };
  }
}

export function isAiError(value: unknown): value is AiError {
  return value instanceof AiError;
}

/** Maps an HTTP status from an upstream model API to our code. */
export function codeForStatus(status: number): AiPublicErrorCode {
  if (status === 429) return 'ai_rate_limited';
  if (status === 408 || status === 504) return 'ai_timeout';
  // 401/403: our key is wrong or lacks access — the user can't fix it; report as unavailable (logs say why).
  if (status === 401 || status === 402 || status === 403) return 'ai_unavailable';
  if (status >= 400 && status < 500) return 'ai_bad_request';
  return 'ai_unavailable';
}

/** Maps an error type carried in a body (`error.type`) to our code, for errors that arrive inside a stream. */
export function codeForUpstreamType(type: string | null | undefined): AiPublicErrorCode {
  switch (type) {
    case 'rate_limit_error':
    case 'rate_limit_exceeded':
      return 'ai_rate_limited';
    case 'timeout_error':
      return 'ai_timeout';
    case 'invalid_request_error':
    case 'not_found_error':
    case 'request_too_large':
      return 'ai_bad_request';
    default:
      // overloaded_error, api_error, server_error, authentication/permission/billing errors, unknown types.
      return 'ai_unavailable';
  }
}

/** Parses `retry-after-ms` / `retry-after` response headers. */
export function retryAfterFromHeaders(headers: Headers | undefined | null): number | undefined {
  if (!headers) return undefined;
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers.get('retry-after');
  if (!raw) return undefined;
  const seconds = Number.parseFloat(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
