import Database from 'better-sqlite3';
import pg from 'pg';

/**
 * The baseline's data access: the same SQL the app runs for the benchmarked routes, as prepared statements on
 * better-sqlite3 or named prepared statements on pg. No query builder, no per-call compilation.
 */
export interface SessionRow {
  session_id: string;
  expires_at: string;
  last_refreshed_at: string;
  id: string;
  email: string;
  name: string | null;
  role: string;
  is_active: boolean | number;
}

export interface TopicRow {
  id: string;
  course_id: string;
  name: string;
  slug: string;
  category: string;
  difficulty: number | null;
  frequency_score: number | null;
  avg_points: number | null;
  total_appearances: number;
}

export interface QuestionListingRow {
  id: string;
  course_id: string;
  topic_id: string;
  pattern_id: string | null;
  exam_id: string | null;
  question_text: string;
  techniques: string | null;
  difficulty: number | null;
  difficulty_reason: string | null;
  estimated_time: number | null;
  answer_kind: string;
  source_exam_year: number | null;
  source_exam_type: string | null;
  source_question_number: number | null;
  source_points: number | null;
  frequency_score: number | null;
}

export interface QuestionRow extends QuestionListingRow {
  answer: string;
  solution_steps: string;
}

export interface SpendResult {
  balance: number | undefined;
  charged: number;
}

export interface BareStore {
  sessionUser(sessionId: string, nowIso: string): Promise<SessionRow | undefined>;
  /** The course's data version (it changes with its questions), undefined when there is no such active course. */
  courseVersion(courseId: string): Promise<number | undefined>;
  topics(courseId: string): Promise<TopicRow[]>;
  browse(courseId: string, afterId: string | undefined, limit: number): Promise<QuestionListingRow[]>;
  questionIds(courseId: string): Promise<string[]>;
  unlockedQuestionIds(userId: string): Promise<Set<string>>;
  /** Unlock + conditional debit + ledger row in one transaction; undefined balance when credits are short. */
  unlockAndSpend(userId: string, ids: string[], nowIso: string): Promise<SpendResult | 'insufficient'>;
  questions(ids: string[]): Promise<QuestionRow[]>;
  close(): Promise<void>;
}

const SQL = {
  sessionUser:
    'select "sessions"."id" as "session_id", "sessions"."expires_at", "sessions"."last_refreshed_at", "users"."id", "users"."email", "users"."name", "users"."role", "users"."is_active" from "sessions" inner join "users" on "users"."id" = "sessions"."user_id" where "sessions"."id" = ? and "sessions"."expires_at" > ?',
  course:
    'select "id", "name", "description", "exam_count", "data_version" from "courses" where "id" = ? and "is_active" = ?',
  topics: 'select * from "topics" where "course_id" = ? order by "position", "id"',
  browseFirst:
    'select "id", "course_id", "topic_id", "pattern_id", "exam_id", "question_text", "techniques", "difficulty", "difficulty_reason", "estimated_time", "answer_kind", "source_exam_year", "source_exam_type", "source_question_number", "source_points", "frequency_score" from "questions" where "course_id" = ? and "is_generated" = false order by "id" limit ?',
  browseAfter:
    'select "id", "course_id", "topic_id", "pattern_id", "exam_id", "question_text", "techniques", "difficulty", "difficulty_reason", "estimated_time", "answer_kind", "source_exam_year", "source_exam_type", "source_question_number", "source_points", "frequency_score" from "questions" where "course_id" = ? and "is_generated" = false and "id" > ? order by "id" limit ?',
  questionIds: 'select "id" from "questions" where "course_id" = ? and "is_generated" = false order by "id"',
  unlocked: 'select "resource_id" from "user_unlocks" where "user_id" = ? and "resource_type" = ?',
  insertUnlock:
    'insert into "user_unlocks" ("user_id", "resource_type", "resource_id", "created_at") values (?, ?, ?, ?) on conflict ("user_id", "resource_type", "resource_id") do nothing',
  debit:
    'update "users" set "credits" = credits - ?, "updated_at" = ? where "id" = ? and "credits" >= ? returning "credits"',
  ledger:
    'insert into "credit_transactions" ("id", "user_id", "amount", "type", "description", "balance_after", "idempotency_key", "stripe_payment_intent_id", "created_at") values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  questionsByIds: 'select * from "questions" where "id" in (select value from json_each(?))',
} as const;

export function openStore(url: string): BareStore {
  return url.startsWith('file:') ? sqliteStore(url.slice('file:'.length)) : postgresStore(url);
}

