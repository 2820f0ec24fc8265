import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TEXT, type FakeAnthropic, startFakeAnthropic } from '../../test/fakes/anthropic-server.js';
import { AnthropicProvider, type AnthropicProviderOptions } from './anthropic.js';
import { priceFor } from './pricing.js';
import type { AiRequest, AiStreamEvent } from './provider.js';
import { streamWithRetry } from './retry.js';

let fake: FakeAnthropic;

beforeAll(async () => {
  fake = await startFakeAnthropic();
});
afterAll(async () => {
  await fake.close();
});
afterEach(() => {
  fake.setBehaviors([{}]);
  fake.requests.length = 0;
});

function provider(overrides: Partial<AnthropicProviderOptions> = {}): AnthropicProvider {
  return new AnthropicProvider({
    apiKey: 'test-key',
    baseURL: fake.url,
    model: 'claude-sonnet-5-5',
    maxTokens: 4096,
    maxRetries: 2,
    timeoutMs: 2000,
    idleTimeoutMs: 2000,
    promptCaching: true,
    price: priceFor('claude-sonnet-5-5'),
    ...overrides,
  });
}

const request = (extra: Partial<AiRequest> = {}): AiRequest => ({
  system: 'You are a helpful creator coach.',
  messages: [{ role: 'user', content: 'What should I do next?' }],
  ...extra,
});

async function collect(events: AsyncIterable<AiStreamEvent>, onText?: (text: string) => void) {
  const texts: string[] = [];
  const all: AiStreamEvent[] = [];
  for await (const event of events) {
    all.push(event);
    if (event.type === 'text') {
      texts.push(event.text);
      onText?.(event.text);
    }
  }
  const last = all.at(-1);
  if (!last || last.type === 'text') throw new Error('stream did not end with a terminal event');
  expect(all.filter((e) => e.type !== 'text')).toHaveLength(1);
  return { texts, last };
}

