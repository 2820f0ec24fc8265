import type { Env } from '../config.js';
import type { DatabaseHandle } from '../db/connection.js';
import type { Db } from '../db/transaction.js';
import type { Clock } from './clock.js';
import type { Logger } from './logger.js';

/**
 * What `createApp` is built from. `main.ts` passes the real pieces; tests pass a fixed clock, a seeded random
 * source and a silent logger. Services receive it as their context.
 */
export interface AppDeps {
  database: DatabaseHandle;
  config: Env;
  clock: Clock;
  logger: Logger;
  random: () => number;
}

export type ServiceDeps = Pick<AppDeps, 'config' | 'clock' | 'logger' | 'random'> & { db: Db };

export function serviceDeps(deps: AppDeps): ServiceDeps {
  return { db: deps.database.db, config: deps.config, clock: deps.clock, logger: deps.logger, random: deps.random };
}
