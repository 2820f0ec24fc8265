import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeAnthropic, startFakeAnthropic } from '../../test/fakes/anthropic-server.js';
import { AnthropicProvider } from './anthropic.js';
import {
  AiConfigError,
  type AiSettings,
  createAiProvider,
  parseModelPrice,
  resolveAiSettings,
} from './create-provider.js';
import { OfflineProvider } from './offline.js';
import { OpenAiCompatibleProvider } from './openai-compatible.js';
import { UnknownModelPriceError } from './pricing.js';

describe('resolveAiSettings', () => {
  it('defaults to the offline coach when no Claude key is set', () => {
    const s = resolveAiSettings({});
    expect(s).toMatchObject({
      provider: 'offline',
      model: 'offline-coach',
      maxTokens: 4096,
      maxRetries: 2,
      timeoutMs: 60_000,
    });
  });

  it('defaults to anthropic with claude-sonnet-5-5 when a Claude key is set (either variable)', () => {
    for (const key of ['CLAUDE_API_KEY', 'ANTHROPIC_API_KEY']) {
      const s = resolveAiSettings({ [key]: 'sk-ant-x' });
      expect(s.provider).toBe('anthropic');
      expect(s.model).toBe('claude-sonnet-5-5');
      expect(s.anthropic).toEqual({ apiKey: 'sk-ant-x', promptCaching: true });
    }
    expect(resolveAiSettings({ CLAUDE_API_KEY: 'a', ANTHROPIC_API_KEY: 'b' }).anthropic?.apiKey).toBe('a');
  });

  it('reads the model, base URL and limits', () => {
    const s = resolveAiSettings({
      CLAUDE_API_KEY: 'k',
      AI_MODEL: 'claude-haiku-4-5',
      ANTHROPIC_BASE_URL: 'http://127.0.0.1:9999',
      AI_MAX_TOKENS: '2048',
      AI_MAX_RETRIES: '0',
      AI_TIMEOUT_MS: '5000',
      AI_STREAM_IDLE_TIMEOUT_MS: '30000',
      AI_PROMPT_CACHE: 'false',
    });
    expect(s).toMatchObject({
      provider: 'anthropic',
      model: 'claude-haiku-4-5',
      maxTokens: 2048,
      maxRetries: 0,
      timeoutMs: 5000,
      idleTimeoutMs: 30_000,
      anthropic: { apiKey: 'k', baseURL: 'http://127.0.0.1:9999', promptCaching: false },
    });
  });

  it('lets AI_PROVIDER force the offline coach even with a key', () => {
    expect(resolveAiSettings({ CLAUDE_API_KEY: 'k', AI_PROVIDER: 'offline' }).provider).toBe('offline');
  });

  it('rejects what cannot work, with clear messages', () => {
    expect(() => resolveAiSettings({ AI_PROVIDER: 'gemini' })).toThrow(/AI_PROVIDER must be/);
    expect(() => resolveAiSettings({ AI_PROVIDER: 'anthropic' })).toThrow(/CLAUDE_API_KEY/);
    expect(() => resolveAiSettings({ CLAUDE_API_KEY: 'k', AI_TEMPERATURE: '0.7' })).toThrow(/sampling parameters/);
    expect(() => resolveAiSettings({ CLAUDE_API_KEY: 'k', AI_MAX_TOKENS: 'lots' })).toThrow(/AI_MAX_TOKENS/);
    expect(() => resolveAiSettings({ AI_PROVIDER: 'openai', OPENAI_BASE_URL: 'http://localhost:11434/v1' })).toThrow(
      /needs AI_MODEL/,
    );
    expect(() => resolveAiSettings({ AI_PROVIDER: 'openai', AI_MODEL: 'gpt-x', AI_MODEL_PRICE: '1/2' })).toThrow(
      /OPENAI_API_KEY/,
    );
  });

  it('refuses a model with no price at start-up, and accepts a configured price', () => {
    expect(() => resolveAiSettings({ CLAUDE_API_KEY: 'k', AI_MODEL: 'claude-unknown-9' })).toThrow(AiConfigError);
    expect(() => resolveAiSettings({ CLAUDE_API_KEY: 'k', AI_MODEL: 'claude-unknown-9' })).toThrow(/has no price/);
    const local = { AI_PROVIDER: 'openai', OPENAI_BASE_URL: 'http://localhost:11434/v1', AI_MODEL: 'llama3.1:8b' };
    expect(() => resolveAiSettings(local)).toThrow(/AI_MODEL_PRICE/);
    const s = resolveAiSettings({ ...local, AI_MODEL_PRICE: '0/0', AI_TEMPERATURE: '0.3' });
    expect(s).toMatchObject({
      provider: 'openai',
      model: 'llama3.1:8b',
      openai: { baseURL: 'http://localhost:11434/v1', temperature: 0.3 },
      prices: { 'llama3.1:8b': { inputPerMTok: 0, outputPerMTok: 0, cacheReadPerMTok: 0, cacheWritePerMTok: 0 } },
    });
    expect(s.openai?.apiKey).toBeUndefined();
  });

  it('parses AI_MODEL_PRICE with optional cache prices', () => {
    expect(parseModelPrice('0.15/0.60')).toEqual({
      inputPerMTok: 0.15,
      outputPerMTok: 0.6,
      cacheReadPerMTok: 0.15,
      cacheWritePerMTok: 0.15,
    });
    expect(parseModelPrice('1/4/0.1/1.25')).toEqual({
      inputPerMTok: 1,
      outputPerMTok: 4,
      cacheReadPerMTok: 0.1,
      cacheWritePerMTok: 1.25,
    });
    for (const bad of ['1', '1/x', '-1/2', '1/2/3/4/5', '1//2'])
      expect(() => parseModelPrice(bad)).toThrow(/AI_MODEL_PRICE/);
  });
});

