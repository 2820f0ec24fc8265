import { z } from 'zod';

/**
 * Every environment variable Pathwise reads, parsed once at start. The defaults run offline: an embedded SQLite
 * file, the offline AI coach, billing switched off. Only this file reads `process.env` (through `loadConfig`).
 */

const int = (fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce.number().int().min(min).max(max).default(fallback);
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : undefined));
const list = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: int(3000, 0, 65535),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .default('file:./data/pathwise.db')
    .refine((v) => /^(file:|postgres(ql)?:\/\/)/.test(v), 'must start with file: or postgres://'),
  DATABASE_POOL_SIZE: int(10, 1, 500),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** PBKDF2-SHA256 iterations for new hashes; OWASP 2023 recommends 600,000. */
  PASSWORD_ITERATIONS: int(600_000, 100_000, 10_000_000),
  SESSION_TTL_DAYS: int(30, 1, 365),
  LOGIN_MAX_FAILURES: int(5, 1, 1000),
  LOGIN_WINDOW_SECONDS: int(900, 10, 86_400),
  SEED_DEMO_CONTENT: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),

  AI_PROVIDER: z.enum(['anthropic', 'openai', 'offline']).optional(),
  AI_MODEL: optionalText,
  AI_MAX_TOKENS: int(4096, 1, 200_000),
  AI_MAX_RETRIES: int(2, 0, 10),
  AI_TIMEOUT_MS: int(60_000, 1000, 600_000),
  CLAUDE_API_KEY: optionalText,
  ANTHROPIC_API_KEY: optionalText,
  ANTHROPIC_BASE_URL: optionalText,
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: optionalText,
  AI_TEMPERATURE: z.coerce.number().min(0).max(2).optional(),
  /** Price of a non-Claude model, "input/output" US dollars per million tokens, e.g. "0.15/0.60". */
  AI_MODEL_PRICE: optionalText,

  MONETIZATION_DAILY_MESSAGE_LIMIT: int(50, 1, 100_000),
  MONETIZATION_COST_WARNING_THRESHOLD: z.coerce.number().min(0).default(10),
  MONETIZATION_MAX_MESSAGE_LENGTH: int(4000, 10, 100_000),
  MONETIZATION_MAX_CONCURRENT_STREAMS: int(5, 1, 100),

  STRIPE_SECRET_KEY: optionalText,
  STRIPE_WEBHOOK_SECRET: optionalText,
  PUBLIC_URL: z.string().url().default('http://localhost:3000'),

  CORS_ORIGINS: list,
  BODY_LIMIT_BYTES: int(1_048_576, 1024, 100 * 1_048_576),
  REQUEST_TIMEOUT_MS: int(30_000, 1000, 600_000),
  RATE_LIMIT_PER_MINUTE: int(60, 1, 100_000),
  REDIS_URL: optionalText,
  SHUTDOWN_TIMEOUT_MS: int(10_000, 0, 300_000),
});

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment, listing every bad variable with what is allowed. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Env {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  return result.data;
}
