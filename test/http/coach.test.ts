import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleProfile } from '../support/coach-fixtures.js';
import { createTestDatabase, type TestDatabase, targets } from '../support/databases.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

async function creator(t: TestApp) {
  const u = await t.register();
  expect((await t.call('POST', '/api/v1/monetization/profile', { token: u.token, body: sampleProfile })).status).toBe(
    201,
  );
  return u;
}

async function startProject(t: TestApp, token: string) {
  const res = await t.call('POST', '/api/v1/monetization/projects', {
    token,
    body: { opportunityId: 'premium-community' },
  });
  expect(res.status).toBe(201);
  return res.json.project;
}

describe.each(targets('coach'))('Creator Coach API on %s', (dialect) => {
  let database: TestDatabase;
  let t: TestApp;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    t = createTestApp(database);
  });
  afterAll(async () => database.destroy());

  describe('profile', () => {
    it('is 404 before it exists, 201 when created, 200 when updated', async () => {
      const { token } = await t.register();
      expect((await t.call('GET', '/api/v1/monetization/profile', { token })).status).toBe(404);
      const created = await t.call('POST', '/api/v1/monetization/profile', { token, body: sampleProfile });
      expect(created.status).toBe(201);
      expect(created.json.profile).toMatchObject({
        niche: sampleProfile.niche,
        totalFollowers: 54_000,
        hoursPerWeek: 8,
      });
      const updated = await t.call('POST', '/api/v1/monetization/profile', {
        token,
        body: { ...sampleProfile, hoursPerWeek: 3 },
      });
      expect(updated.status).toBe(200);
      expect(updated.json.profile.id).toBe(created.json.profile.id);
      expect((await t.call('GET', '/api/v1/monetization/profile', { token })).json.profile.hoursPerWeek).toBe(3);
    });

    it('names the invalid field', async () => {
      const { token } = await t.register();
      const res = await t.call('POST', '/api/v1/monetization/profile', {
        token,
        body: { ...sampleProfile, platforms: [{ platform: 'YouTube', followers: -5, engagementRate: 3 }] },
      });
      expect(res.status).toBe(422);
      expect(res.json.error.details.fields[0].field).toBe('platforms.0.followers');
      const hours = await t.call('POST', '/api/v1/monetization/profile', {
        token,
        body: { ...sampleProfile, hoursPerWeek: 0 },
      });
      expect(hours.json.error.details.fields[0].field).toBe('hoursPerWeek');
    });
  });

  describe('profile PATCH', () => {
    it('changes only the fields sent, keeps the rest (POST replaces the whole profile)', async () => {
      const { token } = await creator(t);
      const res = await t.call('PATCH', '/api/v1/monetization/profile', { token, body: { hoursPerWeek: 3 } });
      expect(res.status).toBe(200);
      expect(res.json.profile).toMatchObject({
        hoursPerWeek: 3,
        niche: sampleProfile.niche,
        goal: sampleProfile.goal,
        platforms: sampleProfile.platforms,
        totalFollowers: 54_000,
      });
      const platforms = await t.call('PATCH', '/api/v1/monetization/profile', {
        token,
        body: {
          platforms: [{ platform: 'TikTok', followers: 1_000, engagementRate: 9 }],
          audienceDescription: 'baristas',
        },
      });
      expect(platforms.json.profile).toMatchObject({
        totalFollowers: 1_000,
        hoursPerWeek: 3,
        audienceDescription: 'baristas',
      });
      const cleared = await t.call('PATCH', '/api/v1/monetization/profile', {
        token,
        body: { audienceDescription: null },
      });
      expect(cleared.json.profile.audienceDescription).toBeUndefined();
      expect((await t.call('GET', '/api/v1/monetization/profile', { token })).json.profile.niche).toBe(
        sampleProfile.niche,
      );
    });

    it('is 404 without a profile, 422 naming the field for a bad value or an empty patch', async () => {
      const { token } = await t.register();
      expect((await t.call('PATCH', '/api/v1/monetization/profile', { token, body: { hoursPerWeek: 3 } })).status).toBe(
        404,
      );
      const owner = await creator(t);
      const bad = await t.call('PATCH', '/api/v1/monetization/profile', {
        token: owner.token,
        body: { hoursPerWeek: 0 },
      });
      expect(bad.status).toBe(422);
      expect(bad.json.error.details.fields[0].field).toBe('hoursPerWeek');
      const empty = await t.call('PATCH', '/api/v1/monetization/profile', { token: owner.token, body: {} });
      expect(empty.status).toBe(422);
    });
  });

  describe('project list', () => {
    it('lists my projects newest first with progress, filtered by status', async () => {
      const { token } = await creator(t);
      const first = await startProject(t, token);
      expect(
        (await t.call('PATCH', `/api/v1/monetization/projects/${first.id}`, { token, body: { status: 'abandoned' } }))
          .status,
      ).toBe(200);
      const second = await startProject(t, token);
      await t.call('PATCH', `/api/v1/monetization/projects/${second.id}/tasks/build-waitlist-page`, {
        token,
        body: { completed: true },
      });
      const all = await t.call('GET', '/api/v1/monetization/projects', { token });
      expect(all.status).toBe(200);
      expect(all.json.projects.map((p: { id: string }) => p.id).sort()).toEqual([first.id, second.id].sort());
      const abandoned = await t.call('GET', '/api/v1/monetization/projects?status=abandoned', { token });
      expect(abandoned.json.projects).toEqual([
        expect.objectContaining({
          id: first.id,
          status: 'abandoned',
          progress: expect.objectContaining({ totalTasks: 22 }),
        }),
      ]);
      const active = await t.call('GET', '/api/v1/monetization/projects?status=active', { token });
      expect(active.json.projects).toEqual([
        expect.objectContaining({ id: second.id, progress: expect.objectContaining({ completedTasks: 1 }) }),
      ]);
      // Abandoning cannot be undone, even with no other project active.
      await t.call('PATCH', `/api/v1/monetization/projects/${second.id}`, { token, body: { status: 'paused' } });
      const revived = await t.call('PATCH', `/api/v1/monetization/projects/${first.id}`, {
        token,
        body: { status: 'active' },
      });
      expect(revived.status, revived.text).toBe(409);
      expect(revived.json.error.details.reason).toBe('abandoned');
      const bad = await t.call('GET', '/api/v1/monetization/projects?status=deleted', { token });
      expect(bad.status).toBe(422);
      expect(bad.json.error.details.fields[0].field).toBe('status');
    });
  });

  describe('projects', () => {
    it('lists the opportunities', async () => {
      const { token } = await t.register();
      const res = await t.call('GET', '/api/v1/monetization/opportunities', { token });
      expect(res.status).toBe(200);
      expect(res.json.opportunities).toEqual([expect.objectContaining({ id: 'premium-community', forYou: null })]);
      expect(res.json.opportunities[0].conversion).toEqual({
        social: { min: 0.005, max: 0.02 },
        email: { min: 0.025, max: 0.125 },
      });
    });

    it("projects members and revenue for the caller's profile from the engaged audience", async () => {
      const { token } = await creator(t);
      const res = await t.call('GET', '/api/v1/monetization/opportunities', { token });
      // YouTube 42,000 × 5.5% + Instagram 12,000 × 3.1% = 2,682 engaged; 0.5–2% → 13–54 members at $25–$45.
      expect(res.json.opportunities[0].forYou).toMatchObject({
        totalFollowers: 54_000,
        engaged: 2_682,
        members: { min: 13, max: 54 },
        price: { min: 25, max: 45, interval: 'month' },
        revenue: { min: 325, max: 2_430 },
        revenuePeriod: 'month',
      });
      expect(res.json.opportunities[0].forYou.assumptions[0]).toBe(
        'YouTube: 42,000 followers × 5.5% engagement = 2,310 engaged; 0.5%–2% of them join = 12–46 members.',
      );
      // The plan made from the same profile carries the same projection.
      const project = await startProject(t, token);
      expect(project.customizedPlan.personalization.economics).toMatchObject({ members: { min: 13, max: 54 } });
    });

    it('needs a profile (422) and a known opportunity (404)', async () => {
      const { token } = await t.register();
      const noProfile = await t.call('POST', '/api/v1/monetization/projects', {
        token,
        body: { opportunityId: 'premium-community' },
      });
      expect(noProfile.status).toBe(422);
      const { token: withProfile } = await creator(t);
      const unknown = await t.call('POST', '/api/v1/monetization/projects', {
        token: withProfile,
        body: { opportunityId: 'nope' },
      });
      expect(unknown.status).toBe(404);
    });

    it('starts a personalised project with 4 phases and 22 tasks and a welcome message', async () => {
      const { token } = await creator(t);
      const project = await startProject(t, token);
      expect(project.status).toBe('active');
      expect(project.customizedPlan.phases).toHaveLength(4);
      expect(project.customizedPlan.phases.flatMap((p: { tasks: unknown[] }) => p.tasks)).toHaveLength(22);
      expect(project.customizedPlan.personalization.suggestedPrice.min).toBeGreaterThan(0);
      expect(project.progress).toMatchObject({ overallPercent: 0, completedTasks: 0, totalTasks: 22 });
      expect(project.progress.nextTask.id).toBe(project.customizedPlan.phases[0].tasks[0].id);
      const history = await t.call('GET', `/api/v1/monetization/projects/${project.id}/messages`, { token });
      expect(history.json.messages).toHaveLength(1);
      expect(history.json.messages[0]).toMatchObject({ role: 'assistant', status: 'complete' });
      expect(history.json.messages[0].content).toMatch(/Welcome/);
      const active = await t.call('GET', '/api/v1/monetization/projects/active', { token });
      expect(active.json.project.id).toBe(project.id);
    });

    it('20 concurrent creations by one user give exactly one 201 and 409s', async () => {
      const { token } = await creator(t);
      const results = await Promise.all(
        Array.from({ length: 20 }, () =>
          t.call('POST', '/api/v1/monetization/projects', { token, body: { opportunityId: 'premium-community' } }),
        ),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    });

    it('pauses, refuses a second reactivation (409), and abandons (soft delete)', async () => {
      const { token } = await creator(t);
      const first = await startProject(t, token);
      const paused = await t.call('PATCH', `/api/v1/monetization/projects/${first.id}`, {
        token,
        body: { status: 'paused' },
      });
      expect(paused.json.project.status).toBe('paused');
      expect((await t.call('GET', '/api/v1/monetization/projects/active', { token })).status).toBe(404);
      const second = await startProject(t, token);
      const reactivate = await t.call('PATCH', `/api/v1/monetization/projects/${first.id}`, {
        token,
        body: { status: 'active' },
      });
      expect(reactivate.status).toBe(409);
      const abandoned = await t.call('PATCH', `/api/v1/monetization/projects/${second.id}`, {
        token,
        body: { status: 'abandoned' },
      });
      expect(abandoned.json.project.status).toBe('abandoned');
      expect(
        (await t.call('PATCH', `/api/v1/monetization/projects/${first.id}`, { token, body: { status: 'active' } }))
          .status,
      ).toBe(200);
      const empty = await t.call('PATCH', `/api/v1/monetization/projects/${first.id}`, { token, body: {} });
      expect(empty.status).toBe(422);
    });

    it('toggles tasks with notes and recomputes progress; an unknown task is 404', async () => {
      const { token } = await creator(t);
      const project = await startProject(t, token);
      const [firstTask, secondTask] = project.customizedPlan.phases[0].tasks;
      const url = `/api/v1/monetization/projects/${project.id}/tasks/${firstTask.id}`;
      const done = await t.call('PATCH', url, { token, body: { completed: true, notes: 'Promise written' } });
      expect(done.status).toBe(200);
      expect(done.json.task).toMatchObject({
        taskId: firstTask.id,
        completed: true,
        notes: 'Promise written',
        source: 'manual',
      });
      expect(done.json.progress).toMatchObject({ completedTasks: 1, overallPercent: 4 });
      expect(done.json.progress.nextTask.id).toBe(secondTask.id);
      const undone = await t.call('PATCH', url, { token, body: { completed: false } });
      expect(undone.json.progress.completedTasks).toBe(0);
      expect(undone.json.task.notes).toBe('Promise written');
      const missing = await t.call('PATCH', `/api/v1/monetization/projects/${project.id}/tasks/no-such-task`, {
        token,
        body: { completed: true },
      });
      expect(missing.status).toBe(404);
    });
  });

  describe('ownership', () => {
    it("answers 401 without a token and 404 for another user's project on every route", async () => {
      const { token: owner } = await creator(t);
      const project = await startProject(t, owner);
      const { token: stranger } = await creator(t);
      const taskId = project.customizedPlan.phases[0].tasks[0].id;
      const routes: Array<[string, string, unknown?]> = [
        ['GET', `/api/v1/monetization/projects/${project.id}`],
        ['PATCH', `/api/v1/monetization/projects/${project.id}`, { status: 'paused' }],
        ['PATCH', `/api/v1/monetization/projects/${project.id}/tasks/${taskId}`, { completed: true }],
        ['GET', `/api/v1/monetization/projects/${project.id}/decisions`],
        ['GET', `/api/v1/monetization/projects/${project.id}/messages`],
        ['POST', `/api/v1/monetization/projects/${project.id}/chat`, { message: 'hello' }],
      ];
      for (const [method, path, body] of routes) {
        expect((await t.call(method, path, { body })).status, `${method} ${path} without token`).toBe(401);
        expect((await t.call(method, path, { token: stranger, body })).status, `${method} ${path} as stranger`).toBe(
          404,
        );
      }
      expect((await t.call('PATCH', '/api/v1/monetization/profile', { body: { hoursPerWeek: 2 } })).status).toBe(401);
      // A stranger's list holds none of the owner's projects.
      expect((await t.call('GET', '/api/v1/monetization/projects', { token: stranger })).json.projects).toEqual([]);
      for (const path of [
        '/api/v1/monetization/profile',
        '/api/v1/monetization/projects',
        '/api/v1/monetization/projects/active',
        '/api/v1/monetization/opportunities',
      ]) {
        expect((await t.call('GET', path)).status).toBe(401);
      }
      const ownerView = await t.call('GET', `/api/v1/monetization/projects/${project.id}`, { token: owner });
      expect(ownerView.json.project.status).toBe('active');
    });
  });

  describe('admin usage', () => {
    it('is for admins only', async () => {
      const { token, user } = await t.register();
      expect((await t.call('GET', '/api/v1/monetization/admin/usage')).status).toBe(401);
      expect((await t.call('GET', '/api/v1/monetization/admin/usage', { token })).status).toBe(403);
      await t.db.updateTable('users').set({ role: 'admin' }).where('id', '=', user.id).execute();
      const res = await t.call('GET', '/api/v1/monetization/admin/usage?from=2026-11-01&to=2026-11-30', { token });
      expect(res.status).toBe(200);
      expect(res.json.usage).toMatchObject({ from: '2026-11-01', to: '2026-11-30' });
      const bad = await t.call('GET', '/api/v1/monetization/admin/usage?from=yesterday', { token });
      expect(bad.status).toBe(422);
      expect(bad.json.error.details.fields[0].field).toBe('from');
    });
  });
});