describe('AnthropicProvider against the fake Messages API', () => {
  it('streams only the text deltas and reads usage from message_start and message_delta', async () => {
    fake.setBehaviors([
      {
        usage: {
          input_tokens: 321,
          output_tokens: 57,
          cache_read_input_tokens: 1000,
          cache_creation_input_tokens: 200,
        },
        model: 'claude-sonnet-5-5-20260922',
      },
    ]);
    const { texts, last } = await collect(provider().stream(request()));

    expect(texts).toEqual(DEFAULT_TEXT); // the thinking block never reaches the caller
    expect(last).toEqual({
      type: 'done',
      model: 'claude-sonnet-5-5-20260922',
      stopReason: 'end_turn',
      usage: {
        inputTokens: 321,
        outputTokens: 57,
        cacheReadTokens: 1000,
        cacheWriteTokens: 200,
        outputEstimated: false,
        inputEstimated: false,
      },
    });
  });

  it('sends SDK 1.x headers (API version 2026-10-21, Bearer auth) and no sampling parameters', async () => {
    await collect(provider().stream(request({ maxTokens: 1234 })));
    const [rec] = fake.requests;
    expect(rec?.path).toBe('/v1/messages');
    expect(rec?.headers['anthropic-version']).toBe('2026-10-21');
    expect(rec?.headers.authorization).toBe('Bearer test-key');
    expect(rec?.headers['x-api-key']).toBeUndefined();
    expect(rec?.auth).toBe('bearer');
    expect(rec?.body).toMatchObject({
      model: 'claude-sonnet-5-5',
      max_tokens: 1234,
      stream: true,
      system: 'You are a helpful creator coach.',
      messages: [{ role: 'user', content: 'What should I do next?' }],
      cache_control: { type: 'ephemeral' },
    });
    for (const name of ['temperature', 'top_p', 'top_k', 'thinking']) expect(rec?.body).not.toHaveProperty(name);
  });

  it('uses the configured max tokens by default and can turn prompt caching off', async () => {
    await collect(provider({ promptCaching: false }).stream(request()));
    expect(fake.requests[0]?.body.max_tokens).toBe(4096);
    expect(fake.requests[0]?.body).not.toHaveProperty('cache_control');
  });

  it('retries 429 and 529 before the stream through the SDK, then streams', async () => {
    fake.setBehaviors([{ status: 429 }, { status: 529 }, {}]);
    const { texts, last } = await collect(provider().stream(request()));
    expect(texts.join('')).toBe(DEFAULT_TEXT.join(''));
    expect(last.type).toBe('done');
    expect(fake.requests).toHaveLength(3);
    expect(fake.requests.map((r) => r.headers['x-stainless-retry-count'])).toEqual(['0', '1', '2']);
  });

  it('maps exhausted 429 retries to ai_rate_limited with nothing billed', async () => {
    fake.setBehaviors([{ status: 429, retryAfterMs: 7 }]);
    const { texts, last } = await collect(provider({ maxRetries: 1 }).stream(request()));
    expect(texts).toEqual([]);
    expect(fake.requests).toHaveLength(2);
    expect(last.type).toBe('error');
    if (last.type !== 'error') return;
    expect(last.error.code).toBe('ai_rate_limited');
    expect(last.error.status).toBe(429);
    expect(last.error.upstreamType).toBe('rate_limit_error');
    expect(last.error.retryAfterMs).toBe(7);
    expect(last.error.afterText).toBe(false);
    expect(last.error.retryable).toBe(true);
    expect(last.usage).toMatchObject({ inputTokens: 0, outputTokens: 0, inputEstimated: false });
  });

  it('maps 529 and 500 to ai_unavailable after the SDK retries', async () => {
    fake.setBehaviors([{ status: 529 }]);
    const overloaded = await collect(provider({ maxRetries: 1 }).stream(request()));
    expect(overloaded.last.type === 'error' && overloaded.last.error.code).toBe('ai_unavailable');
    expect(overloaded.last.type === 'error' && overloaded.last.error.upstreamType).toBe('overloaded_error');
    expect(fake.requests).toHaveLength(2);

    fake.requests.length = 0;
    fake.setBehaviors([{ status: 500 }]);
    const internal = await collect(provider({ maxRetries: 2 }).stream(request()));
    expect(internal.last.type === 'error' && internal.last.error.code).toBe('ai_unavailable');
    expect(fake.requests).toHaveLength(3);
  });

  it('does not retry a 400 and maps it to ai_bad_request', async () => {
    fake.setBehaviors([{ status: 400, errorMessage: 'messages: roles must alternate' }]);
    const { last } = await collect(provider().stream(request()));
    expect(fake.requests).toHaveLength(1);
    expect(last.type === 'error' && last.error.code).toBe('ai_bad_request');
    expect(last.type === 'error' && last.error.message).toContain('roles must alternate');
    expect(last.type === 'error' && last.error.retryable).toBe(false);
  });

  it('reports the retired spec model as ai_bad_request (it no longer answers)', async () => {
    const { last } = await collect(provider({ model: 'claude-sonnet-4-20250514' }).stream(request()));
    expect(last.type === 'error' && last.error.code).toBe('ai_bad_request');
    expect(last.type === 'error' && last.error.status).toBe(404);
  });

  it('maps a wrong key to ai_unavailable without retrying', async () => {
    const { last } = await collect(provider({ apiKey: 'wrong' }).stream(request()));
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]?.auth).toBe('invalid');
    expect(last.type === 'error' && last.error.code).toBe('ai_unavailable');
    expect(last.type === 'error' && last.error.status).toBe(401);
  });

  it('ends with a typed error after a mid-stream error event, keeping what arrived; the SDK does not retry', async () => {
    fake.setBehaviors([
      {
        errorEventAfter: 2,
        errorEventType: 'overloaded_error',
        usage: { input_tokens: 500, cache_read_input_tokens: 40 },
      },
    ]);
    const { texts, last } = await collect(provider().stream(request()));
    expect(texts).toEqual(DEFAULT_TEXT.slice(0, 2));
    expect(fake.requests).toHaveLength(1);
    expect(last.type).toBe('error');
    if (last.type !== 'error') return;
    expect(last.error.code).toBe('ai_unavailable');
    expect(last.error.upstreamType).toBe('overloaded_error');
    expect(last.error.afterText).toBe(true);
    expect(last.error.partial).toBe(true);
    expect(last.error.retryable).toBe(false);
    expect(last.usage.inputTokens).toBe(500); // exact, from message_start
    expect(last.usage.cacheReadTokens).toBe(40);
    expect(last.usage.inputEstimated).toBe(false);
    expect(last.usage.outputEstimated).toBe(true);
    expect(last.usage.outputTokens).toBeGreaterThan(0);
  });

  it('maps a rate-limit error event mid-stream to ai_rate_limited', async () => {
    fake.setBehaviors([{ errorEventAfter: 0, errorEventType: 'rate_limit_error', errorEventMessage: 'slow down' }]);
    const { texts, last } = await collect(provider().stream(request()));
    expect(texts).toEqual([]);
    expect(last.type === 'error' && last.error.code).toBe('ai_rate_limited');
    expect(last.type === 'error' && last.error.retryable).toBe(true);
  });

  it('reports a dropped connection as ai_unavailable with the partial text', async () => {
    fake.setBehaviors([{ dropAfter: 1 }]);
    const { texts, last } = await collect(provider().stream(request()));
    expect(texts).toEqual(DEFAULT_TEXT.slice(0, 1));
    expect(fake.requests).toHaveLength(1);
    expect(last.type === 'error' && last.error.code).toBe('ai_unavailable');
    expect(last.type === 'error' && last.error.afterText).toBe(true);
    expect(last.type === 'error' && last.usage.outputEstimated).toBe(true);
  });

  it('reports a stream that ends without message_stop as ai_unavailable', async () => {
    fake.setBehaviors([{ endAfter: 2 }]);
    const { texts, last } = await collect(provider().stream(request()));
    expect(texts).toEqual(DEFAULT_TEXT.slice(0, 2));
    expect(last.type === 'error' && last.error.code).toBe('ai_unavailable');
  });

  it('times out a slow start through the SDK timeout (retried) as ai_timeout', async () => {
    fake.setBehaviors([{ delayMs: 1500 }]);
    const started = Date.now();
    const { last } = await collect(provider({ timeoutMs: 150, maxRetries: 1 }).stream(request()));
    expect(last.type === 'error' && last.error.code).toBe('ai_timeout');
    expect(fake.requests).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('times out a stream that goes silent (idle timeout) as ai_timeout', async () => {
    fake.setBehaviors([{ hangAfter: 1 }]);
    const { texts, last } = await collect(provider({ idleTimeoutMs: 200 }).stream(request()));
    expect(texts).toEqual(DEFAULT_TEXT.slice(0, 1));
    expect(last.type === 'error' && last.error.code).toBe('ai_timeout');
    expect(last.type === 'error' && last.error.afterText).toBe(true);
    await fake.clientGone(0, 1000);
  });

  it('aborts mid-stream: the fake sees the client leave within a second; exact input, estimated output', async () => {
    // ' two' and ' three' are already on the wire when the caller aborts: they must not reach it.
    fake.setBehaviors([{ text: ['One', ' two', ' three', ' four'], hangAfter: 3, usage: { input_tokens: 777 } }]);
    const controller = new AbortController();
    let abortedAt = 0;
    const { texts, last } = await collect(provider().stream(request({ signal: controller.signal })), () => {
      abortedAt = Date.now();
      controller.abort();
    });
    const goneAt = await fake.clientGone(0, 1000);
    expect(goneAt - abortedAt).toBeLessThan(1000);
    expect(texts).toEqual(['One']);
    expect(last.type).toBe('error');
    if (last.type !== 'error') return;
    expect(last.error.code).toBe('aborted');
    expect(last.usage).toMatchObject({ inputTokens: 777, inputEstimated: false, outputEstimated: true });
    expect(last.usage.outputTokens).toBeGreaterThan(0);
  });

  it('aborts during a slow start: estimated input, flagged', async () => {
    fake.setBehaviors([{ delayMs: 1500 }]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const { last } = await collect(provider().stream(request({ signal: controller.signal })));
    expect(Date.now() - started).toBeLessThan(1000);
    await fake.clientGone(0, 1000);
    expect(last.type === 'error' && last.error.code).toBe('aborted');
    expect(last.usage.inputEstimated).toBe(true);
    expect(last.usage.inputTokens).toBeGreaterThan(0);
    expect(fake.requests).toHaveLength(1);
  });

  it('stops the upstream request when the consumer stops iterating', async () => {
    fake.setBehaviors([{ hangAfter: 1 }]);
    for await (const event of provider().stream(request())) {
      if (event.type === 'text') break;
    }
    await fake.clientGone(0, 1000);
  });

  it('does not call the API for an already aborted signal or an empty conversation', async () => {
    const controller = new AbortController();
    controller.abort();
    const aborted = await collect(provider().stream(request({ signal: controller.signal })));
    expect(aborted.last.type === 'error' && aborted.last.error.code).toBe('aborted');
    const empty = await collect(provider().stream(request({ messages: [] })));
    expect(empty.last.type === 'error' && empty.last.error.code).toBe('ai_bad_request');
    expect(fake.requests).toHaveLength(0);
  });
});

describe('streamWithRetry (the caller-side retry)', () => {
  it('retries once when the stream failed before any text, adding both attempts’ usage', async () => {
    fake.setBehaviors([
      { errorEventAfter: 0, usage: { input_tokens: 100 } },
      { usage: { input_tokens: 100, output_tokens: 9 } },
    ]);
    const retried: string[] = [];
    const { texts, last } = await collect(
      streamWithRetry(provider(), request(), { delayMs: 1, onRetry: (e) => retried.push(e.code) }),
    );
    expect(retried).toEqual(['ai_unavailable']);
    expect(fake.requests).toHaveLength(2);
    expect(texts.join('')).toBe(DEFAULT_TEXT.join(''));
    expect(last.type).toBe('done');
    expect(last.usage.inputTokens).toBe(200);
    expect(last.usage.outputEstimated).toBe(true); // the failed attempt's output was estimated
  });

  it('does not retry once text was sent', async () => {
    fake.setBehaviors([{ errorEventAfter: 1 }, {}]);
    const { texts, last } = await collect(streamWithRetry(provider(), request(), { delayMs: 1 }));
    expect(fake.requests).toHaveLength(1);
    expect(texts).toEqual(DEFAULT_TEXT.slice(0, 1));
    expect(last.type === 'error' && last.error.code).toBe('ai_unavailable');
  });

  it('retries only once', async () => {
    fake.setBehaviors([{ errorEventAfter: 0 }]);
    const { last } = await collect(streamWithRetry(provider(), request(), { delayMs: 1 }));
    expect(fake.requests).toHaveLength(2);
    expect(last.type === 'error' && last.error.code).toBe('ai_unavailable');
  });
});

describe('the fake Anthropic API itself', () => {
  it('accepts x-api-key as well as Bearer, and rejects sampling parameters with a 400 like API 2026-10-21', async () => {
    const post = (headers: Record<string, string>, body: object) =>
      fetch(`${fake.url}/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'anthropic-version': '2026-10-21', ...headers },
        body: JSON.stringify(body),
      });
    const base = { model: 'claude-sonnet-5-5', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] };
    const viaKey = await post({ 'x-api-key': 'test-key' }, base);
    expect(viaKey.status).toBe(200);
    expect(fake.requests.at(-1)?.auth).toBe('x-api-key');
    const viaBearer = await post({ authorization: 'Bearer test-key' }, base);
    expect(viaBearer.status).toBe(200);
    const withTemperature = await post({ 'x-api-key': 'test-key' }, { ...base, temperature: 0.7 });
    expect(withTemperature.status).toBe(400);
    expect(await withTemperature.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
  });
});
