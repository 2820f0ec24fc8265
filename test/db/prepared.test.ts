import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../src/db/connection.js';
import { prepared } from '../../src/db/prepared.js';
import { createTestDatabase, dialects, type TestDatabase } from '../support/databases.js';

const userById = prepared('test_user_by_id', (db, p: { id: string }) =>
  db.selectFrom('users').select(['id', 'email', 'credits']).where('id', '=', p.id).where('is_active', '=', true),
);
const usersByActive = prepared('test_users_by_active', (db, p: { active: boolean; limit: number }) =>
  db.selectFrom('users').select(['id']).where('is_active', '=', p.active).orderBy('id').limit(p.limit),
);
const insertUser = prepared('test_insert_user', (db, p: { id: string; email: string; nowIso: string }) =>
  db.insertInto('users').values({
    id: p.id,
    email: p.email,
    password_hash: 'x',
    is_active: true,
    created_at: p.nowIso,
    updated_at: p.nowIso,
  }),
);
const addCredits = prepared('test_add_credits', (db, p: { id: string; amount: number }) =>
  db
    .updateTable('users')
    .set({ credits: sql`credits + ${p.amount}` })
    .where('id', '=', p.id),
);

// Two columns named `id` (a later one wins, as in the drivers' own rows), a nullable column and numbers.
const usersWithSessions = prepared('test_users_with_sessions', (db, p: { nowIso: string }) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id', 'users.id', 'users.email', 'users.name', 'users.credits', 'sessions.expires_at'])
    .where('sessions.expires_at', '>', p.nowIso)
    .orderBy('users.email'),
);

