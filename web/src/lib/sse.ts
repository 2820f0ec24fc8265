import { createParser, type EventSourceMessage } from 'eventsource-parser';

/**
 * The events of a Server-Sent Events body, one at a time as they arrive. The coach's streams are POSTs, which
 * EventSource cannot send, so they are read from a fetch Response; aborting the fetch's signal ends the loop with
 * the AbortError.
 */
export async function* readServerSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<EventSourceMessage> {
  const arrived: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (event) => arrived.push(event) });
  const decoder = new TextDecoder();
  const reader = body.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      // A character split across two chunks is held back until its second half arrives.
      parser.feed(decoder.decode(value, { stream: true }));
      yield* arrived.splice(0);
    }
  } finally {
    reader.releaseLock();
  }
}
