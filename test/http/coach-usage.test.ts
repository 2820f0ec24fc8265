import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countDailyMessage } from '../../src/coach/usage/limits.repo.js';
import { fixedWindow } from '../../src/platform/limits/window.js';
import { memoryLogger } from '../../src/platform/logger.js';
import { claudeAgainst, type FakeAnthropic, startFakeAnthropic } from '../fakes/anthropic-server.js';
import { sampleProfile } from '../support/coach-fixtures.js';
import { createTestDatabase, type TestDatabase, targets } from '../support/databases.js';
import { listen } from '../support/http-server.js';
import { postSse } from '../support/sse-client.js';
import { createTestApp } from '../support/test-app.js';

describe('daily windows', () => {
  it('end at the next UTC midnight, with Retry-After counting the seconds to it', () => {
    const w = fixedWindow(new Date('2026-11-23T23:59:30.000Z'), 86_400_000);
    expect(w.resetAt.toISOString()).toBe('2026-11-24T00:00:00.000Z');
    expect(w.retryAfterSeconds).toBe(30);
    expect(w.start).toBe(Date.parse('2026-11-23T00:00:00.000Z'));
    expect(fixedWindow(new Date('2026-11-24T00:00:00.000Z'), 86_400_000).retryAfterSeconds).toBe(86_400);
  });
});

describe.each(targets('coach-usage'))('usage metering on %s', (dialect) => {
  let database: TestDatabase;
  let fake: FakeAnthropic;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    fake = await startFakeAnthropic();
  });
  afterAll(async () => {
    await fake.close();
    await database.destroy();
  });

  it('counts messages per user and day up to the limit, one statement at a time', async () => {
    const t = createTestApp(database);
    const { user } = await t.register();
    const counts = [];
    for (let i = 0; i < 4; i++) counts.push(await countDailyMessage(t.db, user.id, '2026-11-23', 3));
    expect(counts).toEqual([1, 2, 3, undefined]);
    expect(await countDailyMessage(t.db, user.id, '2026-11-24', 3)).toBe(1);
  });

  it('logs the daily cost alert once, and the admin report shows it with totals equal to the rows', async () => {
    // Each reply: 100k input + 20k output tokens of Sonnet 5.5 = $0.20 + $0.20 = $0.40.
    fake.setBehaviors([{ text: ['ok'], usage: { input_tokens: 100_000, output_tokens: 20_000 } }]);
    const logger = memoryLogger();
    const t = createTestApp(database, {
      logger,
      config: { MONETIZATION_COST_WARNING_THRESHOLD: 1 },
      ai: claudeAgainst(fake),
    });
    const server = await listen(t.app);
    try {
      const { token } = await t.register();
      await t.call('POST', '/api/v1/monetization/profile', { token, body: sampleProfile });
      const project = (
        await t.call('POST', '/api/v1/monetization/projects', { token, body: { opportunityId: 'premium-community' } })
      ).json.project;
      for (let i = 0; i < 4; i++) {
        const res = await postSse(`${server.url}/api/v1/monetization/projects/${project.id}/chat`, {
          token,
          body: { message: `question ${i}` },
        });
        expect(res.events.at(-1)!.data.costMicros).toBe(400_000);
      }
      const alerts = logger.entries.filter((e) => e.msg === 'daily AI cost threshold crossed');
      expect(alerts).toHaveLength(1);
      expect(alerts[0]).toMatchObject({ level: 'warn', day: '2026-11-23', thresholdUsd: 1 });

      const admin = await t.register();
      await t.db.updateTable('users').set({ role: 'admin' }).where('id', '=', admin.user.id).execute();
      const report = (
        await t.call('GET', '/api/v1/monetization/admin/usage?from=2026-11-23&to=2026-11-23', { token: admin.token })
      ).json.usage;
      const rows = await t.db.selectFrom('ai_usage_logs').selectAll().where('usage_day', '=', '2026-11-23').execute();
      const sum = (key: 'cost_micros' | 'input_tokens' | 'output_tokens') =>
        rows.reduce((s, r) => s + Number(r[key]), 0);
      expect(report.totals.costMicros).toBe(sum('cost_micros'));
      expect(report.totals.inputTokens).toBe(sum('input_tokens'));
      expect(report.totals.outputTokens).toBe(sum('output_tokens'));
      expect(report.totals.calls).toBe(rows.length);
      expect(report.days).toEqual([expect.objectContaining({ day: '2026-11-23', alertFired: true, costUsd: 1.6 })]);
      expect(report.models).toEqual([
        expect.objectContaining({ model: 'claude-sonnet-5-5', calls: 4, costMicros: 1_600_000 }),
      ]);
      expect(report.topUsers[0]).toMatchObject({ email: expect.any(String), costMicros: 1_600_000 });
      expect(report.costAlerts).toEqual([expect.objectContaining({ day: '2026-11-23', thresholdUsd: 1 })]);
      // The threshold is in the report even over days without alerts, so "no alert" can say what it was checked against.
      expect(report.alertThresholdUsd).toBe(1);
      const quiet = (
        await t.call('GET', '/api/v1/monetization/admin/usage?from=2026-11-20&to=2026-11-22', { token: admin.token })
      ).json.usage;
      expect(quiet).toMatchObject({ alertThresholdUsd: 1, costAlerts: [], days: [] });

      // Calls that cost nothing (the offline coach) rank users by what they used: the heavier first, whatever the ids.
      const [light, heavy] = [(await t.register()).user.id, (await t.register()).user.id].sort();
      const call = (userId: string, n: number) => ({
        id: `free-${userId}-${n}`,
        user_id: userId,
        project_id: null,
        message_id: null,
        provider: 'offline',
        model: 'offline',
        input_tokens: 100,
        output_tokens: 50,
        cache_read_tokens: 0,
        cache_write_tokens: 0,
        output_estimated: false,
        cost_micros: 0,
        status: 'complete' as const,
        error_code: null,
        duration_ms: 5,
        usage_day: '2026-11-19',
        created_at: '2026-11-19T10:00:00.000Z',
      });
      await t.insertRows('ai_usage_logs', [call(light!, 1), call(heavy!, 1), call(heavy!, 2), call(heavy!, 3)]);
      const free = (
        await t.call('GET', '/api/v1/monetization/admin/usage?from=2026-11-19&to=2026-11-19', { token: admin.token })
      ).json.usage;
      expect(free.topUsers.map((u: { calls: number }) => u.calls)).toEqual([3, 1]);
    } finally {
      await server.close();
    }
  });
});
