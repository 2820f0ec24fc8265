/**
 * A local fake of the Anthropic Messages API: a real HTTP server that speaks the SSE sequence the real API sends
 * (`message_start`, `content_block_start` for a thinking block then a text block, `ping`, `content_block_delta`,
 * `content_block_stop`, `message_delta` with cumulative usage, `message_stop`), so the real `@anthropic-ai/sdk`
 * can be pointed at it through its base URL.
 *
 * Behaviours are scriptable per request: HTTP errors before the stream (429/529/500/400…), slow starts, an
 * `error` event mid-stream, dropped connections, silence, an early clean end. Every request is recorded with its
 * headers, parsed body and auth scheme, and with the moment the client went away if it disconnected before the
 * response ended.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAiProvider } from '../../src/ai/create-provider.js';
import type { AiProvider } from '../../src/ai/provider.js';

export interface FakeAnthropicUsage {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens: number;
  cache_creation_input_tokens: number;
}

export interface FakeAnthropicBehavior {
  /** Answer with this HTTP error status instead of a stream (e.g. 429, 529, 500, 400). */
  status?: number;
  /** The error body's `error.type`; derived from `status` when omitted. */
  errorType?: string;
  errorMessage?: string;
  /** Sent as `retry-after-ms` with error statuses (the SDK honours it); default 5 ms so retry tests stay fast. */
  retryAfterMs?: number;
  /** Wait this long before sending the response headers (a slow start). */
  delayMs?: number;
  /** Thinking text streamed in a thinking block before the text; `null` for no thinking block. */
  thinking?: string | null;
  /** The text deltas. */
  text?: string[];
  /** Pause between deltas. */
  chunkDelayMs?: number;
  usage?: Partial<FakeAnthropicUsage>;
  stopReason?: string;
  /** The model id reported in `message_start`; default: the requested model. */
  model?: string;
  /** After this many text deltas, send an `error` event and end the response. */
  errorEventAfter?: number;
  errorEventType?: string;
  errorEventMessage?: string;
  /** After this many text deltas, destroy the connection. */
  dropAfter?: number;
  /** After this many text deltas, go silent and keep the connection open. */
  hangAfter?: number;
  /** After this many text deltas, end the response cleanly without `message_delta`/`message_stop`. */
  endAfter?: number;
}

export interface FakeAnthropicOptions {
  /** The accepted key, as `x-api-key` or `Authorization: Bearer`. Default `test-key`. */
  apiKey?: string;
  /** One behaviour per request, in order; the last one repeats. Default: one normal answer. */
  behaviors?: FakeAnthropicBehavior[];
  /** Models that answer 404 like a retired model. Default: `claude-sonnet-4-20250514`. */
  retiredModels?: string[];
}

export interface RecordedAnthropicRequest {
  index: number;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  // biome-ignore lint/suspicious/noExplicitAny: a recorded JSON body, inspected by tests
  body: any;
  auth: 'x-api-key' | 'bearer' | 'none' | 'invalid';
  receivedAt: number;
  /** When the client closed the connection before the response ended (an abort reaching the server). */
  clientClosedAt?: number;
  /** When the response ended normally (or the fake dropped it on purpose). */
  finishedAt?: number;
  droppedByServer?: boolean;
}

export interface FakeAnthropic {
  /** Base URL for the SDK (`baseURL`), e.g. `http://127.0.0.1:12345`. */
  url: string;
  requests: RecordedAnthropicRequest[];
  setBehaviors(behaviors: FakeAnthropicBehavior[]): void;
  /** Resolves with the time the client went away during request `index` (rejects after `timeoutMs`). */
  clientGone(index: number, timeoutMs?: number): Promise<number>;
  close(): Promise<void>;
}

export const DEFAULT_USAGE: FakeAnthropicUsage = {
  input_tokens: 120,
  output_tokens: 25,
  cache_read_input_tokens: 0,
  cache_creation_input_tokens: 0,
};

export const DEFAULT_TEXT = ['Hello', ' there,', ' creator!'];
export const DEFAULT_THINKING = 'The user wants a greeting. Keep it short.';
export const SAMPLING_PARAMETERS = ['temperature', 'top_p', 'top_k'] as const;

