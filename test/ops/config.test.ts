import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('runs offline with no variables at all', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      DATABASE_URL: 'file:./data/pathwise.db',
      LOG_FORMAT: 'auto',
      CORS_ORIGINS: [],
      BODY_LIMIT_BYTES: 1_048_576,
      REQUEST_TIMEOUT_MS: 30_000,
      AUTH_RATE_LIMIT_PER_MINUTE: 20,
      RATE_LIMIT_PER_MINUTE: 120,
      TRUST_PROXY_HOPS: 0,
      SHUTDOWN_TIMEOUT_MS: 10_000,
    });
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.METRICS_TOKEN).toBeUndefined();
    expect(config.ai.provider).toBe('offline');
  });

  it('lists every bad variable at once, each with what is allowed', () => {
    expect(
      problems({
        PORT: '80a',
        BODY_LIMIT_BYTES: '10',
        CORS_ORIGINS: 'https://app.example.com, https://app.example.com/path',
        REDIS_URL: 'localhost:6379',
        LOG_FORMAT: 'xml',
        AI_PROVIDER: 'skynet',
      }),
    ).toEqual([
      'PORT: must be a whole number from 0 to 65535',
      'LOG_FORMAT: Invalid option: expected one of "auto"|"json"|"pretty"',
      'CORS_ORIGINS: must be a comma-separated list of origins like https://app.example.com (scheme, host, optional port; no path)',
      'BODY_LIMIT_BYTES: must be a whole number from 1024 to 104857600',
      'REDIS_URL: must start with redis:// or rediss://',
      'AI_PROVIDER must be anthropic, openai or offline (got "skynet").',
    ]);
  });

  it('parses lists and optional values', () => {
    const config = loadConfig({
      CORS_ORIGINS: ' https://app.example.com , http://localhost:5173 ',
      REDIS_URL: 'rediss://user:pw@cache:6380/0',
      METRICS_TOKEN: '  scrape-token ',
      TRUST_PROXY_HOPS: '1',
      AI_OFFLINE_CHUNK_DELAY_MS: '25',
    });
    expect(config.CORS_ORIGINS).toEqual(['https://app.example.com', 'http://localhost:5173']);
    expect(config.REDIS_URL).toBe('rediss://user:pw@cache:6380/0');
    expect(config.METRICS_TOKEN).toBe('scrape-token');
    expect(config.TRUST_PROXY_HOPS).toBe(1);
    expect(config.ai.offlineChunkDelayMs).toBe(25);
  });
});
