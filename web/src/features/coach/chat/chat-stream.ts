import { ApiError, NetworkError } from '../../../lib/api/errors';
import { sessionToken } from '../../../lib/api/session';
import { readServerSentEvents } from '../../../lib/sse';
import { chatUrl, type Decision, type Progress } from '../coach-api';

/**
 * The chat's Server-Sent Events (documented on POST /projects/{id}/chat), typed from the generated schema: the chat
 * is a POST, so the browser's EventSource cannot read it and this small reader over fetch does.
 */
export interface ChatEvents {
  start: { userMessageId: string; assistantMessageId: string | null; offline?: boolean; replay?: boolean };
  delta: { text: string };
  decision: Omit<Decision, 'status' | 'supersededById' | 'supersededAt'> & { supersedes: string | null };
  task: { taskId: string; title: string };
  done: {
    assistantMessageId?: string;
    replay?: boolean;
    status?: string;
    progress?: Progress;
    nextSteps?: Array<{ taskId: string; title: string; why: string }>;
  };
  error: { code: string; message: string; partial: boolean; assistantMessageId?: string };
  /** A replayed turn whose reply is still being written. */
  status: { status: string; message: string };
}
export type ChatEvent = { [K in keyof ChatEvents]: { type: K; data: ChatEvents[K] } }[keyof ChatEvents];

const known = new Set<string>(['start', 'delta', 'decision', 'task', 'done', 'error', 'status']);

/**
 * POSTs a message and calls `onEvent` for each event as it arrives. Resolves when the stream ends; rejects with
 * ApiError when the server refused before streaming (its JSON envelope: 404, 409, 422, 429), with NetworkError when
 * the connection failed or dropped, and with the signal's AbortError when the caller stopped it.
 */
export async function streamChat(
  projectId: string,
  body: { message: string; clientMessageId: string },
  onEvent: (event: ChatEvent) => void,
  signal: AbortSignal,
): Promise<void> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'text/event-stream' };
  const token = sessionToken();
  if (token) headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(chatUrl(projectId), { method: 'POST', headers, body: JSON.stringify(body), signal });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new NetworkError(error);
  }
  if (!response.ok || !response.headers.get('content-type')?.startsWith('text/event-stream')) {
    throw await refusal(response);
  }
  if (!response.body) throw new NetworkError(new Error('the reply has no body'));
  try {
    for await (const message of readServerSentEvents(response.body)) {
      if (!message.event || !known.has(message.event)) continue;
      onEvent({ type: message.event, data: JSON.parse(message.data) } as ChatEvent);
    }
  } catch (error) {
    if (signal.aborted) throw error;
    throw new NetworkError(error);
  }
}

async function refusal(response: Response): Promise<ApiError> {
  let envelope: { code?: string; message?: string; details?: unknown } | undefined;
  try {
    envelope = ((await response.json()) as { error?: typeof envelope }).error;
  } catch {
    envelope = undefined;
  }
  const retryAfter = Number(response.headers.get('retry-after'));
  // Retry-After goes with the details, so a 429 can say how long to wait.
  const details = {
    ...(typeof envelope?.details === 'object' && envelope.details !== null ? envelope.details : {}),
    ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
  };
  return new ApiError(
    response.status,
    envelope?.code ?? 'http_error',
    envelope?.message ?? `${response.status} ${response.statusText}`,
    details,
  );
}