function errorTypeFor(status: number): string {
  if (status === 400) return 'invalid_request_error';
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 413) return 'request_too_large';
  if (status === 429) return 'rate_limit_error';
  if (status === 529) return 'overloaded_error';
  if (status === 504) return 'timeout_error';
  return 'api_error';
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function startFakeAnthropic(options: FakeAnthropicOptions = {}): Promise<FakeAnthropic> {
  const apiKey = options.apiKey ?? 'test-key';
  const retired = new Set(options.retiredModels ?? ['claude-sonnet-4-20250514']);
  let behaviors = options.behaviors ?? [{}];
  const requests: RecordedAnthropicRequest[] = [];
  const goneWaiters = new Map<number, Array<(t: number) => void>>();

  const behaviorFor = (index: number): FakeAnthropicBehavior => behaviors[Math.min(index, behaviors.length - 1)] ?? {};

  function sendError(
    res: ServerResponse,
    rec: RecordedAnthropicRequest,
    status: number,
    type: string,
    message: string,
    retryAfterMs?: number,
  ) {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'request-id': `req_fake_${rec.index}`,
    };
    if (retryAfterMs !== undefined) headers['retry-after-ms'] = String(retryAfterMs);
    res.writeHead(status, headers);
    res.end(JSON.stringify({ type: 'error', error: { type, message }, request_id: `req_fake_${rec.index}` }));
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const raw = await readBody(req);
    const index = requests.length;
    const xApiKey = req.headers['x-api-key'];
    const authorization = req.headers.authorization;
    const auth: RecordedAnthropicRequest['auth'] =
      xApiKey === apiKey
        ? 'x-api-key'
        : authorization === `Bearer ${apiKey}`
          ? 'bearer'
          : xApiKey || authorization
            ? 'invalid'
            : 'none';
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    const rec: RecordedAnthropicRequest = {
      index,
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers,
      body,
      auth,
      receivedAt: Date.now(),
    };
    requests.push(rec);
    res.on('close', () => {
      if (!res.writableEnded && !rec.droppedByServer && rec.clientClosedAt === undefined) {
        rec.clientClosedAt = Date.now();
        for (const resolve of goneWaiters.get(index) ?? []) resolve(rec.clientClosedAt);
        goneWaiters.delete(index);
      }
    });

    if (req.method !== 'POST' || !req.url?.startsWith('/v1/messages')) {
      return sendError(res, rec, 404, 'not_found_error', `Not found: ${req.method} ${req.url}`);
    }
    if (auth === 'none' || auth === 'invalid') {
      return sendError(res, rec, 401, 'authentication_error', 'invalid x-api-key');
    }
    if (!req.headers['anthropic-version']) {
      return sendError(res, rec, 400, 'invalid_request_error', 'anthropic-version: header is required');
    }
    // biome-ignore lint/suspicious/noExplicitAny: request JSON
    const params = (body ?? {}) as any;
    for (const name of SAMPLING_PARAMETERS) {
      if (name in params) {
        return sendError(
          res,
          rec,
          400,
          'invalid_request_error',
          `${name}: sampling parameters are not supported on API version ${req.headers['anthropic-version']}`,
        );
      }
    }
    if (typeof params.model !== 'string' || retired.has(params.model)) {
      return sendError(res, rec, 404, 'not_found_error', `model: ${String(params.model)}`);
    }

    const b = behaviorFor(index);
    if (b.delayMs) await sleep(b.delayMs);
    if (res.destroyed) return;
    if (b.status) {
      const retryable = b.status === 429 || b.status >= 500;
      return sendError(
        res,
        rec,
        b.status,
        b.errorType ?? errorTypeFor(b.status),
        b.errorMessage ?? `fake ${b.status}`,
        b.retryAfterMs ?? (retryable ? 5 : undefined),
      );
    }

    const usage = { ...DEFAULT_USAGE, ...b.usage };
    const model = b.model ?? params.model;
    const text = b.text ?? DEFAULT_TEXT;
    const thinking = b.thinking === undefined ? DEFAULT_THINKING : b.thinking;
    const id = `msg_fake_${index}`;

    if (!params.stream) {
      res.writeHead(200, { 'content-type': 'application/json', 'request-id': `req_fake_${index}` });
      res.end(
        JSON.stringify({
          id,
          type: 'message',
          role: 'assistant',
          model,
          content: [
            ...(thinking !== null ? [{ type: 'thinking', thinking, signature: 'sig_fake' }] : []),
            { type: 'text', text: text.join(''), citations: null },
          ],
          stop_reason: b.stopReason ?? 'end_turn',
          stop_sequence: null,
          usage,
        }),
      );
      rec.finishedAt = Date.now();
      return;
    }

    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      'request-id': `req_fake_${index}`,
    });
    const send = (event: string, data: unknown) => {
      if (!res.destroyed) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    };

    send('message_start', {
      type: 'message_start',
      message: {
        id,
        type: 'message',
        role: 'assistant',
        model,
        content: [],
        container: null,
        diagnostics: null,
        stop_details: null,
        stop_reason: null,
        stop_sequence: null,
        usage: {
          input_tokens: usage.input_tokens,
          cache_creation_input_tokens: usage.cache_creation_input_tokens,
          cache_read_input_tokens: usage.cache_read_input_tokens,
          cache_creation: null,
          inference_geo: null,
          output_tokens: 1,
          output_tokens_details: null,
          server_tool_use: null,
          service_tier: 'standard',
          speed: null,
        },
      },
    });

    let blockIndex = 0;
    if (thinking !== null) {
      send('content_block_start', {
        type: 'content_block_start',
        index: blockIndex,
        content_block: { type: 'thinking', thinking: '', signature: '' },
      });
      send('ping', { type: 'ping' });
      send('content_block_delta', {
        type: 'content_block_delta',
        index: blockIndex,
        delta: { type: 'thinking_delta', thinking },
      });
      send('content_block_delta', {
        type: 'content_block_delta',
        index: blockIndex,
        delta: { type: 'signature_delta', signature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds' },
      });
      send('content_block_stop', { type: 'content_block_stop', index: blockIndex });
      blockIndex += 1;
    }
    send('content_block_start', {
      type: 'content_block_start',
      index: blockIndex,
      content_block: { type: 'text', text: '', citations: null },
    });

    for (let i = 0; i <= text.length; i += 1) {
      if (res.destroyed) return;
      if (b.errorEventAfter === i) {
        send('error', {
          type: 'error',
          error: { type: b.errorEventType ?? 'overloaded_error', message: b.errorEventMessage ?? 'Overloaded' },
        });
        res.end();
        rec.finishedAt = Date.now();
        return;
      }
      if (b.dropAfter === i) {
        // Let what was sent reach the client first, as a connection lost mid-answer would.
        await new Promise<void>((resolve) => res.write('', () => resolve()));
        await sleep(20);
        rec.droppedByServer = true;
        rec.finishedAt = Date.now();
        res.socket?.destroy();
        return;
      }
      if (b.hangAfter === i) return; // silent; the connection stays open until the client leaves
      if (b.endAfter === i) {
        res.end();
        rec.finishedAt = Date.now();
        return;
      }
      const chunk = text[i];
      if (chunk === undefined) break;
      if (i > 0 && b.chunkDelayMs) await sleep(b.chunkDelayMs);
      if (res.destroyed) return;
      send('content_block_delta', {
        type: 'content_block_delta',
        index: blockIndex,
        delta: { type: 'text_delta', text: chunk },
      });
    }
    send('content_block_stop', { type: 'content_block_stop', index: blockIndex });
    send('message_delta', {
      type: 'message_delta',
      delta: { container: null, stop_details: null, stop_reason: b.stopReason ?? 'end_turn', stop_sequence: null },
      usage: {
        input_tokens: usage.input_tokens,
        cache_creation_input_tokens: usage.cache_creation_input_tokens,
        cache_read_input_tokens: usage.cache_read_input_tokens,
        output_tokens: usage.output_tokens,
        output_tokens_details: null,
        server_tool_use: null,
      },
    });
    send('message_stop', { type: 'message_stop' });
    res.end();
    rec.finishedAt = Date.now();
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ type: 'error', error: { type: 'api_error', message: String(err) } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setBehaviors(next) {
      behaviors = next.length > 0 ? next : [{}];
    },
    clientGone(index, timeoutMs = 2000) {
      const rec = requests[index];
      if (rec?.clientClosedAt !== undefined) return Promise.resolve(rec.clientClosedAt);
      return new Promise<number>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`client did not disconnect from request ${index} within ${timeoutMs} ms`)),
          timeoutMs,
        );
        const list = goneWaiters.get(index) ?? [];
        list.push((t) => {
          clearTimeout(timer);
          resolve(t);
        });
        goneWaiters.set(index, list);
      });
    },
    close() {
      return new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}

export const FAKE_CLAUDE_MODEL = 'claude-sonnet-5-5';

/** The Claude provider as the app builds it, through the official SDK, pointed at a fake Anthropic server. */
export function claudeAgainst(fake: Pick<FakeAnthropic, 'url'>): AiProvider {
  return createAiProvider({
    provider: 'anthropic',
    model: FAKE_CLAUDE_MODEL,
    maxTokens: 1024,
    maxRetries: 0,
    timeoutMs: 5000,
    anthropic: { apiKey: 'test-key', baseURL: fake.url },
  });
}
