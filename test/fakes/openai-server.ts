/**
 * A local fake of an OpenAI-compatible Chat Completions server (what Ollama, vLLM and LM Studio expose), for the
 * real `openai` SDK through its base URL. Streams `chat.completion.chunk`s, a usage chunk when the request asks
 * for `stream_options.include_usage` (unless the behaviour says the server gives none), then `data: [DONE]`.
 * Scriptable like the Anthropic fake: HTTP errors, slow starts, an error payload mid-stream, dropped connections.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeOpenAiUsage {
  prompt_tokens: number;
  completion_tokens: number;
  cached_tokens?: number;
}

export interface FakeOpenAiBehavior {
  status?: number;
  errorType?: string;
  errorMessage?: string;
  /** Sent as `retry-after-ms` with error statuses; default 5 ms. */
  retryAfterMs?: number;
  delayMs?: number;
  text?: string[];
  /** Streamed as `delta.reasoning_content` before the text, like reasoning models on vLLM/Ollama. */
  reasoning?: string;
  chunkDelayMs?: number;
  /** `null`: the server sends no usage even when asked (older compatible servers). */
  usage?: FakeOpenAiUsage | null;
  finishReason?: string;
  model?: string;
  /** After this many text chunks, send `data: {"error": …}` and end. */
  errorEventAfter?: number;
  errorEventType?: string;
  errorEventMessage?: string;
  dropAfter?: number;
  hangAfter?: number;
}

export interface FakeOpenAiOptions {
  /** Required bearer key; undefined accepts any (like Ollama). */
  apiKey?: string;
  behaviors?: FakeOpenAiBehavior[];
}

export interface RecordedOpenAiRequest {
  index: number;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  // biome-ignore lint/suspicious/noExplicitAny: a recorded JSON body, inspected by tests
  body: any;
  receivedAt: number;
  clientClosedAt?: number;
  finishedAt?: number;
  droppedByServer?: boolean;
}

export interface FakeOpenAi {
  /** Base URL for the SDK, including `/v1`. */
  url: string;
  requests: RecordedOpenAiRequest[];
  setBehaviors(behaviors: FakeOpenAiBehavior[]): void;
  clientGone(index: number, timeoutMs?: number): Promise<number>;
  close(): Promise<void>;
}

export const DEFAULT_OPENAI_TEXT = ['Hi', ' from', ' a local', ' model.'];
export const DEFAULT_OPENAI_USAGE: FakeOpenAiUsage = { prompt_tokens: 80, completion_tokens: 12 };

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function startFakeOpenAi(options: FakeOpenAiOptions = {}): Promise<FakeOpenAi> {
  let behaviors = options.behaviors ?? [{}];
  const requests: RecordedOpenAiRequest[] = [];
  const goneWaiters = new Map<number, Array<(t: number) => void>>();
  const behaviorFor = (index: number): FakeOpenAiBehavior => behaviors[Math.min(index, behaviors.length - 1)] ?? {};

  function sendError(res: ServerResponse, status: number, type: string, message: string, retryAfterMs?: number) {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (retryAfterMs !== undefined) headers['retry-after-ms'] = String(retryAfterMs);
    res.writeHead(status, headers);
    res.end(JSON.stringify({ error: { message, type, code: null, param: null } }));
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const raw = await readBody(req);
    const index = requests.length;
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    const rec: RecordedOpenAiRequest = {
      index,
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers,
      body,
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

    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      return sendError(res, 404, 'invalid_request_error', `Unknown route ${req.method} ${req.url}`);
    }
    if (options.apiKey !== undefined && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      return sendError(res, 401, 'invalid_request_error', 'Incorrect API key provided');
    }
    const b = behaviorFor(index);
    if (b.delayMs) await sleep(b.delayMs);
    if (res.destroyed) return;
    if (b.status) {
      const retryable = b.status === 429 || b.status >= 500;
      return sendError(
        res,
        b.status,
        b.errorType ??
          (b.status === 429 ? 'rate_limit_exceeded' : b.status >= 500 ? 'server_error' : 'invalid_request_error'),
        b.errorMessage ?? `fake ${b.status}`,
        b.retryAfterMs ?? (retryable ? 5 : undefined),
      );
    }

    // biome-ignore lint/suspicious/noExplicitAny: request JSON
    const params = (body ?? {}) as any;
    const model = b.model ?? params.model;
    const text = b.text ?? DEFAULT_OPENAI_TEXT;
    const id = `chatcmpl-fake-${index}`;
    const created = 1_760_000_000;
    const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
    });

    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const send = (data: unknown) => {
      if (!res.destroyed) res.write(`data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
    };
    send(chunk({ role: 'assistant', content: '' }));
    if (b.reasoning) send(chunk({ reasoning_content: b.reasoning }));

    for (let i = 0; i <= text.length; i += 1) {
      if (res.destroyed) return;
      if (b.errorEventAfter === i) {
        send({
          error: {
            message: b.errorEventMessage ?? 'The server had an error',
            type: b.errorEventType ?? 'server_error',
          },
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
      if (b.hangAfter === i) return;
      const piece = text[i];
      if (piece === undefined) break;
      if (i > 0 && b.chunkDelayMs) await sleep(b.chunkDelayMs);
      if (res.destroyed) return;
      send(chunk({ content: piece }));
    }
    send(chunk({}, b.finishReason ?? 'stop'));
    const usage = b.usage === undefined ? DEFAULT_OPENAI_USAGE : b.usage;
    if (params.stream_options?.include_usage && usage) {
      send({
        id,
        object: 'chat.completion.chunk',
        created,
        model,
        choices: [],
        usage: {
          prompt_tokens: usage.prompt_tokens,
          completion_tokens: usage.completion_tokens,
          total_tokens: usage.prompt_tokens + usage.completion_tokens,
          ...(usage.cached_tokens !== undefined
            ? { prompt_tokens_details: { cached_tokens: usage.cached_tokens } }
            : {}),
        },
      });
    }
    send('[DONE]');
    res.end();
    rec.finishedAt = Date.now();
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: String(err), type: 'server_error' } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
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