describe('createAiProvider', () => {
  let fake: FakeAnthropic;
  beforeAll(async () => {
    fake = await startFakeAnthropic();
  });
  afterAll(async () => {
    await fake.close();
  });

  const base: Omit<AiSettings, 'provider' | 'model'> = { maxTokens: 512, maxRetries: 0, timeoutMs: 2000 };

  it('builds each provider with its price resolved', () => {
    const offline = createAiProvider({ ...base, provider: 'offline', model: 'anything' });
    expect(offline).toBeInstanceOf(OfflineProvider);
    expect(offline.describe()).toMatchObject({ provider: 'offline', offline: true });
    expect(offline.describe().description).toMatch(/offline coach/i);

    const claude = createAiProvider({
      ...base,
      provider: 'anthropic',
      model: 'claude-sonnet-5-5',
      anthropic: { apiKey: 'k' },
    });
    expect(claude).toBeInstanceOf(AnthropicProvider);
    expect(claude.price.inputPerMTok).toBe(2);

    const local = createAiProvider({
      ...base,
      provider: 'openai',
      model: 'qwen3:4b',
      openai: { baseURL: 'http://127.0.0.1:1/v1' },
      prices: { 'qwen3:4b': { inputPerMTok: 0, outputPerMTok: 0, cacheReadPerMTok: 0, cacheWritePerMTok: 0 } },
    });
    expect(local).toBeInstanceOf(OpenAiCompatibleProvider);
  });

  it('throws for a model without a price or a missing key', () => {
    expect(() =>
      createAiProvider({
        ...base,
        provider: 'openai',
        model: 'qwen3:4b',
        openai: { baseURL: 'http://127.0.0.1:1/v1' },
      }),
    ).toThrow(UnknownModelPriceError);
    expect(() => createAiProvider({ ...base, provider: 'anthropic', model: 'claude-sonnet-5-5' })).toThrow(
      AiConfigError,
    );
  });

  it('wires settings from the environment through to a working Anthropic provider', async () => {
    const provider = createAiProvider(resolveAiSettings({ CLAUDE_API_KEY: 'test-key', ANTHROPIC_BASE_URL: fake.url }));
    let text = '';
    for await (const event of provider.stream({ system: 's', messages: [{ role: 'user', content: 'hi' }] })) {
      if (event.type === 'text') text += event.text;
      else expect(event.type).toBe('done');
    }
    expect(text).toBe('Hello there, creator!');
    expect(fake.requests[0]?.body).toMatchObject({ model: 'claude-sonnet-5-5', max_tokens: 4096 });
  });
});