describe.each(dialects)('prepared queries on %s', (dialect) => {
  let database: TestDatabase;
  const nowIso = new Date('2026-01-01T00:00:00Z').toISOString();
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(async () => database.destroy());

  it('binds each call its own values and returns what the built query returns', async () => {
    const { db } = database.handle;
    await insertUser.execute(db, { id: 'u-a', email: 'a@example.com', nowIso });
    await insertUser.execute(db, { id: 'u-b', email: 'b@example.com', nowIso });
    await db.updateTable('users').set({ is_active: false }).where('id', '=', 'u-b').execute();

    expect(await userById.first(db, { id: 'u-a' })).toEqual({ id: 'u-a', email: 'a@example.com', credits: 5 });
    expect(await userById.first(db, { id: 'u-a' })).toEqual(
      await db
        .selectFrom('users')
        .select(['id', 'email', 'credits'])
        .where('id', '=', 'u-a')
        .where('is_active', '=', true)
        .executeTakeFirst(),
    );
    // The constant `is_active = true` is compiled into the query: the inactive user is not found.
    expect(await userById.first(db, { id: 'u-b' })).toBeUndefined();
    expect(await userById.first(db, { id: 'missing' })).toBeUndefined();
    // Booleans and numbers bound as parameters (SQLite takes booleans as 1/0).
    expect((await usersByActive.rows(db, { active: false, limit: 10 })).map((r) => r.id)).toEqual(['u-b']);
    expect((await usersByActive.rows(db, { active: true, limit: 10 })).map((r) => r.id)).toEqual(['u-a']);
  });

  it('compiles into a statement list for deps.atomic: the same SQL each time, each call its own values', async () => {
    const { db } = database.handle;
    await insertUser.execute(db, { id: 'u-list', email: 'list@example.com', nowIso });
    const first = addCredits.compile(db, { id: 'u-list', amount: 3 });
    const second = addCredits.compile(db, { id: 'u-list', amount: 4 });
    expect(second.sql).toBe(first.sql);
    expect(first.parameters).not.toEqual(second.parameters);
    await database.handle.atomic([first, second]);
    expect((await userById.first(db, { id: 'u-list' }))?.credits).toBe(5 + 3 + 4);
  });

  it('runs a statement list with any value intact, and all of it or none of it', async () => {
    const { db } = database.handle;
    // PostgreSQL writes a list's values into one query text: quotes, backslashes, comment and placeholder look-alikes.
    const names = ["O'Brien -- $1", 'back\\slash \\n', 'naïve ✓ 数学', '', "'; drop table users; --"];
    const statements = names.map((name, i) =>
      db
        .insertInto('users')
        .values({
          id: `u-value-${i}`,
          email: `value-${i}@example.com`,
          name,
          password_hash: 'x',
          credits: i === 1 ? 0 : 7,
          is_active: i !== 2,
          stripe_customer_id: null,
          credits_reset_at: 1_767_225_600_000 + i,
          created_at: nowIso,
          updated_at: nowIso,
        })
        .compile(),
    );
    const debit = addCredits.compile(db, { id: 'u-value-0', amount: -3 });
    const results = await database.handle.atomic([...statements, debit]);
    expect(results.map((r) => Number(r.numAffectedRows))).toEqual([1, 1, 1, 1, 1, 1]);
    const rows = await db
      .selectFrom('users')
      .select(['id', 'name', 'credits', 'is_active', 'credits_reset_at', 'stripe_customer_id'])
      .where('id', 'like', 'u-value-%')
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.name)).toEqual(names);
    expect(rows.map((r) => r.credits)).toEqual([4, 0, 7, 7, 7]);
    expect(rows.map((r) => Boolean(r.is_active))).toEqual([true, true, false, true, true]);
    expect(rows.map((r) => Number(r.credits_reset_at))).toEqual([0, 1, 2, 3, 4].map((i) => 1_767_225_600_000 + i));
    expect(rows.every((r) => r.stripe_customer_id === null)).toBe(true);

    // A statement that fails (the balance may not go below zero) undoes the ones before it.
    const failing = [
      addCredits.compile(db, { id: 'u-value-3', amount: 5 }),
      addCredits.compile(db, { id: 'u-value-1', amount: -1 }),
    ];
    await expect(database.handle.atomic(failing)).rejects.toThrow();
    expect((await userById.first(db, { id: 'u-value-3' }))?.credits).toBe(7);
  });

  it('gives the same rows as the built query, many at once, with repeated column names and nulls', async () => {
    const { db } = database.handle;
    const later = '2026-02-01T00:00:00.000Z';
    await db
      .insertInto('sessions')
      .values(
        ['u-a', 'u-b', 'u-a'].map((user_id, i) => ({
          id: `s-${i}`,
          user_id,
          expires_at: later,
          created_at: nowIso,
          last_refreshed_at: nowIso,
          public_id: `p-${i}`,
        })),
      )
      .execute();
    const built = await db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['sessions.id', 'users.id', 'users.email', 'users.name', 'users.credits', 'sessions.expires_at'])
      .where('sessions.expires_at', '>', nowIso)
      .orderBy('users.email')
      .execute();
    const rows = await usersWithSessions.rows(db, { nowIso });
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => r.id).sort()).toEqual(['u-a', 'u-a', 'u-b']);
    expect(rows[0]).toMatchObject({ name: null, credits: expect.any(Number) });
    expect(new Set(rows.map((r) => JSON.stringify(r)))).toEqual(new Set(built.map((r) => JSON.stringify(r))));
    await db.deleteFrom('sessions').where('id', 'in', ['s-0', 's-1', 's-2']).execute();
  });

  it('reports the rows a write affected', async () => {
    const { db } = database.handle;
    expect(Number((await addCredits.execute(db, { id: 'u-a', amount: 3 })).numAffectedRows)).toBe(1);
    expect(Number((await addCredits.execute(db, { id: 'missing', amount: 3 })).numAffectedRows)).toBe(0);
    expect((await userById.first(db, { id: 'u-a' }))?.credits).toBe(8);
  });

  it("runs on a transaction's own connection: a rollback undoes a prepared write", async () => {
    const { db } = database.handle;
    await expect(
      db.transaction().execute(async (tx) => {
        await insertUser.execute(tx, { id: 'u-tx', email: 'tx@example.com', nowIso });
        expect(await userById.first(tx, { id: 'u-tx' })).toBeDefined();
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await userById.first(db, { id: 'u-tx' })).toBeUndefined();
  });

  it('never reads what an open transaction has not committed, while it is open or after it rolls back', async () => {
    const { db } = database.handle;
    let inserted!: () => void;
    const insertedSignal = new Promise<void>((resolve) => {
      inserted = resolve;
    });
    let finish!: () => void;
    const finishSignal = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const transaction = db.transaction().execute(async (tx) => {
      await insertUser.execute(tx, { id: 'u-open', email: 'open@example.com', nowIso });
      inserted();
      await finishSignal;
      throw new Error('roll back');
    });
    await insertedSignal;
    // On SQLite the read queues behind the transaction (one connection); on PostgreSQL it runs on another connection.
    let settled = false;
    const read = userById.first(db, { id: 'u-open' }).then((row) => {
      settled = true;
      return row;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    if (dialect === 'sqlite') expect(settled).toBe(false);
    finish();
    await expect(transaction).rejects.toThrow('roll back');
    expect(await read).toBeUndefined();
    expect(await userById.first(db, { id: 'u-open' })).toBeUndefined();
  });

  it('keeps working past the statement cache (300 other statements in between)', async () => {
    const { db } = database.handle;
    for (let i = 0; i < 300; i++) await sql`select ${i} as n, ${`s${i}`} as s`.execute(db);
    await sql.raw(`select ${300} as n`).execute(db);
    expect((await userById.first(db, { id: 'u-a' }))?.id).toBe('u-a');
  });

  it.runIf(dialect === 'postgres')('runs as a named prepared statement, prepared once per connection', async () => {
    const handle = connectDatabase(database.url, { poolSize: 1, schema: database.schema! });
    try {
      await userById.first(handle.db, { id: 'u-a' });
      await userById.first(handle.db, { id: 'u-b' });
      const { rows } = await sql<{
        name: string;
      }>`select name from pg_prepared_statements where name like 'pw_test_user_by_id_%'`.execute(handle.db);
      expect(rows).toHaveLength(1);
    } finally {
      await handle.close();
    }
  });

  it.runIf(dialect === 'postgres')(
    'runs a statement list as one query of statements prepared once per connection',
    async () => {
      const handle = connectDatabase(database.url, { poolSize: 1, schema: database.schema! });
      try {
        const { db } = handle;
        await insertUser.execute(db, { id: 'u-once', email: 'once@example.com', nowIso });
        for (const amount of [2, 3]) {
          // A prepared query and a built one, which goes with its values written in.
          const built = db
            .updateTable('users')
            .set({ name: `after ${amount}` })
            .where('id', '=', 'u-once')
            .compile();
          await handle.atomic([addCredits.compile(db, { id: 'u-once', amount }), built]);
        }
        const user = await db
          .selectFrom('users')
          .select(['credits', 'name'])
          .where('id', '=', 'u-once')
          .executeTakeFirst();
        expect(user).toEqual({ credits: 5 + 2 + 3, name: 'after 3' });
        const { rows } = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(db);
        const lists = rows.filter((r) => /^prepare pwl_/i.test(r.statement));
        expect(lists).toHaveLength(1);
        expect(lists[0]?.statement).toContain('update "users" set "credits"');
      } finally {
        await handle.close();
      }
    },
  );
});
