import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstRow } from '../../src/db/atomic.js';
import { DAY_MS } from '../../src/platform/clock.js';
import { type LedgerOutcome, outcomeQuery, spendStatements } from '../../src/platform/credits/ledger.js';
import { newSortableId } from '../../src/platform/ids.js';
import { createTestDatabase, type TestDatabase, targets } from '../support/databases.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

async function ledgerOf(t: TestApp, userId: string) {
  return t.db
    .selectFrom('credit_transactions')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
}

/** Moves the user's reset date a day into the past (the session stays valid, unlike moving the clock). */
async function resetDue(t: TestApp, userId: string) {
  const past = t.clock.now().getTime() - DAY_MS;
  await t.db.updateTable('users').set({ credits_reset_at: past }).where('id', '=', userId).execute();
}

async function balanceOf(t: TestApp, userId: string) {
  return (await t.db.selectFrom('users').select('credits').where('id', '=', userId).executeTakeFirstOrThrow()).credits;
}

describe.each(targets('credits'))('credits on %s', (dialect) => {
  let database: TestDatabase;
  let t: TestApp;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    t = createTestApp(database);
    // Topic 0 of the fixture has no 2019 questions; topics 1..50 give 50 disjoint one-question pools.
    await t.seedFixture({ id: 'wide', topics: 51, exams: 2 });
  });
  afterAll(async () => database.destroy());

  it('starts a new user with 5 credits on the free plan, recorded in the ledger', async () => {
    const { token, user } = await t.register();
    const res = await t.call('GET', '/api/credits/balance', { token });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ credits: 5, plan: 'free', monthlyCredits: 5 });
    expect(new Date(res.json.creditsResetAt).getTime()).toBeGreaterThan(t.clock.now().getTime());
    const ledger = await ledgerOf(t, user.id);
    expect(ledger.map((r) => [r.type, r.amount, r.balance_after])).toEqual([['signup_bonus', 5, 5]]);
  });

  it('needs a token', async () => {
    expect((await t.call('GET', '/api/credits/balance')).status).toBe(401);
  });

  it('50 parallel 1-credit spends on a 5-credit user: exactly 5 succeed, balance 0, ledger agrees', async () => {
    const { token, user } = await t.register();
    const requests = Array.from({ length: 50 }, (_, i) =>
      t.call('POST', '/api/questions/practice', {
        token,
        body: { courseId: 'wide', topicIds: [`wide-topic-${i + 1}`], count: 1 },
      }),
    );
    const results = await Promise.all(requests);
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 402)).toHaveLength(45);
    const refused = results.find((r) => r.status === 402)!;
    expect(refused.json.error).toMatchObject({ code: 'insufficient_credits', details: { needed: 1, available: 0 } });
    expect(await balanceOf(t, user.id)).toBe(0);
    const ledger = await ledgerOf(t, user.id);
    expect(ledger.reduce((s, r) => s + r.amount, 0)).toBe(0);
    expect(ledger.filter((r) => r.amount === -1)).toHaveLength(5);
    // Each spend's balance_after is a distinct step down from 5: no two spends saw the same balance.
    expect(
      ledger
        .filter((r) => r.amount === -1)
        .map((r) => r.balance_after)
        .sort(),
    ).toEqual([0, 1, 2, 3, 4]);
    const unlocks = await t.db
      .selectFrom('user_unlocks')
      .select('resource_id')
      .where('user_id', '=', user.id)
      .execute();
    expect(unlocks).toHaveLength(5);
    // The five that succeeded are exactly the ones unlocked.
    const served = results.filter((r) => r.status === 200).map((r) => r.json.questions[0].id);
    expect(new Set(unlocks.map((u) => u.resource_id))).toEqual(new Set(served));
  });

  it('a spend never takes the balance below zero under concurrency, and each one has its ledger row', async () => {
    const { user } = await t.register();
    await t.setCredits(user.id, 7);
    const spend = async () => {
      const ledgerId = newSortableId(t.clock.now());
      const entry = { ledgerId, userId: user.id, amount: 2, type: 'test', description: 'parallel spend' };
      const results = await t.atomic([
        ...spendStatements(t.db, { ...entry, nowIso: t.clock.now().toISOString() }),
        outcomeQuery(t.db, user.id, ledgerId),
      ]);
      return firstRow<LedgerOutcome>(results.at(-1))?.ledger_amount;
    };
    const charged = await Promise.all(Array.from({ length: 20 }, spend));
    expect(charged.filter((amount) => amount === -2)).toHaveLength(3);
    expect(charged.filter((amount) => amount === null)).toHaveLength(17);
    expect(await balanceOf(t, user.id)).toBe(1);
    const spends = (await ledgerOf(t, user.id)).filter((r) => r.type === 'test');
    expect(spends.map((r) => r.balance_after).sort()).toEqual([1, 3, 5]);
  });

  it('the unlimited plan is never charged, but spends are recorded with amount 0', async () => {
    const { token, user } = await t.register();
    await t.setCredits(user.id, 0, 'unlimited');
    const res = await t.call('POST', '/api/questions/practice', { token, body: { courseId: 'wide', count: 3 } });
    expect(res.status).toBe(200);
    expect(res.json.charged).toBe(0);
    const spends = (await ledgerOf(t, user.id)).filter((r) => r.type === 'unlock_question');
    expect(spends).toHaveLength(1);
    expect(spends[0]!.amount).toBe(0);
    expect(await balanceOf(t, user.id)).toBe(0);
  });

  it('restores monthly credits once the reset date has passed, once even for concurrent requests', async () => {
    const { token, user } = await t.register();
    await t.setCredits(user.id, 1);
    await resetDue(t, user.id);
    const results = await Promise.all(
      Array.from({ length: 8 }, () => t.call('GET', '/api/credits/balance', { token })),
    );
    for (const r of results) expect(r.json.credits).toBe(5);
    const resets = (await ledgerOf(t, user.id)).filter((r) => r.type === 'monthly_reset');
    expect(resets).toHaveLength(1);
    expect(resets[0]).toMatchObject({ amount: 4, balance_after: 5 });
    expect(new Date(results[0]!.json.creditsResetAt).getTime()).toBeGreaterThan(t.clock.now().getTime());
  });

  it('keeps purchased credits above the monthly amount at a reset', async () => {
    const { token, user } = await t.register();
    await t.setCredits(user.id, 40);
    await resetDue(t, user.id);
    expect((await t.call('GET', '/api/credits/balance', { token })).json.credits).toBe(40);
  });

  it('charges a resource once, even when the same unlock is asked for in parallel', async () => {
    const { token, user } = await t.register();
    // The topic's whole pool (its question on each of the two exams): every request wants the same two questions.
    const body = { courseId: 'wide', topicIds: ['wide-topic-7'], count: 2 };
    const results = await Promise.all(
      Array.from({ length: 6 }, () => t.call('POST', '/api/questions/practice', { token, body })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(200));
    expect(results.map((r) => r.json.charged).sort()).toEqual([0, 0, 0, 0, 0, 2]);
    expect(await balanceOf(t, user.id)).toBe(3);
    expect((await ledgerOf(t, user.id)).filter((r) => r.type === 'unlock_question')).toHaveLength(1);
  });

  it('a refused charge unlocks nothing and writes nothing', async () => {
    const { token, user } = await t.register();
    await t.setCredits(user.id, 2);
    const res = await t.call('POST', '/api/questions/practice', { token, body: { courseId: 'wide', count: 3 } });
    expect(res.status).toBe(402);
    expect(res.json.error.details).toEqual({ needed: 3, available: 2 });
    expect(
      await t.db.selectFrom('user_unlocks').select('resource_id').where('user_id', '=', user.id).execute(),
    ).toEqual([]);
    expect((await ledgerOf(t, user.id)).map((r) => r.type)).toEqual(['signup_bonus']);
    expect(await balanceOf(t, user.id)).toBe(2);
  });
});
