import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock.js';
import { sampleProfile } from '../support/coach-fixtures.js';
import { createTestDatabase, type TestDatabase, targets } from '../support/databases.js';
import { postSse } from '../support/sse-client.js';
import { createTestApp } from '../support/test-app.js';

describe.each(targets('coach-web-api'))("the coach API's additions for the web app on %s", (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    await database.destroy();
  });

  it('counts down with each message, matches the 429 at zero, and starts again at the next UTC midnight', async () => {
    const clock = new ManualClock();
    clock.set('2026-12-07T21:30:00.000Z');
    const t = createTestApp(database, { clock, config: { MONETIZATION_DAILY_MESSAGE_LIMIT: 2 } });
    const server = await t.serve();
    try {
      const { token } = await t.register();
      await t.call('POST', '/api/v1/monetization/profile', { token, body: sampleProfile });
      const project = (
        await t.call('POST', '/api/v1/monetization/projects', { token, body: { opportunityId: 'premium-community' } })
      ).json.project;
      const allowance = async () => (await t.call('GET', '/api/v1/monetization/chat/allowance', { token })).json;
      const send = (message: string) =>
        postSse(`${server.url}/api/v1/monetization/projects/${project.id}/chat`, { token, body: { message } });

      expect(await allowance()).toEqual({ limit: 2, used: 0, remaining: 2, resetAt: '2026-12-08T00:00:00.000Z' });
      expect((await send('What price should I charge?')).events.at(-1)?.event).toBe('done');
      expect(await allowance()).toMatchObject({ used: 1, remaining: 1 });
      expect((await send('How many members can I expect?')).events.at(-1)?.event).toBe('done');
      expect(await allowance()).toMatchObject({ used: 2, remaining: 0 });

      const refused = await send('One more?');
      expect(refused.status).toBe(429);
      expect(refused.json.error.code).toBe('daily_limit_reached');
      expect(refused.json.error.details.resetAt).toBe((await allowance()).resetAt);

      clock.set('2026-12-08T00:00:01.000Z');
      expect(await allowance()).toEqual({ limit: 2, used: 0, remaining: 2, resetAt: '2026-12-09T00:00:00.000Z' });
    } finally {
      await server.close();
    }
  });

  it("answers a project with the plan's documented shape and the tasks the coach can draft", async () => {
    const t = createTestApp(database);
    const { token } = await t.register();
    await t.call('POST', '/api/v1/monetization/profile', { token, body: sampleProfile });
    const created = await t.call('POST', '/api/v1/monetization/projects', {
      token,
      body: { opportunityId: 'premium-community' },
    });
    expect(created.status).toBe(201);
    const { project } = created.json;
    const taskIds: string[] = project.customizedPlan.phases.flatMap((p: { tasks: { id: string }[] }) =>
      p.tasks.map((task) => task.id),
    );
    expect(project.documentTaskIds).toContain('write-sales-page');
    expect(project.documentTaskIds.every((id: string) => taskIds.includes(id))).toBe(true);
    expect(project.documentTaskIds.length).toBeLessThan(taskIds.length);
    expect(project.customizedPlan.personalization.economics.assumptions.length).toBeGreaterThan(0);
    for (const path of [`/api/v1/monetization/projects/${project.id}`, '/api/v1/monetization/projects/active']) {
      expect((await t.call('GET', path, { token })).json.project.documentTaskIds).toEqual(project.documentTaskIds);
    }
    const paused = await t.call('PATCH', `/api/v1/monetization/projects/${project.id}`, {
      token,
      body: { status: 'paused' },
    });
    expect(paused.json.project).toMatchObject({ status: 'paused', documentTaskIds: project.documentTaskIds });
  });

  it('needs a session', async () => {
    const t = createTestApp(database);
    const res = await t.call('GET', '/api/v1/monetization/chat/allowance');
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBeTypeOf('string');
  });
});
