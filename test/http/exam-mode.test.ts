import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromJson } from '../../src/db/schema.js';
import { createTestDatabase, type TestDatabase, targets } from '../support/databases.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

interface ExamQuestion {
  number: number;
  points: number;
  question: { id: string; topicId: string; patternId: string } & Record<string, unknown>;
  formats: string[];
  options: Array<{ id: string; text: string }> | null;
  result: { outcome: string; correct: boolean; score: number; feedback: string; answer: string | null } | null;
  solution: { answer: string; solutionSteps: string[] } | null;
}

const MINUTE = 60_000;

describe.each(targets('exam-mode'))('Exam mode (generated midterms and finals) on %s', (dialect) => {
  let database: TestDatabase;
  let t: TestApp;
  /** Every question's expected answer and its correct option, from the database (never from the API). */
  let expected: Map<string, { value: string; correctOption?: string; wrongOption?: string }>;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    t = createTestApp(database);
    await t.seedFixture({ id: 'fx', exams: 6, topics: 4 });
    const rows = await t.db.selectFrom('questions').select(['id', 'answer_spec']).execute();
    const options = await t.db.selectFrom('question_options').select(['id', 'question_id', 'is_correct']).execute();
    expected = new Map(
      rows.map((r) => {
        const own = options.filter((o) => o.question_id === r.id);
        return [
          r.id,
          {
            value: fromJson<{ value: string }>(r.answer_spec).value,
            correctOption: own.find((o) => o.is_correct === true || o.is_correct === 1)?.id,
            wrongOption: own.find((o) => !(o.is_correct === true || o.is_correct === 1))?.id,
          },
        ];
      }),
    );
  });
  afterAll(async () => database.destroy());

  const generate = (token: string, body: Record<string, unknown> = {}) =>
    t.call('POST', '/api/midterm/generate', { token, body: { courseId: 'fx', ...body } });

  it('walks a student through a midterm: no answer before submitting, a marked exam and free solutions after', async () => {
    const { token, user } = await t.register();
    await t.setCredits(user.id, 5);
    const generated = await generate(token, { seed: 'walk' });
    expect(generated.status, generated.text).toBe(200);
    expect(generated.json.charged).toBe(3);
    const exam = generated.json.midterm;
    expect(exam).toMatchObject({
      examType: 'midterm',
      status: 'ready',
      durationMinutes: 90,
      startedAt: null,
      score: null,
    });
    const questions = exam.questions as ExamQuestion[];
    expect(questions.length).toBeGreaterThanOrEqual(3);

    // Nothing of an answer anywhere before submission: no answer key, no steps, no correct option flag.
    const leaks = (text: string) =>
      questions.some((q) => {
        const e = expected.get(q.question.id)!;
        return text.includes(JSON.stringify(e.value)) || (e.correctOption && /isCorrect|is_correct|mistake/.test(text));
      });
    expect(leaks(generated.text)).toBe(false);
    expect(generated.text).not.toMatch(/solutionSteps|answerKey/);
    for (const q of questions) expect(q.solution).toBeNull();
    const fetched = await t.call('GET', `/api/midterms/${exam.id}`, { token });
    expect(fetched.status).toBe(200);
    expect(fetched.json.midterm).toEqual(exam);
    expect(leaks(fetched.text)).toBe(false);
    // The exam's questions stay locked: reading one does not show its answer.
    expect((await t.call('GET', `/api/questions/${questions[0]!.question.id}`, { token })).json.unlocked).toBe(false);

    // Listed as mine.
    const list = await t.call('GET', '/api/midterms', { token });
    expect(list.json.midterms).toEqual([
      expect.objectContaining({ id: exam.id, status: 'ready', questionCount: questions.length, correctCount: null }),
    ]);

    // Submitting before starting is refused; starting sets the clock from the blueprint; starting again keeps it.
    const early = await t.call('POST', `/api/midterms/${exam.id}/submit`, { token, body: { answers: [] } });
    expect(early.status).toBe(409);
    expect(early.json.error.details.reason).toBe('not_started');
    const started = await t.call('POST', `/api/midterms/${exam.id}/start`, { token });
    expect(started.status).toBe(200);
    const startedAt = t.clock.now().toISOString();
    expect(started.json.midterm).toMatchObject({
      status: 'in_progress',
      startedAt,
      dueAt: new Date(t.clock.now().getTime() + 90 * MINUTE).toISOString(),
    });
    t.clock.advance(5 * MINUTE);
    const restarted = await t.call('POST', `/api/midterms/${exam.id}/start`, { token });
    expect(restarted.json.midterm.startedAt).toBe(startedAt);

    // Bad submissions change nothing: not on the exam, twice, another question's option, unreadable math.
    const [q1, q2, q3] = questions as [ExamQuestion, ExamQuestion, ExamQuestion];
    const mcq = questions.find((q) => q.options !== null)!;
    const other = questions.find((q) => q !== mcq)!;
    const bad = async (answers: unknown[], field: string, status = 422) => {
      const res = await t.call('POST', `/api/midterms/${exam.id}/submit`, { token, body: { answers } });
      expect(res.status, res.text).toBe(status);
      expect(JSON.stringify(res.json.error.details)).toContain(field);
    };
    await bad([{ number: 99, answer: 'x' }], 'answers.0.number');
    await bad(
      [
        { number: q1.number, answer: 'x' },
        { number: q1.number, answer: 'y' },
      ],
      'answers.1.number',
    );
    await bad([{ number: other.number, optionId: mcq.options![0]!.id }], 'answers.0.optionId');
    await bad([{ number: q1.number, answer: 'x^(' }], 'answers.0.answer');
    await bad([{ number: q1.number }], 'answers.0.answer');
    expect((await t.call('GET', `/api/midterms/${exam.id}`, { token })).json.midterm.status).toBe('in_progress');

    // Submitted 10 minutes late: accepted, lateness recorded. q1 right, q2 without its constant (partial credit),
    // the MCQ one with a distractor, the rest left out.
    t.clock.advance(95 * MINUTE);
    const withoutC = expected.get(q2.question.id)!.value.replace(/\s*\+\s*C$/, '');
    const answers = [
      { number: q1.number, answer: expected.get(q1.question.id)!.value },
      { number: q2.number, answer: withoutC },
      ...(mcq !== q1 && mcq !== q2
        ? [{ number: mcq.number, optionId: expected.get(mcq.question.id)!.wrongOption }]
        : []),
    ];
    const submitted = await t.call('POST', `/api/midterms/${exam.id}/submit`, { token, body: { answers } });
    expect(submitted.status, submitted.text).toBe(200);
    const marked = submitted.json.midterm;
    expect(marked).toMatchObject({ status: 'submitted', lateMs: 10 * MINUTE });
    const results = new Map((marked.questions as ExamQuestion[]).map((q) => [q.number, q]));
    expect(results.get(q1.number)!.result).toMatchObject({ outcome: 'correct', correct: true, score: q1.points });
    expect(results.get(q2.number)!.result).toMatchObject({
      outcome: 'missing_constant',
      correct: false,
      score: Math.round(q2.points * 0.8 * 2) / 2,
    });
    if (mcq !== q1 && mcq !== q2) {
      expect(results.get(mcq.number)!.result).toMatchObject({ outcome: 'mcq_distractor', score: 0 });
      expect(results.get(mcq.number)!.result!.feedback).toMatch(/common mistake/);
    }
    const blank = (marked.questions as ExamQuestion[]).find((q) => !answers.some((a) => a.number === q.number));
    if (blank) expect(blank.result).toMatchObject({ outcome: 'unanswered', score: 0, answer: null });
    const total = (marked.questions as ExamQuestion[]).reduce((s, q) => s + q.result!.score, 0);
    expect(marked.score).toBe(total);
    // Solutions come with the results, and were paid with the exam: revealing one is free now.
    for (const q of marked.questions as ExamQuestion[]) {
      expect(q.solution!.answer).toBeTruthy();
      expect(q.solution!.solutionSteps.length).toBeGreaterThan(0);
    }
    const balance = (await t.call('GET', '/api/credits/balance', { token })).json.credits;
    const reveal = await t.call('POST', `/api/questions/${q3.question.id}/solution`, { token });
    expect(reveal.json.charged).toBe(0);
    expect((await t.call('GET', '/api/credits/balance', { token })).json.credits).toBe(balance);
    expect((await t.call('GET', `/api/questions/${q1.question.id}`, { token })).json.unlocked).toBe(true);

    // Once only.
    const twice = await t.call('POST', `/api/midterms/${exam.id}/submit`, { token, body: { answers } });
    expect(twice.status).toBe(409);
    expect(twice.json.error.details.reason).toBe('already_submitted');
    expect((await t.call('POST', `/api/midterms/${exam.id}/start`, { token })).status).toBe(409);

    // The evidence reached mastery, progress and the review schedule.
    const mastery = await t.db.selectFrom('topic_mastery').selectAll().where('user_id', '=', user.id).execute();
    expect(mastery.find((m) => m.topic_id === q1.question.topicId)!.estimate).toBeGreaterThan(0.4);
    const patterns = await t.db.selectFrom('pattern_mastery').selectAll().where('user_id', '=', user.id).execute();
    expect(patterns.find((p) => p.pattern_id === q2.question.patternId)!.due).not.toBeNull();
    const attempts = await t.db.selectFrom('question_attempts').selectAll().where('user_id', '=', user.id).execute();
    // An attempt and progress for each question answered; the ones left blank are scored but not attempts.
    expect(attempts.filter((a) => a.exam_id === exam.id)).toHaveLength(answers.length);
    expect(questions.length).toBeGreaterThan(answers.length);
    const progress = await t.db.selectFrom('user_progress').selectAll().where('user_id', '=', user.id).execute();
    expect(progress.map((p) => p.question_id).sort()).toEqual(
      answers.map((a) => questions.find((q) => q.number === a.number)!.question.id).sort(),
    );
    const listed = await t.call('GET', '/api/midterms', { token });
    expect(listed.json.midterms[0]).toMatchObject({ status: 'submitted', correctCount: 1, score: total });
    // A wrong exam answer is rated Again: its pattern comes back for review within minutes.
    t.clock.advance(30 * MINUTE);
    const review = await t.call('GET', `/api/assessment/review?courseId=fx`, { token });
    expect(review.json.reviews.map((r: { patternId: string }) => r.patternId)).toContain(q2.question.patternId);
  });

  it('generates a final from the finals, priced like a midterm, timed longer; the same seed gives it back free', async () => {
    const { token, user } = await t.register();
    await t.setCredits(user.id, 3);
    const res = await generate(token, { examType: 'final', seed: 'f1' });
    expect(res.status, res.text).toBe(200);
    expect(res.json.charged).toBe(3);
    expect(res.json.midterm).toMatchObject({ examType: 'final', durationMinutes: 180 });
    const finals = await t.db.selectFrom('exams').select('total_points').where('exam_type', '=', 'final').execute();
    const avg = Math.round(finals.reduce((s, e) => s + (e.total_points ?? 0), 0) / finals.length);
    expect(res.json.midterm.totalPoints).toBe(avg);
    const again = await generate(token, { examType: 'final', seed: 'f1' });
    expect(again.json.charged).toBe(0);
    expect(again.json.midterm.id).toBe(res.json.midterm.id);
    // A midterm with the same seed is another exam (and, out of credits now, refused).
    expect((await generate(token, { seed: 'f1' })).status).toBe(402);
    const finalsOnly = await t.call('GET', '/api/midterms?examType=final', { token });
    expect(finalsOnly.json.midterms.map((m: { id: string }) => m.id)).toEqual([res.json.midterm.id]);
    expect((await t.call('GET', '/api/midterms?examType=midterm', { token })).json.midterms).toEqual([]);
  });

  it("keeps every exam its owner's: another user's is a 404 for reading, starting and submitting", async () => {
    const owner = await t.register();
    await t.setCredits(owner.user.id, 3);
    const exam = (await generate(owner.token, { seed: 'mine' })).json.midterm;
    const other = await t.register();
    for (const [method, path, body] of [
      ['GET', `/api/midterms/${exam.id}`, undefined],
      ['POST', `/api/midterms/${exam.id}/start`, undefined],
      ['POST', `/api/midterms/${exam.id}/submit`, { answers: [] }],
    ] as const) {
      expect((await t.call(method, path, { token: other.token, body })).status).toBe(404);
      expect((await t.call(method, path, { body })).status).toBe(401);
    }
    expect((await t.call('GET', '/api/midterms', { token: other.token })).json.midterms).toEqual([]);
    expect((await t.call('GET', '/api/midterms/nope', { token: owner.token })).status).toBe(404);
  });

  it('pages my exams newest first with a keyset cursor', async () => {
    const { token, user } = await t.register();
    await t.setCredits(user.id, 0, 'unlimited');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await generate(token, { seed: `page${i}` })).json.midterm.id);
      t.clock.advance(MINUTE);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await t.call('GET', `/api/midterms?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token });
      expect(res.status).toBe(200);
      seen.push(...res.json.midterms.map((m: { id: string }) => m.id));
      cursor = res.json.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    expect((await t.call('GET', '/api/midterms?cursor=garbage', { token })).status).toBe(422);
  });

  it('submits once even when two submissions race', async () => {
    const { token, user } = await t.register();
    await t.setCredits(user.id, 3);
    const exam = (await generate(token, { seed: 'race' })).json.midterm;
    await t.call('POST', `/api/midterms/${exam.id}/start`, { token });
    const q = exam.questions[0] as ExamQuestion;
    const body = { answers: [{ number: q.number, answer: expected.get(q.question.id)!.value }] };
    const results = await Promise.all(
      [1, 2, 3].map(() => t.call('POST', `/api/midterms/${exam.id}/submit`, { token, body })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    // One submission's records: an attempt for the one question answered.
    const attempts = await t.db.selectFrom('question_attempts').select('id').where('exam_id', '=', exam.id).execute();
    expect(attempts).toHaveLength(1);
    const marked = await t.db
      .selectFrom('generated_exam_questions')
      .select('outcome')
      .where('exam_id', '=', exam.id)
      .execute();
    expect(marked.map((m) => m.outcome).sort()).toEqual(
      ['correct', ...Array(exam.questions.length - 1).fill('unanswered')].sort(),
    );
    const progress = await t.db
      .selectFrom('user_progress')
      .select('attempts')
      .where('user_id', '=', user.id)
      .where('question_id', '=', q.question.id)
      .executeTakeFirstOrThrow();
    expect(progress.attempts).toBe(1);
  });

  it('describes the exam routes with their errors in /openapi.json', async () => {
    const doc = (await t.call('GET', '/openapi.json')).json;
    expect(doc.paths['/api/midterms'].get.responses['401']).toBeDefined();
    expect(doc.paths['/api/midterms/{id}'].get.responses['404']).toBeDefined();
    expect(doc.paths['/api/midterms/{id}/start'].post.responses['409']).toBeDefined();
    const submit = doc.paths['/api/midterms/{id}/submit'].post;
    for (const status of ['401', '404', '409', '422']) expect(submit.responses[status], status).toBeDefined();
    expect(doc.paths['/api/midterm/generate'].post.requestBody.content['application/json'].schema).toBeDefined();
  });
});
