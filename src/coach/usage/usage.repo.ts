import { sql } from 'kysely';
import type { AiUsageLogsTable } from '../../db/schema.js';
import type { Db } from '../../db/transaction.js';
import { newId } from '../../platform/ids.js';

export type NewUsageLog = Omit<AiUsageLogsTable, 'id' | 'output_estimated'> & { output_estimated: boolean };

export async function insertUsageLog(db: Db, log: NewUsageLog): Promise<string> {
  const id = newId();
  await db
    .insertInto('ai_usage_logs')
    .values({ id, ...log })
    .execute();
  return id;
}

export async function dayCostMicros(db: Db, day: string): Promise<number> {
  const row = await db
    .selectFrom('ai_usage_logs')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('cost_micros'), eb.lit(0)).as('total'))
    .where('usage_day', '=', day)
    .executeTakeFirst();
  return Number(row?.total ?? 0);
}

/** Records that the day's cost alert fired; false when it already had (so it fires once a day). */
export async function recordCostAlert(
  db: Db,
  alert: { day: string; totalMicros: number; thresholdMicros: number; firedAt: string },
): Promise<boolean> {
  const result = await db
    .insertInto('coach_cost_alerts')
    .values({
      day: alert.day,
      total_cost_micros: alert.totalMicros,
      threshold_micros: alert.thresholdMicros,
      fired_at: alert.firedAt,
    })
    .onConflict((oc) => oc.column('day').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function usageByDay(db: Db, from: string, to: string) {
  return db
    .selectFrom('ai_usage_logs')
    .select((eb) => [
      'usage_day as day',
      eb.fn.countAll<number>().as('calls'),
      eb.fn.count<number>('message_id').distinct().as('messages'),
      eb.fn.sum<number>('input_tokens').as('input_tokens'),
      eb.fn.sum<number>('output_tokens').as('output_tokens'),
      eb.fn.sum<number>('cache_read_tokens').as('cache_read_tokens'),
      eb.fn.sum<number>('cache_write_tokens').as('cache_write_tokens'),
      eb.fn.sum<number>('cost_micros').as('cost_micros'),
    ])
    .where('usage_day', '>=', from)
    .where('usage_day', '<=', to)
    .groupBy('usage_day')
    .orderBy('usage_day')
    .execute();
}

export async function usageByModel(db: Db, from: string, to: string) {
  return db
    .selectFrom('ai_usage_logs')
    .select((eb) => [
      'provider',
      'model',
      eb.fn.countAll<number>().as('calls'),
      eb.fn.sum<number>('input_tokens').as('input_tokens'),
      eb.fn.sum<number>('output_tokens').as('output_tokens'),
      eb.fn.sum<number>('cost_micros').as('cost_micros'),
    ])
    .where('usage_day', '>=', from)
    .where('usage_day', '<=', to)
    .groupBy(['provider', 'model'])
    .orderBy('model')
    .execute();
}

/** The users who cost the most; ties (every offline call costs nothing) go to the heavier user: tokens, then calls. */
export async function topUsers(db: Db, from: string, to: string, limit: number) {
  return db
    .selectFrom('ai_usage_logs')
    .innerJoin('users', 'users.id', 'ai_usage_logs.user_id')
    .select((eb) => [
      'users.id as user_id',
      'users.email',
      eb.fn.countAll<number>().as('calls'),
      eb.fn.sum<number>('ai_usage_logs.input_tokens').as('input_tokens'),
      eb.fn.sum<number>('ai_usage_logs.output_tokens').as('output_tokens'),
      eb.fn.sum<number>('ai_usage_logs.cost_micros').as('cost_micros'),
    ])
    .where('ai_usage_logs.usage_day', '>=', from)
    .where('ai_usage_logs.usage_day', '<=', to)
    .groupBy(['users.id', 'users.email'])
    .orderBy('cost_micros', 'desc')
    .orderBy(sql`sum(ai_usage_logs.input_tokens + ai_usage_logs.output_tokens)`, 'desc')
    .orderBy('calls', 'desc')
    .orderBy('users.id')
    .limit(limit)
    .execute();
}

export async function costAlerts(db: Db, from: string, to: string) {
  return db
    .selectFrom('coach_cost_alerts')
    .selectAll()
    .where('day', '>=', from)
    .where('day', '<=', to)
    .orderBy('day')
    .execute();
}
