import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAiProvider } from '../../src/ai/create-provider.js';
import type { AiProvider } from '../../src/ai/provider.js';
import { type LiveTurn, prepareChatTurn } from '../../src/coach/chat/chat.service.js';
import { savePartialContent } from '../../src/coach/chat/messages.repo.js';
import { repairInterruptedChats } from '../../src/coach/chat/stream-repair.js';
import { loadTemplates } from '../../src/coach/templates/load-templates.js';
import { dailyMessageCount } from '../../src/coach/usage/limits.repo.js';
import { utcDay } from '../../src/coach/usage/usage.service.js';
import { serviceDeps } from '../../src/platform/deps.js';
import { seededRandom } from '../../src/platform/ids.js';
import { silentLogger } from '../../src/platform/logger.js';
import { sampleProfile } from '../support/coach-fixtures.js';
import { createTestDatabase, type TestDatabase, targets } from '../support/databases.js';
import { createTestApp, type TestApp, testConfig } from '../support/test-app.js';

/**
 * A process that dies mid-stream leaves its replies `streaming` and its stream slots held. The next process with its
 * name repairs both before serving; a reply no live slot holds is repaired whichever process left it.
 */
describe.each(targets('chat-repair'))('chat state after a crash on %s', (dialect) => {
  let database: TestDatabase;
  let t: TestApp;
  const config = testConfig({ MONETIZATION_MAX_CONCURRENT_STREAMS: 2 });

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    t = createTestApp(database, { config });
  });
  afterAll(async () => database.destroy());

  /** The services of a server process named `instanceId`, on the test app's database and clock. */
  const processNamed = (instanceId: string, ai: AiProvider = createAiProvider(config.ai)) =>
    serviceDeps({
      database: database.handle,
      config,
      clock: t.clock,
      logger: silentLogger,
      random: seededRandom(7),
      ai,
      templates: loadTemplates(),
      instanceId,
    });

  async function creatorWithProject() {
    const u = await t.register();
    await t.call('POST', '/api/v1/monetization/profile', { token: u.token, body: sampleProfile });
    const project = (
      await t.call('POST', '/api/v1/monetization/projects', {
        token: u.token,
        body: { opportunityId: 'premium-community' },
      })
    ).json.project;
    return { ...u, projectId: project.id as string };
  }

  const reply = (id: string) =>
    t.db.selectFrom('project_chat_messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('a restart repairs interrupted replies: partial text kept, usage estimated, message given back, slots freed', async () => {
    const { token, user, projectId } = await creatorWithProject();
    const crashed = processNamed('node-a');
    const turn = (clientMessageId: string) =>
      prepareChatTurn(crashed, { userId: user.id, projectId, message: 'How should I price it?', clientMessageId });
    const first = (await turn('crash-1')) as LiveTurn;
    await turn('crash-2');
    await savePartialContent(t.db, first.assistantMessageId, 'Start at $29 a mo', t.clock.now().toISOString());
    // The process dies here: both slots stay held, so the user cannot start a third reply.
    await expect(turn('crash-3')).rejects.toMatchObject({ code: 'too_many_streams' });
    const day = utcDay(t.clock.now());
    expect(await dailyMessageCount(t.db, user.id, day)).toBe(2);

    // A live stream of another process is left alone.
    const other = await creatorWithProject();
    const live = (await prepareChatTurn(processNamed('node-b'), {
      userId: other.user.id,
      projectId: other.projectId,
      message: 'Still streaming',
    })) as LiveTurn;

    expect(await repairInterruptedChats(processNamed('node-a'))).toEqual({ repaired: 2, slotsFreed: 2 });
    expect(await reply(first.assistantMessageId)).toMatchObject({ status: 'incomplete', content: 'Start at $29 a mo' });
    expect((await reply(live.assistantMessageId)).status).toBe('streaming');
    expect(await dailyMessageCount(t.db, user.id, day)).toBe(0);
    const usage = await t.db
      .selectFrom('ai_usage_logs')
      .selectAll()
      .where('message_id', '=', first.assistantMessageId)
      .executeTakeFirstOrThrow();
    expect(usage).toMatchObject({ status: 'aborted', error_code: 'interrupted' });
    expect(Boolean(usage.output_estimated)).toBe(true);
    expect(usage.output_tokens).toBeGreaterThan(0);

    // Slots are free at once, and a resend replays what is stored instead of "still streaming".
    const resent = await t.call('POST', `/api/v1/monetization/projects/${projectId}/chat`, {
      token,
      body: { message: 'How should I price it?', clientMessageId: 'crash-1' },
    });
    expect(resent.status).toBe(200);
    expect(resent.text).toContain('Start at $29 a mo');
    expect(resent.text).toContain('"status":"incomplete"');
    expect(await turn('crash-4')).toMatchObject({ kind: 'live' });
    // Repairing twice changes nothing.
    expect((await repairInterruptedChats(processNamed('node-c'))).repaired).toBe(0);
  });

  it('a reply whose process never came back is repaired once its lease has run out', async () => {
    const { user, projectId } = await creatorWithProject();
    const turn = (await prepareChatTurn(processNamed('node-gone'), {
      userId: user.id,
      projectId,
      message: 'Hello?',
    })) as LiveTurn;
    expect((await repairInterruptedChats(processNamed('node-d'))).repaired).toBe(0);
    t.clock.advance(121_000);
    // The earlier test's streams (left open) have run out too.
    expect((await repairInterruptedChats(processNamed('node-d'))).repaired).toBeGreaterThanOrEqual(1);
    expect((await reply(turn.assistantMessageId)).status).toBe('incomplete');
  });

  it('a database failure during a turn is not reported as the AI being unavailable', async () => {
    const { token, projectId } = await creatorWithProject();
    const offline = createAiProvider(config.ai);
    const conflicting: AiProvider = {
      name: offline.name,
      model: offline.model,
      price: offline.price,
      describe: () => offline.describe(),
      // biome-ignore lint/correctness/useYield: fails before its first event, as a database conflict would
      async *stream() {
        throw Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' });
      },
    };
    const app = createTestApp(database, { config, ai: conflicting, clock: t.clock });
    const res = await app.call('POST', `/api/v1/monetization/projects/${projectId}/chat`, {
      token,
      body: { message: 'Let us price it at $29' },
    });
    expect(res.text).toContain('event: error');
    expect(res.text).toContain('"code":"conflict"');
    expect(res.text).not.toContain('ai_unavailable');
  });
});
