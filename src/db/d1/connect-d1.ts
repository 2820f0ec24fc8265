import { Kysely } from 'kysely';
import type { DatabaseHandle } from '../connection.js';
import type { Database } from '../schema.js';
import { SqliteBooleanPlugin } from '../sqlite-boolean-plugin.js';
import { type D1Database, D1Dialect, d1AtomicBatch } from './d1-dialect.js';

/**
 * A database handle on a D1 binding. Rows look as they do on SQLite (flags 0/1, timestamps ISO text); there are no
 * interactive transactions, so the handle carries `atomicBatch` and the services that must stay atomic use it.
 */
export function connectD1(d1: D1Database): DatabaseHandle {
  const db = new Kysely<Database>({ dialect: new D1Dialect(d1), plugins: [new SqliteBooleanPlugin()] });
  return {
    db,
    dialect: 'd1',
    atomic: d1AtomicBatch(d1),
    atomicBatch: d1AtomicBatch(d1),
    async close() {
      await db.destroy();
    },
  };
}
