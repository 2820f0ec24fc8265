import { z } from 'zod';
import { type AiSettings, resolveAiSettings } from './ai/create-provider.js';

/**
 * Every environment variable Pathwise reads, parsed once at start. The defaults run offline: an embedded SQLite
 * file, the offline AI coach, billing switched off. Only this file reads `process.env` (through `loadConfig`).
 */

const int = (fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER) => {
  const allowed = `must be a whole number from ${min} to ${max}`;
  return z.coerce.number({ error: allowed }).int(allowed).min(min, allowed).max(max, allowed).default(fallback);
};
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
  /** `auto`: pretty when stdout is a terminal (and pino-pretty is installed), JSON otherwise. */
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  /** PBKDF2-SHA256 iterations for new hashes; OWASP 2023 recommends 600,000. */
  PASSWORD_ITERATIONS: int(600_000, 100_000, 10_000_000),
  /**
   * The most PBKDF2 iterations this runtime will compute: hashes above it are not verified (the user is asked to reset
   * the password). Cloudflare Workers refuse more than 100,000 (src/worker/config.ts sets it there); no cap on Node.
   */
  PASSWORD_MAX_ITERATIONS: int(10_000_000, 1000, 10_000_000),
  SESSION_TTL_DAYS: int(30, 1, 365),
  LOGIN_MAX_FAILURES: int(5, 1, 1000),
  LOGIN_WINDOW_SECONDS: int(900, 10, 86_400),
  /** How long a password-reset link works. */
  PASSWORD_RESET_TTL_MINUTES: int(60, 5, 1440),
  /** Reset emails per address per hour; requests beyond it get the same answer and send nothing. */
  PASSWORD_RESET_MAX_PER_HOUR: int(3, 1, 100),
  /** `smtp://user:pass@host:587` or `smtps://...`: send mail (password resets) over SMTP; without it mail is logged. */
  SMTP_URL: optionalText.refine(
    (v) => v === undefined || (/^smtps?:\/\//.test(v) && URL.canParse(v)),
    'must be a URL starting with smtp:// or smtps://',
  ),
  /** The From address of the mail Pathwise sends. */
  MAIL_FROM: z.string().trim().min(3).default('Pathwise <no-reply@localhost>'),
  SEED_DEMO_CONTENT: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),

  // AI_* / CLAUDE_API_KEY / ANTHROPIC_* / OPENAI_* are validated by resolveAiSettings (src/ai), below.

  MONETIZATION_DAILY_MESSAGE_LIMIT: int(50, 1, 100_000),
  MONETIZATION_COST_WARNING_THRESHOLD: z.coerce.number().min(0).default(10),
  MONETIZATION_MAX_MESSAGE_LENGTH: int(4000, 10, 100_000),
  MONETIZATION_MAX_CONCURRENT_STREAMS: int(5, 1, 100),
  /**
   * With a model configured, the model reads the decisions of each chat message (one extra call per message, logged
   * with its cost); the rules are the fallback. Off, or offline: the rules alone.
   */
  MONETIZATION_MODEL_DETECTION: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** A comment line on idle chat streams keeps proxies from closing them. */
  SSE_HEARTBEAT_MS: int(15_000, 10, 600_000),

  STRIPE_SECRET_KEY: optionalText,
  STRIPE_WEBHOOK_SECRET: optionalText,
  /** Where the Stripe SDK sends API calls (default api.stripe.com:443 over https); for stripe-mock and tests. */
  STRIPE_API_HOST: optionalText,
  STRIPE_API_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  STRIPE_API_PROTOCOL: z.enum(['https', 'http']).optional(),
  /** Where Checkout sends the buyer back; defaults: PUBLIC_URL + /billing/success?session_id={CHECKOUT_SESSION_ID}, /billing/cancel. */
  CHECKOUT_SUCCESS_URL: optionalText.refine((v) => v === undefined || URL.canParse(v), 'must be an absolute URL'),
  CHECKOUT_CANCEL_URL: optionalText.refine((v) => v === undefined || URL.canParse(v), 'must be an absolute URL'),
  PUBLIC_URL: z.string().url().default('http://localhost:3000'),

  /** Origins allowed to call the API from a browser, comma-separated (`https://app.example.com`); empty: none. */
  CORS_ORIGINS: list.refine(
    (origins) => origins.every((o) => URL.canParse(o) && new URL(o).origin === o),
    'must be a comma-separated list of origins like https://app.example.com (scheme, host, optional port; no path)',
  ),
  BODY_LIMIT_BYTES: int(1_048_576, 1024, 100 * 1_048_576),
  /** Ordinary requests only: chat streams are not bounded by it. */
  REQUEST_TIMEOUT_MS: int(30_000, 1000, 600_000),
  /** Per client IP, register and login together. */
  AUTH_RATE_LIMIT_PER_MINUTE: int(20, 1, 100_000),
  /** Per client IP, all expensive routes together (the per-user limit is RATE_LIMIT_EXPENSIVE_PER_MINUTE). */
  RATE_LIMIT_PER_MINUTE: int(120, 1, 100_000),
  /** Per user (or IP when anonymous) and route: analysis, practice, bundle, midterm, answer submission, weak topics. */
  RATE_LIMIT_EXPENSIVE_PER_MINUTE: int(30, 1, 100_000),
  /** Rate-limit counters in Redis instead of the database (`redis://` or `rediss://`). */
  REDIS_URL: optionalText.refine(
    (v) => v === undefined || /^rediss?:\/\//.test(v),
    'must start with redis:// or rediss://',
  ),
  /** How many proxies in front of the server append to X-Forwarded-For; 0 (default) uses the socket's address. */
  TRUST_PROXY_HOPS: int(0, 0, 10),
  /** When set, GET /metrics needs `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: optionalText,
  /**
   * Names this server process across restarts (default: host and port), so after a crash its successor frees the
   * chat stream slots it held at once. Give each process on one host and port a name of its own.
   */
  INSTANCE_ID: optionalText,
  /** Bounds the wait for requests and chat streams in flight on SIGTERM/SIGINT. */
  SHUTDOWN_TIMEOUT_MS: int(10_000, 0, 300_000),
});

export type Env = z.infer<typeof envSchema> & {
  /** The AI provider settings derived from AI_PROVIDER, AI_MODEL, CLAUDE_API_KEY, OPENAI_BASE_URL, ... */
  ai: AiSettings;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment, listing every bad variable with what is allowed. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Env {
  const problems: string[] = [];
  const result = envSchema.safeParse(env);
  if (!result.success)
    problems.push(...result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  let ai: AiSettings | undefined;
  try {
    ai = resolveAiSettings(env);
  } catch (error) {
    problems.push((error as Error).message);
  }
  if (result.success && result.data.PASSWORD_ITERATIONS > result.data.PASSWORD_MAX_ITERATIONS) {
    problems.push(
      `PASSWORD_ITERATIONS: ${result.data.PASSWORD_ITERATIONS} is above PASSWORD_MAX_ITERATIONS (${result.data.PASSWORD_MAX_ITERATIONS}): new hashes could not be verified here`,
    );
  }
  if (!result.success || !ai || problems.length > 0) throw new ConfigError(problems);
  return { ...result.data, ai };
}