function sqliteStore(path: string): BareStore {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const s = Object.fromEntries(Object.entries(SQL).map(([k, text]) => [k, db.prepare(text)])) as Record<
    keyof typeof SQL,
    Database.Statement
  >;
  const spend = db.transaction((userId: string, ids: string[], nowIso: string): SpendResult | 'insufficient' => {
    let fresh = 0;
    for (const id of ids) fresh += s.insertUnlock.run(userId, 'question', id, nowIso).changes;
    if (fresh === 0) return { balance: undefined, charged: 0 };
    const row = s.debit.get(fresh, nowIso, userId, fresh) as { credits: number } | undefined;
    if (!row) throw new InsufficientCredits();
    const description = `Practice set: ${ids.length} question(s)`;
    s.ledger.run(crypto.randomUUID(), userId, -fresh, 'unlock_question', description, row.credits, null, null, nowIso);
    return { balance: row.credits, charged: fresh };
  });
  return {
    sessionUser: async (id, now) => s.sessionUser.get(id, now) as SessionRow | undefined,
    courseVersion: async (id) => (s.course.get(id, 1) as { data_version: number } | undefined)?.data_version,
    topics: async (courseId) => s.topics.all(courseId) as TopicRow[],
    browse: async (courseId, afterId, limit) =>
      (afterId
        ? s.browseAfter.all(courseId, afterId, limit)
        : s.browseFirst.all(courseId, limit)) as QuestionListingRow[],
    questionIds: async (courseId) => (s.questionIds.all(courseId) as Array<{ id: string }>).map((r) => r.id),
    unlockedQuestionIds: async (userId) =>
      new Set((s.unlocked.all(userId, 'question') as Array<{ resource_id: string }>).map((r) => r.resource_id)),
    unlockAndSpend: async (userId, ids, nowIso) => {
      try {
        return spend(userId, ids, nowIso);
      } catch (error) {
        if (error instanceof InsufficientCredits) return 'insufficient';
        throw error;
      }
    },
    questions: async (ids) => s.questionsByIds.all(JSON.stringify(ids)) as QuestionRow[],
    close: async () => {
      db.close();
    },
  };
}

class InsufficientCredits extends Error {}

/** `?` placeholders to `$1, $2, ...`; the SQL above has no literal question marks. */
function numbered(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

function postgresStore(url: string): BareStore {
  // Same type parsing as the app: int8/numeric as numbers, timestamps as ISO strings.
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') => {
      if (oid === 20 || oid === 1700) return (v: string) => Number(v);
      if (oid === 1184) return (v: string) => new Date(v).toISOString();
      return pg.types.getTypeParser(oid, format ?? 'text');
    },
  } as pg.CustomTypesConfig;
  const pool = new pg.Pool({ connectionString: url, max: 10, types });
  const text: Record<string, string> = Object.fromEntries(Object.entries(SQL).map(([k, t]) => [k, numbered(t)]));
  text.questionsByIds = 'select * from "questions" where "id" = any($1)';
  const q = <T extends pg.QueryResultRow>(client: pg.Pool | pg.PoolClient, name: string, values: unknown[]) =>
    client.query<T>({ name: `bare_${name}`, text: text[name]!, values });
  return {
    sessionUser: async (id, now) => (await q<SessionRow>(pool, 'sessionUser', [id, now])).rows[0],
    courseVersion: async (id) => (await q<{ data_version: number }>(pool, 'course', [id, true])).rows[0]?.data_version,
    topics: async (courseId) => (await q<TopicRow>(pool, 'topics', [courseId])).rows,
    browse: async (courseId, afterId, limit) =>
      (afterId
        ? await q<QuestionListingRow>(pool, 'browseAfter', [courseId, afterId, limit])
        : await q<QuestionListingRow>(pool, 'browseFirst', [courseId, limit])
      ).rows,
    questionIds: async (courseId) => (await q<{ id: string }>(pool, 'questionIds', [courseId])).rows.map((r) => r.id),
    unlockedQuestionIds: async (userId) =>
      new Set(
        (await q<{ resource_id: string }>(pool, 'unlocked', [userId, 'question'])).rows.map((r) => r.resource_id),
      ),
    unlockAndSpend: async (userId, ids, nowIso) => {
      const client = await pool.connect();
      try {
        await client.query('begin');
        let fresh = 0;
        for (const id of ids)
          fresh += (await q(client, 'insertUnlock', [userId, 'question', id, nowIso])).rowCount ?? 0;
        if (fresh === 0) {
          await client.query('commit');
          return { balance: undefined, charged: 0 };
        }
        const row = (await q<{ credits: number }>(client, 'debit', [fresh, nowIso, userId, fresh])).rows[0];
        if (!row) {
          await client.query('rollback');
          return 'insufficient';
        }
        const description = `Practice set: ${ids.length} question(s)`;
        await q(client, 'ledger', [
          crypto.randomUUID(),
          userId,
          -fresh,
          'unlock_question',
          description,
          row.credits,
          null,
          null,
          nowIso,
        ]);
        await client.query('commit');
        return { balance: row.credits, charged: fresh };
      } catch (error) {
        await client.query('rollback').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    questions: async (ids) => (await q<QuestionRow>(pool, 'questionsByIds', [ids])).rows,
    close: () => pool.end(),
  };
}
