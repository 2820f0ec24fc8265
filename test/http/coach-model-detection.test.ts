import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { claudeAgainst, type FakeAnthropic, startFakeAnthropic } from '../fakes/anthropic-server.js';
import { sampleProfile } from '../support/coach-fixtures.js';
import { createTestDatabase, type TestDatabase, targets } from '../support/databases.js';
import { listen } from '../support/http-server.js';
import { postSse } from '../support/sse-client.js';
import { createTestApp } from '../support/test-app.js';

const message = "Skool or Circle? Skool, final. And I'll charge $39 a month.";
const modelAnswer = JSON.stringify({
  decisions: [
    { category: 'platform', value: 'Skool', confidence: 'high', evidence: 'Skool, final.' },
    {
      category: 'pricing',
      value: { amount: 39, currency: 'USD', interval: 'month', tier: 'core' },
      confidence: 'high',
      evidence: "And I'll charge $39 a month.",
    },
  ],
});

describe.each(targets('coach-model-detection'))(
  'chat decisions read by the model (MONETIZATION_MODEL_DETECTION) on %s',
  (dialect) => {
    let database: TestDatabase;
    let fake: FakeAnthropic;
    const servers: Array<{ close(): Promise<void> }> = [];

    beforeAll(async () => {
      database = await createTestDatabase(dialect);
      fake = await startFakeAnthropic();
    });
    afterAll(async () => {
      for (const s of servers) await s.close();
      await fake.close();
      await database.destroy();
    });
    afterEach(() => {
      fake.setBehaviors([{}]);
      fake.requests.length = 0;
    });

    async function chatOnce(modelDetection: boolean) {
      const ai = claudeAgainst(fake);
      const t = createTestApp(database, { ai, config: { MONETIZATION_MODEL_DETECTION: modelDetection } });
      const server = await listen(t.app);
      servers.push(server);
      const { token, user } = await t.register();
      await t.call('POST', '/api/v1/monetization/profile', { token, body: sampleProfile });
      const project = (
        await t.call('POST', '/api/v1/monetization/projects', { token, body: { opportunityId: 'premium-community' } })
      ).json.project;
      const res = await postSse(`${server.url}/api/v1/monetization/projects/${project.id}/chat`, {
        token,
        body: { message },
      });
      const decisions = (await t.call('GET', `/api/v1/monetization/projects/${project.id}/decisions`, { token })).json
        .decisions as Array<{ category: string; value: unknown }>;
      const usage = await t.db
        .selectFrom('ai_usage_logs')
        .selectAll()
        .where('user_id', '=', user.id)
        .orderBy('created_at')
        .execute();
      return { res, decisions, usage };
    }

    it("stores the model's decisions and logs the detection call with its cost, next to the reply's", async () => {
      fake.setBehaviors([
        { thinking: null, text: [modelAnswer], usage: { input_tokens: 700, output_tokens: 90 } },
        { text: ['Noted: Skool at $39/month.'] },
      ]);
      const { res, decisions, usage } = await chatOnce(true);
      expect(res.events.at(-1)?.event).toBe('done');
      // The tier comes only from the model's answer: the rules would not read one here.
      expect(decisions.find((d) => d.category === 'pricing')?.value).toMatchObject({ amount: 39, tier: 'core' });
      expect(decisions.find((d) => d.category === 'platform')?.value).toBe('Skool');
      expect(fake.requests).toHaveLength(2);
      expect(fake.requests[0]!.body.messages).toEqual([{ role: 'user', content: message }]);
      // Two calls logged (rows of one turn share a timestamp, so they are found by their tokens, not their order).
      expect(usage.map((u) => u.status)).toEqual(['complete', 'complete']);
      const detection = usage.find((u) => Number(u.input_tokens) === 700 && Number(u.output_tokens) === 90);
      expect(Number(detection?.cost_micros)).toBeGreaterThan(0);
    });

    it('falls back to the rules when the detection call fails, and logs the failed call', async () => {
      fake.setBehaviors([{ status: 500 }, { text: ['Noted.'] }]);
      const { res, decisions, usage } = await chatOnce(true);
      expect(res.events.at(-1)?.event).toBe('done');
      expect(decisions.find((d) => d.category === 'pricing')?.value).toEqual({
        amount: 39,
        currency: 'USD',
        interval: 'month',
      });
      expect(usage.map((u) => u.status).sort()).toEqual(['complete', 'failed']);
    });

    it('asks the model nothing extra when the setting is off', async () => {
      fake.setBehaviors([{ text: ['Noted.'] }]);
      const { decisions, usage } = await chatOnce(false);
      expect(fake.requests).toHaveLength(1);
      expect(usage).toHaveLength(1);
      expect(decisions.map((d) => d.category).sort()).toEqual(['platform', 'pricing']);
    });
  },
);
