import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presetOnServerResponse } from '../../src/platform/http/node-preset-header.js';
import { claudeAgainst, FAKE_CLAUDE_MODEL, type FakeAnthropic, startFakeAnthropic } from '../fakes/anthropic-server.js';
import { sampleProfile } from '../support/coach-fixtures.js';
import { createTestDatabase, type TestDatabase, targets } from '../support/databases.js';
import { listen } from '../support/http-server.js';
import { postSse } from '../support/sse-client.js';
import { createTestApp, type TestAppOptions } from '../support/test-app.js';

const MODEL = FAKE_CLAUDE_MODEL;
const base = '/api/v1/monetization';

describe.each(targets('drafts'))('drafts and export on %s', (dialect) => {
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

  async function setup(options: TestAppOptions = {}) {
    const t = createTestApp(database, { ...options, app: { presetHeader: presetOnServerResponse, ...options.app } });
    const server = await listen(t.app);
    servers.push(server);
    const { token, user } = await t.register();
    await t.call('POST', `${base}/profile`, {
      token,
      body: { ...sampleProfile, audienceDescription: 'home baristas' },
    });
    const project = (await t.call('POST', `${base}/projects`, { token, body: { opportunityId: 'premium-community' } }))
      .json.project;
    const draft = (taskId: string, extra: Parameters<typeof postSse>[1] extends infer O ? Partial<O> : never = {}) =>
      postSse(`${server.url}${base}/projects/${project.id}/tasks/${taskId}/draft`, { token, body: {}, ...extra });
    const usage = () =>
      t.db.selectFrom('ai_usage_logs').selectAll().where('user_id', '=', user.id).orderBy('created_at').execute();
    return { t, token, user, project, draft, usage, url: server.url };
  }

  const text = (events: Array<{ event: string; data: { text?: string } }>) =>
    events
      .filter((e) => e.event === 'delta')
      .map((e) => e.data.text)
      .join('');

  it('streams a filled template offline from the profile, plan and decisions; a new draft is a new version', async () => {
    const { t, token, project, draft, usage, url } = await setup();
    // A decision made in chat shows up in the draft.
    await postSse(`${url}${base}/projects/${project.id}/chat`, {
      token,
      body: { message: "I'll charge $39/month." },
    });
    const res = await draft('write-sales-page');
    expect(res.status).toBe(200);
    expect(res.events[0]).toMatchObject({
      event: 'start',
      data: { taskId: 'write-sales-page', version: 1, offline: true },
    });
    const body = text(res.events);
    expect(body).toContain('# Premium Community');
    expect(body).toContain('home baristas');
    expect(body).toContain('Membership is $39/month.');
    const done = res.events.at(-1)!;
    expect(done.event).toBe('done');
    expect(done.data.draft).toMatchObject({ version: 1, source: 'template', status: 'complete', content: body });

    const again = await draft('write-sales-page');
    expect(again.events.at(-1)!.data.draft.version).toBe(2);
    const list = await t.call('GET', `${base}/projects/${project.id}/drafts?taskId=write-sales-page`, { token });
    expect(list.status).toBe(200);
    expect(list.json.drafts.map((d: { version: number }) => d.version)).toEqual([2, 1]);
    expect(list.json.documents).toEqual([
      expect.objectContaining({
        taskId: 'write-sales-page',
        kind: 'sales-page',
        title: 'Write the founding-member sales page',
      }),
    ]);
    // Every document task of the plan, in plan order, each with its phase, whether drafted yet or not.
    const all = await t.call('GET', `${base}/projects/${project.id}/drafts`, { token });
    expect(all.json.documents.map((d: { taskId: string }) => d.taskId)).toEqual([
      'set-founding-member-price',
      'write-sales-page',
      'write-presale-email-sequence',
      'set-up-community-space',
      'design-onboarding-flow',
    ]);
    for (const d of all.json.documents) {
      expect(d.phaseTitle.length, d.taskId).toBeGreaterThan(0);
      expect(d.deliverable.length, d.taskId).toBeGreaterThan(20);
    }
    // Counted and logged like a chat message: chat + two drafts.
    const rows = await usage();
    expect(rows.filter((r) => r.message_id === null)).toHaveLength(2);
    expect(rows.at(-1)).toMatchObject({ provider: 'offline', status: 'complete', project_id: project.id });
  });

  it('edits a version, refuses tasks without a document (422) and strangers (404)', async () => {
    const { t, token, project, draft } = await setup();
    await draft('write-presale-email-sequence');
    const edited = await t.call('PATCH', `${base}/projects/${project.id}/tasks/write-presale-email-sequence/drafts/1`, {
      token,
      body: { content: 'My own words' },
    });
    expect(edited.status).toBe(200);
    // The edit is the next version; the drafted version it came from is kept as it was.
    expect(edited.json.draft).toMatchObject({
      version: 2,
      source: 'edited',
      status: 'complete',
      basedOnVersion: 1,
      content: 'My own words',
    });
    const versions = await t.call('GET', `${base}/projects/${project.id}/drafts?taskId=write-presale-email-sequence`, {
      token,
    });
    expect(versions.json.drafts.map((d: { version: number; source: string }) => [d.version, d.source])).toEqual([
      [2, 'edited'],
      [1, 'template'],
    ]);
    expect(versions.json.drafts[1].content).not.toBe('My own words');
    expect(versions.json.drafts[1].basedOnVersion).toBeNull();
    const reEdited = await t.call(
      'PATCH',
      `${base}/projects/${project.id}/tasks/write-presale-email-sequence/drafts/1`,
      {
        token,
        body: { content: 'Back to the first draft, reworded' },
      },
    );
    expect(reEdited.json.draft).toMatchObject({ version: 3, basedOnVersion: 1 });
    const empty = await t.call('PATCH', `${base}/projects/${project.id}/tasks/write-presale-email-sequence/drafts/1`, {
      token,
      body: { content: '' },
    });
    expect(empty.status).toBe(422);
    expect(empty.json.error.details.fields[0].field).toBe('content');
    const missing = await t.call(
      'PATCH',
      `${base}/projects/${project.id}/tasks/write-presale-email-sequence/drafts/9`,
      {
        token,
        body: { content: 'x' },
      },
    );
    expect(missing.status).toBe(404);

    const notADocument = await t.call('POST', `${base}/projects/${project.id}/tasks/interview-audience-members/draft`, {
      token,
    });
    expect(notADocument.status).toBe(422);
    expect(notADocument.json.error.details.fields[0].field).toBe('taskId');
    expect((await t.call('POST', `${base}/projects/${project.id}/tasks/nope/draft`, { token })).status).toBe(404);

    const stranger = (await t.register()).token;
    for (const [method, path, body] of [
      ['POST', `${base}/projects/${project.id}/tasks/write-sales-page/draft`, undefined],
      ['GET', `${base}/projects/${project.id}/drafts`, undefined],
      ['PATCH', `${base}/projects/${project.id}/tasks/write-presale-email-sequence/drafts/1`, { content: 'x' }],
      ['GET', `${base}/projects/${project.id}/export?format=md`, undefined],
    ] as const) {
      expect((await t.call(method, path, { body })).status, `${method} ${path}`).toBe(401);
      expect((await t.call(method, path, { token: stranger, body })).status, `${method} ${path}`).toBe(404);
    }
  });

  it('counts drafts against the daily limit', async () => {
    const { draft } = await setup({ config: { MONETIZATION_DAILY_MESSAGE_LIMIT: 1 } });
    expect((await draft('write-sales-page')).status).toBe(200);
    const refused = await draft('write-sales-page');
    expect(refused.status).toBe(429);
  });

  it('exports the project as Markdown: plan with progress, decisions with history, latest drafts', async () => {
    const { t, token, project, draft, url } = await setup();
    const chat = `${url}${base}/projects/${project.id}/chat`;
    await postSse(chat, { token, body: { message: "I'll charge $49/month." } });
    await postSse(chat, { token, body: { message: "Actually let's go with $39 a month instead." } });
    await t.call('PATCH', `${base}/projects/${project.id}/tasks/build-waitlist-page`, {
      token,
      body: { completed: true, notes: 'Carrd page' },
    });
    await draft('set-founding-member-price');
    const res = await t.call('GET', `${base}/projects/${project.id}/export?format=md`, { token });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/markdown/);
    const md = res.text;
    expect(md).toMatch(/^# Premium Community\n/);
    expect(md).toContain('4% done (1 of 22 tasks)');
    expect(md).toMatch(/- \[x\] Build the waitlist page \(done \d{4}-\d{2}-\d{2}\): Carrd page/);
    expect(md).toContain('- [ ] Define the member transformation');
    expect(md).toContain('- **pricing**: $39/month');
    expect(md).toContain('~~pricing: $49/month~~');
    expect(md).toContain('### Set your price and founding-member offer (version 1, template)');
    expect(md).toContain('| Price |');
    expect(md).toContain('## What to expect');
    const bad = await t.call('GET', `${base}/projects/${project.id}/export?format=pdf`, { token });
    expect(bad.status).toBe(422);
    expect(bad.json.error.details.fields[0].field).toBe('format');
  });

  it('drafts with the model: the prompt carries the plan and decisions; usage and cost are logged', async () => {
    fake.setBehaviors([{ text: ['# Sales', ' page'], usage: { input_tokens: 2000, output_tokens: 500 } }]);
    const before = fake.requests.length;
    const { project, draft, usage } = await setup({ ai: claudeAgainst(fake) });
    const res = await draft('write-sales-page');
    expect(text(res.events)).toBe('# Sales page');
    const request = fake.requests[before]!;
    expect(JSON.stringify(request.body.system)).toContain('home espresso and coffee gear');
    expect(JSON.stringify(request.body.messages)).toContain('Write the founding-member sales page');
    const done = res.events.at(-1)!;
    // $2 / $10 per million tokens: 2000 * 2 + 500 * 10 = 9000 micro-dollars.
    expect(done.data).toMatchObject({
      costMicros: 9000,
      draft: { source: 'model', content: '# Sales page', version: 1 },
    });
    const [row] = (await usage()).filter((r) => r.project_id === project.id);
    expect(row).toMatchObject({ model: MODEL, input_tokens: 2000, output_tokens: 500, cost_micros: 9000 });
  });

  it('a provider failure mid-draft ends with an error event and keeps the partial text as an incomplete version', async () => {
    fake.setBehaviors([{ text: ['Part', ' one', ' two'], errorEventAfter: 2, errorEventType: 'overloaded_error' }]);
    const { t, token, project, draft, usage } = await setup({ ai: claudeAgainst(fake) });
    const res = await draft('write-sales-page');
    expect(res.events.at(-1)).toMatchObject({ event: 'error', data: { code: 'ai_unavailable', partial: true } });
    const list = await t.call('GET', `${base}/projects/${project.id}/drafts`, { token });
    expect(list.json.drafts[0]).toMatchObject({ status: 'incomplete', content: 'Part one' });
    expect((await usage()).at(-1)).toMatchObject({ status: 'failed', error_code: 'ai_unavailable' });
  });

  it('a client that disconnects aborts the upstream call; the partial draft and the usage are kept', async () => {
    fake.setBehaviors([{ text: Array.from({ length: 40 }, (_, i) => ` word${i}`), chunkDelayMs: 50 }]);
    const { t, token, project, draft, usage } = await setup({ ai: claudeAgainst(fake) });
    const index = fake.requests.length;
    const res = await draft('write-sales-page', {
      stopAfter: (events) => events.filter((e) => e.event === 'delta').length >= 3,
    });
    expect(res.events.filter((e) => e.event === 'delta').length).toBeGreaterThanOrEqual(3);
    await fake.clientGone(index, 1000);
    await expect
      .poll(
        async () => (await t.call('GET', `${base}/projects/${project.id}/drafts`, { token })).json.drafts[0]?.status,
        {
          timeout: 3000,
        },
      )
      .toBe('incomplete');
    const [stored] = (await t.call('GET', `${base}/projects/${project.id}/drafts`, { token })).json.drafts;
    expect(stored.content).toMatch(/^ word0 word1 word2/);
    expect(stored.content).not.toContain('word39');
    await expect.poll(async () => (await usage()).at(-1)?.status, { timeout: 3000 }).toBe('aborted');
  });
});
