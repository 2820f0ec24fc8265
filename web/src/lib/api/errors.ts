/** An error answer of the API: its status and the envelope's code and message ({ error: { code, message } }). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The request never got an answer (offline, server down): worth a retry, unlike a 4xx. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('Could not reach Pathwise. Check your connection and try again.', { cause });
    this.name = 'NetworkError';
  }
}

export const isApiError = (error: unknown, status?: number): error is ApiError =>
  error instanceof ApiError && (status === undefined || error.status === status);

/** 4xx answers will not change on a retry; 5xx and lost connections may. */
export const isRetryable = (error: unknown) => !(error instanceof ApiError) || error.status >= 500;

/** The message of a validation error's first field problem, else the envelope's message. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const fields = (error.details as { fields?: { field: string; message: string }[] } | undefined)?.fields;
    if (error.status >= 500) return 'Something went wrong on our side. Please try again.';
    if (fields?.length) return fields.map((f) => `${f.field}: ${f.message}`).join('; ');
    return error.message;
  }
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
