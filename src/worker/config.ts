import { ConfigError, type Env, loadConfig } from '../config.js';
import { WORKERS_MAX_PBKDF2_ITERATIONS } from '../platform/auth/password.js';

/**
 * Defaults that differ on Workers. PBKDF2 stays within what production Workers compute (see password.ts): new hashes
 * at 100,000 iterations, and hashes above that are not verified (the user is asked to reset the password).
 */
export const WORKER_DEFAULTS: Readonly<Record<string, string>> = {
  NODE_ENV: 'production',
  PASSWORD_ITERATIONS: String(WORKERS_MAX_PBKDF2_ITERATIONS),
  PASSWORD_MAX_ITERATIONS: String(WORKERS_MAX_PBKDF2_ITERATIONS),
  // Content is seeded with generated SQL (docs/WORKERS.md); a Worker never seeds on its own.
  SEED_DEMO_CONTENT: 'false',
};

/**
 * The configuration on Workers: the string bindings (`[vars]` and secrets) stand in for process.env, over
 * WORKER_DEFAULTS; objects (the D1 binding) are ignored. Throws a ConfigError listing every problem, including a
 * PBKDF2 cap above what Workers allow, which local `workerd` would not catch.
 */
export function loadWorkerConfig(bindings: Record<string, unknown>): Env {
  const strings: Record<string, string> = { ...WORKER_DEFAULTS };
  for (const [key, value] of Object.entries(bindings)) if (typeof value === 'string') strings[key] = value;
  const problems: string[] = [];
  const cap = Number(strings.PASSWORD_MAX_ITERATIONS);
  if (!(cap <= WORKERS_MAX_PBKDF2_ITERATIONS)) {
    problems.push(
      `PASSWORD_MAX_ITERATIONS: ${strings.PASSWORD_MAX_ITERATIONS} is above ${WORKERS_MAX_PBKDF2_ITERATIONS}, the most PBKDF2 iterations Cloudflare Workers compute (cloudflare/workerd#1346)`,
    );
  }
  let config: Env | undefined;
  try {
    config = loadConfig(strings);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  if (!config || problems.length > 0) throw new ConfigError(problems);
  return config;
}
