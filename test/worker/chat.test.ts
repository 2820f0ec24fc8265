import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleProfile } from '../support/coach-fixtures.js';
import { postSse } from '../support/sse-client.js';
import { startWorker, type WorkerTest } from './harness.js';

describe('coach chat streaming from the worker (D1, offline coach)', () => {
  let w: WorkerTest;
  beforeAll(async () => {
    w = await startWorker();
  });
  afterAll(async () => w?.close());

  async function setup() {
    const { token, user } = await w.register();
    expect((await w.call('POST', '/api/v1/monetization/profile', { token, body: sampleProfile })).status).toBe(201);
    const created = await w.call('POST', '/api/v1/monetization/projects', {
      token,
      body: { opportunityId: 'premium-community' },
    });
    expect(created.status).toBe(201);
    const project = created.json.project;
    const chat = (message: string) =>
      postSse(`${w.url}/api/v1/monetization/projects/${project.id}/chat`, { token, body: { message } });
    return { token, user, project, chat };
  }

  const messagesOf = (projectId: string) =>
    w.db.selectFrom('project_chat_messages').selectAll().where('project_id', '=', projectId).orderBy('id').execute();

  it('creates the project with its welcome message; a second active project is a 409 and leaves nothing behind', async () => {
    const { token, project } = await setup();
    const welcome = await messagesOf(project.id);
    expect(welcome).toEqual([expect.objectContaining({ role: 'assistant', status: 'complete' })]);
    expect(welcome[0]!.content.length).toBeGreaterThan(20);
    const again = await w.call('POST', '/api/v1/monetization/projects', {
      token,
      body: { opportunityId: 'premium-community' },
    });
    expect(again.status).toBe(409);
    const rows = await w.db.selectFrom('project_chat_messages').select('project_id').execute();
    const projects = await w.db.selectFrom('active_projects').select('id').execute();
    expect(new Set(rows.map((r) => r.project_id))).toEqual(new Set(projects.map((p) => p.id)));
  });

  it('streams start, deltas and done over SSE; stores both messages and the usage', async () => {
    const { user, project, chat } = await setup();
    const res = await chat('What should I do next?');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const names = res.events.map((e) => e.event);
    expect(names[0]).toBe('start');
    expect(names.at(-1)).toBe('done');
    expect(names.filter((n) => n === 'delta').length).toBeGreaterThan(3);
    expect(res.events.map((e) => Number(e.id))).toEqual(res.events.map((_, i) => i + 1));
    const text = res.events
      .filter((e) => e.event === 'delta')
      .map((e) => e.data.text)
      .join('');
    expect(res.events.at(-1)!.data).toMatchObject({ offline: true, provider: 'offline', costMicros: 0 });

    const [, userMessage, reply] = await messagesOf(project.id);
    expect(userMessage).toMatchObject({ role: 'user', content: 'What should I do next?', status: 'complete' });
    expect(reply).toMatchObject({ role: 'assistant', status: 'complete', reply_to_id: userMessage!.id, content: text });
    const usage = await w.db.selectFrom('ai_usage_logs').selectAll().where('user_id', '=', user.id).execute();
    expect(usage).toEqual([
      expect.objectContaining({ model: 'offline-coach', status: 'complete', message_id: reply!.id }),
    ]);
    // The stream slot was given back.
    expect(await w.db.selectFrom('coach_stream_slots').selectAll().where('user_id', '=', user.id).execute()).toEqual(
      [],
    );
  });

  it('stores detected decisions and supersedes the previous one in one batch', async () => {
    const { token, project, chat } = await setup();
    const first = await chat(
      "I finished the waitlist page. I'll charge $49/month because my audience is mostly working pros.",
    );
    const decision = first.events.find((e) => e.event === 'decision')!.data;
    expect(decision).toMatchObject({ category: 'pricing', value: { amount: 49, interval: 'month' } });
    expect(first.events.find((e) => e.event === 'task')!.data).toMatchObject({ taskId: 'build-waitlist-page' });

    const second = await chat("Actually, let's go with $59 a month instead.");
    const newer = second.events.find((e) => e.event === 'decision')!.data;
    expect(newer).toMatchObject({ value: { amount: 59 }, supersedes: decision.id });
    const all = await w.call('GET', `/api/v1/monetization/projects/${project.id}/decisions?include=superseded`, {
      token,
    });
    expect(all.json.decisions.map((d: { id: string; status: string }) => [d.id, d.status])).toEqual([
      [decision.id, 'superseded'],
      [newer.id, 'current'],
    ]);
  });
});
