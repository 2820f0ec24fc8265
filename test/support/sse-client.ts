import { createParser, type EventSourceMessage } from 'eventsource-parser';

export interface ReceivedEvent {
  event: string;
  id: string | undefined;
  // biome-ignore lint/suspicious/noExplicitAny: parsed JSON payloads, inspected by tests
  data: any;
}

export interface SseResponse {
  status: number;
  headers: Headers;
  events: ReceivedEvent[];
  comments: string[];
  // biome-ignore lint/suspicious/noExplicitAny: a JSON error body when the request was refused before streaming
  json?: any;
}

/**
 * POSTs and reads a Server-Sent Events response over a real socket with a standard SSE parser.
 * `stopAfter` aborts the request (a client disconnect) once that many events arrived.
 */
export async function postSse(
  url: string,
  options: { token: string; body: unknown; stopAfter?: (events: ReceivedEvent[]) => boolean },
): Promise<SseResponse> {
  const controller = new AbortController();
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${options.token}`,
      'content-type': 'application/json',
      accept: 'text/event-stream',
    },
    body: JSON.stringify(options.body),
    signal: controller.signal,
  });
  const result: SseResponse = { status: res.status, headers: res.headers, events: [], comments: [] };
  if (!res.headers.get('content-type')?.startsWith('text/event-stream')) {
    result.json = await res.json();
    return result;
  }
  const parser = createParser({
    onEvent: (message: EventSourceMessage) => {
      result.events.push({ event: message.event ?? 'message', id: message.id, data: JSON.parse(message.data) });
    },
    onComment: (comment: string) => result.comments.push(comment),
  });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.feed(decoder.decode(value, { stream: true }));
      if (options.stopAfter?.(result.events)) {
        controller.abort();
        break;
      }
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  }
  return result;
}
