import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureCourse } from '../support/fixture-course.js';
import { startWorker, type WorkerTest } from './harness.js';

describe('credits on the worker (D1 batches, no interactive transactions)', () => {
  let w: WorkerTest;
  beforeAll(async () => {
    w = await startWorker();
    // Topic 0 has no 2019 questions; topics 1..50 give 50 disjoint one-question pools.
    await w.seed(fixtureCourse({ id: 'wide', topics: 51, exams: 2 }));
  });
  afterAll(async () => w?.close());

  const ledgerOf = (userId: string) =>
    w.db.selectFrom('credit_transactions').selectAll().where('user_id', '=', userId).orderBy('id').execute();
  const balanceOf = async (userId: string) =>
    (await w.db.selectFrom('users').select('credits').where('id', '=', userId).executeTakeFirstOrThrow()).credits;

  it('50 parallel 1-credit spends on a 5-credit user: exactly 5 succeed, balance 0, ledger agrees', async () => {
    const { token, user } = await w.register();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        w.call('POST', '/api/questions/practice', {
          token,
          body: { courseId: 'wide', topicIds: [`wide-topic-${i + 1}`], count: 1 },
        }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 402)).toHaveLength(45);
    const refused = results.find((r) => r.status === 402)!;
    expect(refused.json.error).toMatchObject({ code: 'insufficient_credits', details: { needed: 1, available: 0 } });
    expect(await balanceOf(user.id)).toBe(0);
    const ledger = await ledgerOf(user.id);
    expect(ledger.reduce((s, r) => s + r.amount, 0)).toBe(0);
    expect(ledger.filter((r) => r.amount === -1)).toHaveLength(5);
    // Each spend's balance_after is a distinct step down from 5: no two spends saw the same balance.
    expect(
      ledger
        .filter((r) => r.amount === -1)
        .map((r) => r.balance_after)
        .sort(),
    ).toEqual([0, 1, 2, 3, 4]);
    const unlocks = await w.db
      .selectFrom('user_unlocks')
      .select('resource_id')
      .where('user_id', '=', user.id)
      .execute();
    expect(unlocks).toHaveLength(5);
    // The five that succeeded are exactly the ones unlocked.
    const served = results.filter((r) => r.status === 200).map((r) => r.json.questions[0].id);
    expect(new Set(unlocks.map((u) => u.resource_id))).toEqual(new Set(served));
  });

  it('charges a resource once, even when the same unlock is asked for in parallel', async () => {
    const { token, user } = await w.register();
    // The topic's whole pool (its question on each of the two exams): every request wants the same two questions.
    const body = { courseId: 'wide', topicIds: ['wide-topic-7'], count: 2 };
    const results = await Promise.all(
      Array.from({ length: 6 }, () => w.call('POST', '/api/questions/practice', { token, body })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(200));
    expect(results.map((r) => r.json.charged).sort()).toEqual([0, 0, 0, 0, 0, 2]);
    expect(await balanceOf(user.id)).toBe(3);
    expect((await ledgerOf(user.id)).filter((r) => r.type === 'unlock_question')).toHaveLength(1);
  });

  it('reports the balance; the unlimited plan is never charged, but spends are recorded with amount 0', async () => {
    const { token, user } = await w.register();
    expect((await w.call('GET', '/api/credits/balance', { token })).json).toMatchObject({ credits: 5, plan: 'free' });
    await w.setCredits(user.id, 0, 'unlimited');
    const res = await w.call('POST', '/api/questions/practice', { token, body: { courseId: 'wide', count: 3 } });
    expect(res.status).toBe(200);
    expect(res.json.charged).toBe(0);
    const spends = (await ledgerOf(user.id)).filter((r) => r.type === 'unlock_question');
    expect(spends.map((r) => [r.amount, r.balance_after])).toEqual([[0, 0]]);
    expect(await balanceOf(user.id)).toBe(0);
  });

  it('restores monthly credits once the reset date has passed, once even for concurrent requests', async () => {
    const { token, user } = await w.register();
    await w.setCredits(user.id, 1);
    await w.db
      .updateTable('users')
      .set({ credits_reset_at: Date.now() - 86_400_000 })
      .where('id', '=', user.id)
      .execute();
    const results = await Promise.all(
      Array.from({ length: 8 }, () => w.call('GET', '/api/credits/balance', { token })),
    );
    for (const r of results) expect(r.json.credits).toBe(5);
    const resets = (await ledgerOf(user.id)).filter((r) => r.type === 'monthly_reset');
    expect(resets).toHaveLength(1);
    expect(resets[0]).toMatchObject({ amount: 4, balance_after: 5, description: 'Monthly credits restored to 5' });
    expect(new Date(results[0]!.json.creditsResetAt).getTime()).toBeGreaterThan(Date.now());
  });

  it('a refused charge unlocks nothing and writes nothing', async () => {
    const { token, user } = await w.register();
    await w.setCredits(user.id, 2);
    const res = await w.call('POST', '/api/questions/practice', { token, body: { courseId: 'wide', count: 3 } });
    expect(res.status).toBe(402);
    expect(res.json.error.details).toEqual({ needed: 3, available: 2 });
    expect(
      await w.db.selectFrom('user_unlocks').select('resource_id').where('user_id', '=', user.id).execute(),
    ).toEqual([]);
    expect((await ledgerOf(user.id)).map((r) => r.type)).toEqual(['signup_bonus']);
    expect(await balanceOf(user.id)).toBe(2);
  });
});
