import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { fixtureCourse } from '../support/fixture-course.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const bin = fileURLToPath(new URL('../../bin/pathwise.js', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/pathwise.js ...args` as a child process, as a person would. */
function pathwise(
  args: string[],
  options: { env?: Record<string, string | undefined>; cwd?: string } = {},
): Promise<Run> {
  const env: Record<string, string | undefined> = { ...process.env, LOG_LEVEL: 'silent', ...options.env };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env, cwd: options.cwd, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

// Each command is a fresh Node process compiling TypeScript through tsx: seconds each on a busy machine.
describe('the pathwise CLI', { timeout: 180_000 }, () => {
  let database: TestDatabase;
  let t: TestApp;
  let dir: string;
  let email: string;
  let userId: string;
  const run = (args: string[]) => pathwise(args, { env: { DATABASE_URL: database.url } });

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    t = createTestApp(database);
    await t.seedFixture({ id: 'clicourse', exams: 4, topics: 3 });
    const user = await t.register();
    email = user.email;
    userId = user.user.id;
    dir = mkdtempSync(join(tmpdir(), 'pathwise-cli-'));
  });
  afterAll(async () => {
    await database.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints help with exit 0, for the CLI and for each command', async () => {
    const main = await pathwise(['--help']);
    expect(main.code).toBe(0);
    for (const name of ['migrate', 'seed', 'create-admin', 'grant-credits', 'usage', 'import-exam']) {
      expect(main.stdout).toContain(name);
    }
    const helps = await Promise.all(
      ['migrate', 'seed', 'create-admin', 'grant-credits', 'usage', 'import-exam'].map((name) =>
        pathwise([name, '--help']),
      ),
    );
    for (const help of helps) {
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(/^pathwise [a-z-]+/);
    }
  });

  it('exits 1 for an unknown command or option, and for no command at all', async () => {
    const [unknown, badOption, none] = await Promise.all([
      pathwise(['frobnicate']),
      pathwise(['usage', '--since', '2026-01-01']),
      pathwise([]),
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
    expect(badOption.code).toBe(1);
    expect(badOption.stderr).toContain("Unknown option '--since'");
    expect(none.code).toBe(1);
  });

  it('stops on a bad configuration value, naming the variable', async () => {
    const res = await pathwise(['migrate'], { env: { DATABASE_URL: 'mysql://localhost/x' } });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('DATABASE_URL: must start with file: or postgres://');
  });

  it('migrates a new database file, then says it is up to date', async () => {
    const url = `file:${join(dir, 'fresh.db')}`;
    const first = await pathwise(['migrate'], { env: { DATABASE_URL: url } });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Applied: 0001_core');
    const again = await pathwise(['migrate'], { env: { DATABASE_URL: url } });
    expect(again.stdout).toContain('up to date');
  });

  it('reads DATABASE_URL from a .env file in the working directory', async () => {
    const envDir = mkdtempSync(join(dir, 'dotenv-'));
    writeFileSync(join(envDir, '.env'), `DATABASE_URL=file:${join(envDir, 'from-dotenv.db')}\n`);
    const res = await pathwise(['migrate'], { cwd: envDir, env: { DATABASE_URL: undefined } });
    expect(res.code).toBe(0);
    expect(existsSync(join(envDir, 'from-dotenv.db'))).toBe(true);
  });

  it('create-admin: an unknown email exits 1 with a clear message; a known one becomes admin', async () => {
    const missing = await run(['create-admin', 'nobody@example.com']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No user with email nobody@example.com');
    expect((await run(['create-admin'])).code).toBe(1);

    const ok = await run(['create-admin', email.toUpperCase()]);
    expect(ok.code).toBe(0);
    const row = await t.db.selectFrom('users').select('role').where('id', '=', userId).executeTakeFirstOrThrow();
    expect(row.role).toBe('admin');
  });

  it('grant-credits adds credits with a ledger row carrying the reason', async () => {
    const before = await t.db.selectFrom('users').select('credits').where('id', '=', userId).executeTakeFirstOrThrow();
    const res = await run(['grant-credits', email, '25', '--reason', 'Refund for a broken midterm']);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(`balance ${before.credits + 25}`);
    const ledger = await t.db
      .selectFrom('credit_transactions')
      .selectAll()
      .where('user_id', '=', userId)
      .where('type', '=', 'admin_grant')
      .execute();
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({
      amount: 25,
      description: 'Refund for a broken midterm',
      balance_after: before.credits + 25,
    });

    const [noReason, zero, nobody] = await Promise.all([
      run(['grant-credits', email, '25']),
      run(['grant-credits', email, '0', '--reason', 'x']),
      run(['grant-credits', 'nobody@example.com', '5', '--reason', 'x']),
    ]);
    expect(noReason.code).toBe(1);
    expect(noReason.stderr).toContain('--reason is required');
    expect(zero.code).toBe(1);
    expect(zero.stderr).toContain('whole number from 1 to 100000');
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain('No user with email nobody@example.com');
  });

  it('usage prints the report as JSON and refuses bad dates', async () => {
    const res = await run(['usage', '--from', '2026-01-01', '--to', '2026-01-31']);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ from: '2026-01-01', to: '2026-01-31', totals: { calls: 0 } });
    const bad = await run(['usage', '--from', '2026-02-30x']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('YYYY-MM-DD');
  });

  describe('import-exam', () => {
    /** A new 2030 exam of the fixture course: one question on each of topic-0 and topic-1. */
    function examFile(overrides: { totalPoints?: number; topic?: string } = {}) {
      const course = fixtureCourse({ id: 'clicourse', exams: 4, topics: 3 });
      const template = course.questions.filter((q) => q.exam === 'clicourse-exam-3');
      const questions = [0, 1].map((i) => {
        const q = template.find((x) => x.topicId === `clicourse-topic-${i}`)!;
        const { topicId: _topicId, ...content } = q;
        return {
          ...content,
          id: `clicourse-2030-q${i + 1}`,
          exam: 'clicourse-2030',
          number: i + 1,
          points: 10,
          topic: `topic-${i}`,
        };
      });
      if (overrides.topic) questions[1]!.topic = overrides.topic;
      const file = join(dir, `exam-${crypto.randomUUID()}.yaml`);
      writeFileSync(
        file,
        stringify({
          course: 'clicourse',
          exam: {
            id: 'clicourse-2030',
            year: 2030,
            semester: 'spring',
            type: 'midterm',
            date: '2030-03-10',
            totalPoints: overrides.totalPoints ?? 20,
          },
          questions,
        }),
      );
      return file;
    }
    const topic0 = () =>
      t.db
        .selectFrom('topics')
        .select(['total_appearances', 'frequency_score'])
        .where('id', '=', 'clicourse-topic-0')
        .executeTakeFirstOrThrow();

    it('refuses an invalid file with exit 1, naming each problem, and writes nothing', async () => {
      const schemaProblem = join(dir, 'not-an-exam.yaml');
      writeFileSync(schemaProblem, stringify({ course: 'clicourse', questions: [] }));
      const [bad, invalid, missing] = await Promise.all([
        run(['import-exam', examFile({ totalPoints: 35, topic: 'no-such-topic' })]),
        run(['import-exam', schemaProblem]),
        run(['import-exam', join(dir, 'missing.yaml')]),
      ]);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('unknown topic "no-such-topic"');
      expect(bad.stderr).toContain('questions add up to 20 points, the exam has 35');
      const exam = await t.db.selectFrom('exams').select('id').where('id', '=', 'clicourse-2030').executeTakeFirst();
      expect(exam).toBeUndefined();

      expect(invalid.code).toBe(1);
      expect(invalid.stderr).toContain('not-an-exam.yaml: exam:');
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('No such file');
    });

    it('adds the exam and its questions, then recomputes the course statistics', async () => {
      const before = await topic0();
      expect(before.total_appearances).toBe(2); // topic 0 is on the 2020 exams only
      const res = await run(['import-exam', examFile()]);
      expect(res.code).toBe(0);
      expect(res.stdout).toContain('Imported exam clicourse-2030 with 2 questions');

      const questions = await t.db
        .selectFrom('questions')
        .select('id')
        .where('exam_id', '=', 'clicourse-2030')
        .execute();
      expect(questions).toHaveLength(2);
      const after = await topic0();
      expect(after.total_appearances).toBe(3);
      expect(Number(after.frequency_score)).toBe(0.6); // 3 of 5 exams
      const course = await t.db
        .selectFrom('courses')
        .select('exam_count')
        .where('id', '=', 'clicourse')
        .executeTakeFirstOrThrow();
      expect(course.exam_count).toBe(5);
    });
  });
});
