import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAiProvider } from '../../src/ai/create-provider.js';
import { applyDetections } from '../../src/coach/projects/projects.service.js';
import { loadTemplates } from '../../src/coach/templates/load-templates.js';
import type { ServiceDeps } from '../../src/platform/deps.js';
import { silentLogger } from '../../src/platform/logger.js';
import { sampleProfile } from '../support/coach-fixtures.js';
import { createTestDatabase, type TestDatabase, targets } from '../support/databases.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Issue 15.4: concurrent coach turns in one project that each carry a pricing decision used to race on "read the
 * current decision, then supersede it" (PostgreSQL: the unique index on the current decision fired and the decision
 * was lost). Superseding is one atomic list now; every turn's decision is stored and the history is one chain.
 */
describe.each(targets('decisions-race'))('concurrent decision turns on %s', (dialect) => {
  let database: TestDatabase;
  let t: TestApp;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    t = createTestApp(database);
  });
  afterAll(async () => database.destroy());

  it("stores every turn's pricing decision: one current, each earlier one superseded by exactly one other", async () => {
    const { token, user } = await t.register();
    expect((await t.call('POST', '/api/v1/monetization/profile', { token, body: sampleProfile })).status).toBe(201);
    const started = await t.call('POST', '/api/v1/monetization/projects', {
      token,
      body: { opportunityId: 'premium-community' },
    });
    expect(started.status).toBe(201);
    const project = started.json.project;
    const welcome = await t.db
      .selectFrom('project_chat_messages')
      .select('id')
      .where('project_id', '=', project.id)
      .executeTakeFirstOrThrow();
    const deps: ServiceDeps = {
      db: t.db,
      atomic: t.atomic,
      instanceId: 'decisions-race',
      config: t.config,
      clock: t.clock,
      logger: silentLogger,
      random: Math.random,
      ai: createAiProvider(t.config.ai),
      templates: loadTemplates(),
    };
    const record = { ...project, userId: user.id, plan: project.customizedPlan };
    const turns = 20;
    const results = await Promise.allSettled(
      Array.from({ length: turns }, (_, i) =>
        applyDetections(deps, {
          project: record,
          userId: user.id,
          messageId: welcome.id,
          message: `We decided to charge $${20 + i} per month for the community.`,
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const reported = results.flatMap((r) => (r.status === 'fulfilled' ? r.value.decisions : []));
    expect(reported.filter((d) => d.category === 'pricing')).toHaveLength(turns);

    const rows = await t.db
      .selectFrom('project_decisions')
      .select(['id', 'status', 'superseded_by_id'])
      .where('project_id', '=', project.id)
      .where('category', '=', 'pricing')
      .execute();
    expect(rows).toHaveLength(turns);
    expect(rows.filter((r) => r.status === 'current')).toHaveLength(1);
    const ids = new Set(rows.map((r) => r.id));
    const successors = rows.filter((r) => r.status === 'superseded').map((r) => r.superseded_by_id);
    expect(successors).toHaveLength(turns - 1);
    // A chain: every successor is a stored decision, and none supersedes two.
    for (const successor of successors) expect(ids.has(successor!)).toBe(true);
    expect(new Set(successors).size).toBe(turns - 1);
    // What each turn reported superseding is what the store says.
    const supersededBy = new Map(rows.map((r) => [r.id, r.superseded_by_id]));
    for (const decision of reported) {
      if (decision.supersedes !== null) expect(supersededBy.get(decision.supersedes)).toBe(decision.id);
    }
    expect(reported.filter((d) => d.supersedes === null)).toHaveLength(1);
  });
});
