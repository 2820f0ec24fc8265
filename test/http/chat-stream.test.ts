import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { priceFor } from '../../src/ai/pricing.js';
import { utcDay } from '../../src/coach/usage/usage.service.js';
import { presetOnServerResponse } from '../../src/platform/http/node-preset-header.js';
import { claudeAgainst, FAKE_CLAUDE_MODEL, type FakeAnthropic, startFakeAnthropic } from '../fakes/anthropic-server.js';
import { sampleProfile } from '../support/coach-fixtures.js';
import { createTestDatabase, type TestDatabase, targets } from '../support/databases.js';
import { listen } from '../support/http-server.js';
import { postSse } from '../support/sse-client.js';
import { createTestApp, type TestApp, type TestAppOptions } from '../support/test-app.js';

const MODEL = FAKE_CLAUDE_MODEL;

describe.each(targets('chat-stream'))('chat streaming over a real socket on %s', (dialect) => {
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
    // Headers preset on the ServerResponse, as main.ts serves the app on Node.
    const t = createTestApp(database, { ...options, app: { presetHeader: presetOnServerResponse, ...options.app } });
    const server = await listen(t.app);
    servers.push(server);
    const { token, user } = await t.register();
    await t.call('POST', '/api/v1/monetization/profile', { token, body: sampleProfile });
    const project = (
      await t.call('POST', '/api/v1/monetization/projects', { token, body: { opportunityId: 'premium-community' } })
    ).json.project;
    const chat = (body: unknown, extra: Parameters<typeof postSse>[1] extends infer O ? Partial<O> : never = {}) =>
      postSse(`${server.url}/api/v1/monetization/projects/${project.id}/chat`, { token, body, ...extra });
    return { t, token, user, project, chat };
  }

  async function usageRows(t: TestApp, userId: string) {
    return t.db.selectFrom('ai_usage_logs').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();
  }

  async function messagesOf(t: TestApp, projectId: string) {
    return t.db
      .selectFrom('project_chat_messages')
      .selectAll()
      .where('project_id', '=', projectId)
      .orderBy('id')
      .execute();
  }

  it('streams the offline coach: start, deltas, done with usage and progress; both messages stored', async () => {
    const { t, user, project, chat } = await setup();
    const res = await chat({ message: 'What should I do next?' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const names = res.events.map((e) => e.event);
    expect(names[0]).toBe('start');
    expect(names.at(-1)).toBe('done');
    expect(names.filter((n) => n === 'delta').length).toBeGreaterThan(3);
    expect(res.events.map((e) => Number(e.id))).toEqual(res.events.map((_, i) => i + 1));
    const text = res.events
      .filter((e) => e.event === 'delta')
      .map((e) => e.data.text)
      .join('');
    expect(text).toContain(project.progress.nextTask.title);
    const done = res.events.at(-1)!.data;
    expect(done).toMatchObject({ offline: true, provider: 'offline', costMicros: 0 });
    expect(done.usage.outputTokens).toBeGreaterThan(0);
    expect(done.progress.totalTasks).toBe(22);

    const stored = await messagesOf(t, project.id);
    const [, userMessage, reply] = stored;
    expect(userMessage).toMatchObject({ role: 'user', content: 'What should I do next?', status: 'complete' });
    expect(reply).toMatchObject({ role: 'assistant', status: 'complete', reply_to_id: userMessage!.id, content: text });
    const usage = await usageRows(t, user.id);
    expect(usage).toHaveLength(1);
    expect(usage[0]).toMatchObject({ model: 'offline-coach', status: 'complete', message_id: reply!.id });
  });

  it('detects decisions and finished tasks in the message, emits them after the reply, and supersedes', async () => {
    const { t, token, project, chat } = await setup();
    const res = await chat({
      message: "I finished the waitlist page. I'll charge $49/month because my audience is mostly working pros.",
    });
    const names = res.events.map((e) => e.event);
    const lastDelta = names.lastIndexOf('delta');
    expect(names.indexOf('decision')).toBeGreaterThan(lastDelta);
    expect(names.indexOf('task')).toBeGreaterThan(names.indexOf('decision'));
    expect(names.at(-1)).toBe('done');
    const decision = res.events.find((e) => e.event === 'decision')!.data;
    expect(decision).toMatchObject({
      category: 'pricing',
      value: { amount: 49, currency: 'USD', interval: 'month' },
      confidence: 'high',
      rationale: 'my audience is mostly working pros',
    });
    expect(res.events.find((e) => e.event === 'task')!.data).toMatchObject({ taskId: 'build-waitlist-page' });
    expect(res.events.at(-1)!.data.progress.completedTasks).toBe(1);

    const view = await t.call('GET', `/api/v1/monetization/projects/${project.id}`, { token });
    expect(view.json.project.taskStates).toEqual([
      expect.objectContaining({ taskId: 'build-waitlist-page', completed: true, source: 'detected' }),
    ]);

    const second = await chat({ message: "Actually, let's go with $59 a month instead." });
    const newer = second.events.find((e) => e.event === 'decision')!.data;
    expect(newer).toMatchObject({ value: { amount: 59 }, supersedes: decision.id });
    const current = await t.call('GET', `/api/v1/monetization/projects/${project.id}/decisions`, { token });
    expect(current.json.decisions).toHaveLength(1);
    expect(current.json.decisions[0]).toMatchObject({ id: newer.id, status: 'current' });
    const all = await t.call('GET', `/api/v1/monetization/projects/${project.id}/decisions?include=superseded`, {
      token,
    });
    expect(all.json.decisions.find((d: { id: string }) => d.id === decision.id)).toMatchObject({
      status: 'superseded',
      supersededById: newer.id,
    });

    const question = await chat({ message: 'Should I charge $99 a month instead?' });
    expect(question.events.some((e) => e.event === 'decision')).toBe(false);
  });

  const replyText = (events: Array<{ event: string; data: { text?: string } }>) =>
    events
      .filter((e) => e.event === 'delta')
      .map((e) => e.data.text)
      .join('');

  it('acknowledges what the message decided or finished first, with progress after this turn (offline)', async () => {
    const { chat } = await setup();
    const first = await chat({ message: "I'll charge $49/month." });
    expect(replyText(first.events)).toMatch(/^Noted: \$49\/month\.\n/);
    const replaced = await chat({ message: "Actually, let's go with $39 a month instead." });
    expect(replyText(replaced.events)).toMatch(/^Noted: \$39\/month, replacing \$49\/month\./);

    const finished = await chat({ message: 'I finished setting up my sales page' });
    const text = replyText(finished.events);
    // Counted in this turn's reply (it lagged one message behind), and the same figure as `done`.
    expect(text).toMatch(/^Marked “Write the founding-member sales page” done: 1 of 22\. Next: .+\./);
    expect(finished.events.at(-1)!.data.progress.completedTasks).toBe(1);
    expect(text).not.toContain('can’t answer');
    for (const message of ["we'll run 8-week cohorts", 'weekly live Q&A']) {
      const res = await chat({ message });
      expect(replyText(res.events), message).toMatch(/^Noted: /);
      expect(replyText(res.events), message).not.toContain('can’t answer');
    }
  });

  it("puts this turn's decisions and finished tasks, counted, in the model's context", async () => {
    fake.setBehaviors([{ text: ['Nice'], usage: { input_tokens: 10, output_tokens: 2 } }]);
    const before = fake.requests.length;
    const { chat } = await setup({ ai: claudeAgainst(fake) });
    await chat({ message: "I finished setting up my sales page, and I'll charge $49/month." });
    const system = JSON.stringify(fake.requests[before]!.body.system);
    expect(system).toContain("Recorded from the creator's last message (acknowledge this first");
    expect(system).toContain('Noted: $49/month.');
    expect(system).toContain('Marked “Write the founding-member sales page” done: 1 of 22. Next: ');
    expect(system).toContain('## Progress: 4% (1/22 tasks)');
  });

  it('pages the history newest first', async () => {
    const { t, token, project, chat } = await setup();
    for (let i = 0; i < 3; i++) await chat({ message: `note ${i}` });
    const url = `/api/v1/monetization/projects/${project.id}/messages?limit=4`;
    const first = await t.call('GET', url, { token });
    expect(first.json.messages.map((m: { content: string; role: string }) => m.role)).toEqual([
      'assistant',
      'user',
      'assistant',
      'user',
    ]);
    expect(first.json.messages[1].content).toBe('note 2');
    const second = await t.call('GET', `${url}&cursor=${first.json.nextCursor}`, { token });
    expect(second.json.messages.map((m: { role: string }) => m.role)).toEqual(['assistant', 'user', 'assistant']);
    expect(second.json.messages.at(-1).content).toMatch(/Welcome/);
    expect(second.json.nextCursor).toBeNull();
  });

  it('talks to Claude through the SDK: system prompt from the profile, history, text deltas only, usage and cost', async () => {
    fake.setBehaviors([{ text: ['Great', ' choice', '!'], usage: { input_tokens: 1000, output_tokens: 300 } }]);
    const before = fake.requests.length;
    const { t, user, chat } = await setup({ ai: claudeAgainst(fake) });
    const res = await chat({ message: 'Hi coach' });
    const text = res.events
      .filter((e) => e.event === 'delta')
      .map((e) => e.data.text)
      .join('');
    expect(text).toBe('Great choice!');
    const request = fake.requests[before]!;
    expect(request.body.model).toBe(MODEL);
    expect(request.body.temperature).toBeUndefined();
    expect(JSON.stringify(request.body.system)).toContain(sampleProfile.niche);
    // The model gets the economics model and the plan's projection, the same numbers the offline coach uses.
    expect(JSON.stringify(request.body.system)).toContain('At the suggested price: 13–54 members, $325–$2,430/month');
    expect(request.body.messages.at(-1)).toMatchObject({ role: 'user' });
    expect(JSON.stringify(request.body.messages.at(-1))).toContain('Hi coach');
    expect(request.body.messages[0].role).toBe('user');
    const done = res.events.at(-1)!;
    expect(done.event).toBe('done');
    // Sonnet 5.5: $2 / $10 per million tokens -> 1000 * 2 + 300 * 10 = 5000 micro-dollars.
    expect(done.data.costMicros).toBe(5000);
    expect(priceFor(MODEL).inputPerMTok).toBe(2);
    const [row] = await usageRows(t, user.id);
    expect(row).toMatchObject({
      model: MODEL,
      input_tokens: 1000,
      output_tokens: 300,
      cost_micros: 5000,
      status: 'complete',
    });
  });

  it('a client that disconnects aborts the upstream call; what arrived is stored incomplete and the usage logged', async () => {
    fake.setBehaviors([{ text: Array.from({ length: 40 }, (_, i) => ` word${i}`), chunkDelayMs: 50 }]);
    const { t, user, project, chat } = await setup({ ai: claudeAgainst(fake) });
    const index = fake.requests.length;
    const res = await chat(
      { message: 'Tell me everything' },
      { stopAfter: (events) => events.filter((e) => e.event === 'delta').length >= 3 },
    );
    expect(res.events.filter((e) => e.event === 'delta').length).toBeGreaterThanOrEqual(3);
    const abortedAt = Date.now();
    // The abort reaches the upstream server within a second.
    const gone = await fake.clientGone(index, 1000);
    expect(gone - abortedAt).toBeLessThan(1000);
    // The server finishes its bookkeeping asynchronously after the socket closed.
    await expect
      .poll(async () => (await messagesOf(t, project.id)).at(-1)?.status, { timeout: 3000 })
      .toBe('incomplete');
    const reply = (await messagesOf(t, project.id)).at(-1)!;
    expect(reply.content).toMatch(/^ word0 word1 word2/);
    expect(reply.content).not.toContain('word39');
    await expect.poll(async () => (await usageRows(t, user.id)).length, { timeout: 3000 }).toBe(1);
    const [row] = await usageRows(t, user.id);
    expect(row).toMatchObject({ status: 'aborted' });
    expect(Boolean(row!.output_estimated)).toBe(true);
  });

  it('a provider failure mid-stream ends with an error event; the partial reply is stored incomplete', async () => {
    fake.setBehaviors([
      { text: ['Part', ' one', ' two', ' three'], errorEventAfter: 2, errorEventType: 'overloaded_error' },
    ]);
    const { t, user, project, chat } = await setup({ ai: claudeAgainst(fake) });
    const res = await chat({ message: 'Go' });
    const names = res.events.map((e) => e.event);
    expect(names[0]).toBe('start');
    expect(names.at(-1)).toBe('error');
    expect(names).not.toContain('done');
    expect(res.events.at(-1)!.data).toMatchObject({ code: 'ai_unavailable', partial: true });
    const reply = (await messagesOf(t, project.id)).at(-1)!;
    expect(reply).toMatchObject({ status: 'incomplete', content: 'Part one' });
    const [row] = await usageRows(t, user.id);
    expect(row).toMatchObject({ status: 'failed', error_code: 'ai_unavailable' });
  });

  it('a failure before any text is retried once by the caller', async () => {
    fake.setBehaviors([{ text: ['x'], errorEventAfter: 0 }, { text: ['Recovered'] }]);
    const { chat } = await setup({ ai: claudeAgainst(fake) });
    const res = await chat({ message: 'Go' });
    expect(res.events.at(-1)!.event).toBe('done');
    expect(
      res.events
        .filter((e) => e.event === 'delta')
        .map((e) => e.data.text)
        .join(''),
    ).toBe('Recovered');
  });

  it('20 concurrent sends with 3 messages left: exactly 3 streams, the rest 429 with Retry-After and the reset time', async () => {
    const { t, user, chat } = await setup({
      config: { MONETIZATION_DAILY_MESSAGE_LIMIT: 5, MONETIZATION_MAX_CONCURRENT_STREAMS: 50 },
    });
    await t.db
      .insertInto('coach_daily_usage')
      .values({ user_id: user.id, day: utcDay(t.clock.now()), messages: 2 })
      .execute();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => chat({ message: `message ${i}` })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(3);
    const refused = results.filter((r) => r.status === 429);
    expect(refused).toHaveLength(17);
    expect(Number(refused[0]!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused[0]!.json.error).toMatchObject({ code: 'daily_limit_reached', details: { limit: 5 } });
    expect(refused[0]!.json.error.details.resetAt).toBe('2026-11-24T00:00:00.000Z');
    const userMessages = await t.db
      .selectFrom('project_chat_messages')
      .select('id')
      .where('user_id', '=', user.id)
      .where('role', '=', 'user')
      .execute();
    expect(userMessages).toHaveLength(3);
  });

  it('holds at most the configured number of open streams per user', async () => {
    fake.setBehaviors([{ text: ['slow', ' reply'], delayMs: 400 }]);
    const { chat } = await setup({ ai: claudeAgainst(fake), config: { MONETIZATION_MAX_CONCURRENT_STREAMS: 2 } });
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => chat({ message: `parallel ${i}` })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(2);
    const refused = results.filter((r) => r.status === 429);
    expect(refused).toHaveLength(3);
    expect(refused[0]!.json.error.code).toBe('too_many_streams');
    // Slots are released when streams end.
    fake.setBehaviors([{ text: ['again'] }]);
    expect((await chat({ message: 'after' })).status).toBe(200);
  });

  it('a resent clientMessageId replays the stored reply: no second message, no second usage row', async () => {
    const { t, user, project, chat } = await setup();
    const first = await chat({ message: 'What should I do next?', clientMessageId: 'msg-1' });
    const again = await chat({ message: 'What should I do next?', clientMessageId: 'msg-1' });
    expect(again.status).toBe(200);
    const text = (r: typeof first) =>
      r.events
        .filter((e) => e.event === 'delta')
        .map((e) => e.data.text)
        .join('');
    expect(text(again)).toBe(text(first));
    expect(again.events.at(-1)).toMatchObject({ event: 'done', data: { replay: true } });
    expect(await messagesOf(t, project.id)).toHaveLength(3);
    expect(await usageRows(t, user.id)).toHaveLength(1);
  });

  it('sends heartbeat comments on an idle stream', async () => {
    fake.setBehaviors([{ text: ['late'], delayMs: 250 }]);
    const { chat } = await setup({ ai: claudeAgainst(fake), config: { SSE_HEARTBEAT_MS: 50 } });
    const res = await chat({ message: 'hello' });
    expect(res.comments.some((c) => c.includes('heartbeat'))).toBe(true);
  });

  it('refuses an empty or too long message with 422 before streaming', async () => {
    const { chat } = await setup({ config: { MONETIZATION_MAX_MESSAGE_LENGTH: 20 } });
    const long = await chat({ message: 'x'.repeat(21) });
    expect(long.status).toBe(422);
    expect(long.json.error.details.fields[0].field).toBe('message');
    const empty = await chat({ message: '   ' });
    expect(empty.status).toBe(422);
  });
});
