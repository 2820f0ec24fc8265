import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OPENAI_TEXT, type FakeOpenAi, startFakeOpenAi } from '../../test/fakes/openai-server.js';
import { OpenAiCompatibleProvider, type OpenAiCompatibleProviderOptions } from './openai-compatible.js';
import type { AiRequest, AiStreamEvent } from './provider.js';

let fake: FakeOpenAi;

beforeAll(async () => {
  fake = await startFakeOpenAi();
});
afterAll(async () => {
  await fake.close();
});
afterEach(() => {
  fake.setBehaviors([{}]);
  fake.requests.length = 0;
});

const price = { inputPerMTok: 0, outputPerMTok: 0, cacheReadPerMTok: 0, cacheWritePerMTok: 0 };

function provider(overrides: Partial<OpenAiCompatibleProviderOptions> = {}): OpenAiCompatibleProvider {
  return new OpenAiCompatibleProvider({
    baseURL: fake.url,
    model: 'llama3.1:8b',
    maxTokens: 4096,
    maxRetries: 2,
    timeoutMs: 2000,
    idleTimeoutMs: 2000,
    price,
    ...overrides,
  });
}

const request = (extra: Partial<AiRequest> = {}): AiRequest => ({
  system: 'You are a helpful creator coach.',
  messages: [
    { role: 'user', content: 'Hi' },
    { role: 'assistant', content: 'Hello! How can I help?' },
    { role: 'user', content: 'What next?' },
  ],
  ...extra,
});

async function collect(events: AsyncIterable<AiStreamEvent>, onText?: (text: string) => void) {
  const texts: string[] = [];
  let last: Exclude<AiStreamEvent, { type: 'text' }> | undefined;
  for await (const event of events) {
    if (event.type === 'text') {
      expect(last).toBeUndefined();
      texts.push(event.text);
      onText?.(event.text);
    } else {
      expect(last).toBeUndefined();
      last = event;
    }
  }
  if (!last) throw new Error('no terminal event');
  return { texts, last };
}

describe('OpenAiCompatibleProvider against a fake compatible server', () => {
  it('streams content deltas and reads the usage chunk (cached tokens kept apart)', async () => {
    fake.setBehaviors([{ usage: { prompt_tokens: 300, completion_tokens: 40, cached_tokens: 100 }, reasoning: 'hmm' }]);
    const { texts, last } = await collect(provider().stream(request()));
    expect(texts).toEqual(DEFAULT_OPENAI_TEXT);
    expect(last).toEqual({
      type: 'done',
      model: 'llama3.1:8b',
      stopReason: 'stop',
      usage: {
        inputTokens: 200,
        outputTokens: 40,
        cacheReadTokens: 100,
        cacheWriteTokens: 0,
        outputEstimated: false,
        inputEstimated: false,
      },
    });
  });

  it('sends the system prompt, the history, max_tokens, include_usage and the configured temperature', async () => {
    await collect(provider({ temperature: 0.4, apiKey: 'sk-local' }).stream(request()));
    const rec = fake.requests[0];
    expect(rec?.path).toBe('/v1/chat/completions');
    expect(rec?.headers.authorization).toBe('Bearer sk-local');
    expect(rec?.body).toMatchObject({
      model: 'llama3.1:8b',
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: 4096,
      temperature: 0.4,
      messages: [
        { role: 'system', content: 'You are a helpful creator coach.' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello! How can I help?' },
        { role: 'user', content: 'What next?' },
      ],
    });
  });

  it('omits temperature when none is configured and works without an API key', async () => {
    await collect(provider().stream(request()));
    expect(fake.requests[0]?.body).not.toHaveProperty('temperature');
    expect(fake.requests[0]?.headers.authorization).toBe('Bearer not-needed');
  });

  it('estimates usage when the server sends none, and flags it', async () => {
    fake.setBehaviors([{ usage: null }]);
    const { last } = await collect(provider().stream(request()));
    expect(last.type).toBe('done');
    expect(last.usage.inputEstimated).toBe(true);
    expect(last.usage.outputEstimated).toBe(true);
    expect(last.usage.inputTokens).toBeGreaterThan(10);
    expect(last.usage.outputTokens).toBeGreaterThan(0);
  });

  it('retries 429 and 503 before the stream through the SDK', async () => {
    fake.setBehaviors([{ status: 429 }, { status: 503 }, {}]);
    const { texts, last } = await collect(provider().stream(request()));
    expect(texts).toEqual(DEFAULT_OPENAI_TEXT);
    expect(last.type).toBe('done');
    expect(fake.requests).toHaveLength(3);
  });

  it('maps errors to typed codes: 429 -> ai_rate_limited, 400 -> ai_bad_request (not retried)', async () => {
    fake.setBehaviors([{ status: 429 }]);
    const limited = await collect(provider({ maxRetries: 0 }).stream(request()));
    expect(limited.last.type === 'error' && limited.last.error.code).toBe('ai_rate_limited');

    fake.requests.length = 0;
    fake.setBehaviors([{ status: 400, errorMessage: 'model "nope" not found' }]);
    const bad = await collect(provider().stream(request()));
    expect(fake.requests).toHaveLength(1);
    expect(bad.last.type === 'error' && bad.last.error.code).toBe('ai_bad_request');
  });

  it('ends with a typed error after an error payload mid-stream, keeping what arrived', async () => {
    fake.setBehaviors([{ errorEventAfter: 2 }]);
    const { texts, last } = await collect(provider().stream(request()));
    expect(texts).toEqual(DEFAULT_OPENAI_TEXT.slice(0, 2));
    expect(fake.requests).toHaveLength(1);
    expect(last.type === 'error' && last.error.code).toBe('ai_unavailable');
    expect(last.type === 'error' && last.error.afterText).toBe(true);
    expect(last.usage.outputEstimated).toBe(true);
  });

  it('reports a dropped connection as ai_unavailable', async () => {
    fake.setBehaviors([{ dropAfter: 1 }]);
    const { texts, last } = await collect(provider().stream(request()));
    expect(texts).toEqual(DEFAULT_OPENAI_TEXT.slice(0, 1));
    expect(last.type === 'error' && last.error.code).toBe('ai_unavailable');
  });

  it('times out a slow start as ai_timeout', async () => {
    fake.setBehaviors([{ delayMs: 1000 }]);
    const { last } = await collect(provider({ timeoutMs: 100, maxRetries: 0 }).stream(request()));
    expect(last.type === 'error' && last.error.code).toBe('ai_timeout');
  });

  it('aborts mid-stream: the server sees the client leave within a second; usage estimated and flagged', async () => {
    fake.setBehaviors([{ hangAfter: 2 }]);
    const controller = new AbortController();
    let abortedAt = 0;
    const { texts, last } = await collect(provider().stream(request({ signal: controller.signal })), () => {
      if (abortedAt === 0) {
        abortedAt = Date.now();
        controller.abort();
      }
    });
    const goneAt = await fake.clientGone(0, 1000);
    expect(goneAt - abortedAt).toBeLessThan(1000);
    expect(texts).toHaveLength(1);
    expect(last.type === 'error' && last.error.code).toBe('aborted');
    expect(last.usage.outputEstimated).toBe(true);
    expect(last.usage.inputEstimated).toBe(true);
  });

  it('describes itself with the server host', () => {
    expect(provider().describe()).toMatchObject({ provider: 'openai', model: 'llama3.1:8b', offline: false });
    expect(provider().describe().description).toContain('127.0.0.1');
  });
});
