import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANDIDATES_PER_TOPIC } from '../../src/exam/midterm/midterm.repo.js';
import { createTestDatabase, type TestDatabase, targets } from '../support/databases.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** A bank far larger than a midterm's candidate window: 300 extra questions on one topic, outside any exam. */
const EXTRA = 300;
const extraId = (n: number) => `fx-bank-${String(n).padStart(4, '0')}`;

describe.each(targets('midterm-sampling'))('midterm generation on a large bank (%s)', (dialect) => {
  let database: TestDatabase;
  let t: TestApp;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    t = createTestApp(database);
    await t.seedFixture({ id: 'fx', exams: 8, topics: 6 });
    const nowIso = t.clock.now().toISOString();
    const rows = Array.from({ length: EXTRA }, (_, n) => ({
      id: extraId(n),
      topic_id: 'fx-topic-1',
      course_id: 'fx',
      pattern_id: `fx-topic-1-pattern-${n % 2}`,
      question_text: `Bank question ${n}`,
      solution_steps: '["Step."]',
      answer: 'x',
      answer_kind: 'expression',
      answer_spec: '{"value":"x"}',
      difficulty: 1 + (n % 5),
      source_points: 10,
      // Originals (imported, outside any exam): generated variants are not midterm candidates (drawVariants).
      is_generated: false,
      created_at: nowIso,
    }));
    await t.insertRows('questions', rows);
  });
  afterAll(async () => database.destroy());

  it('samples candidates from the whole bank, and each midterm keeps its shape and its seed', async () => {
    expect(EXTRA).toBeGreaterThan(3 * CANDIDATES_PER_TOPIC);
    const { token, user } = await t.register();
    await t.setCredits(user.id, 0, 'unlimited');
    const picked = new Set<string>();
    for (let seed = 0; seed < 12; seed++) {
      const res = await t.call('POST', '/api/midterm/generate', { token, body: { courseId: 'fx', seed: `s${seed}` } });
      expect(res.status).toBe(200);
      const questions = res.json.midterm.questions as Array<{ question: { id: string; patternId: string } }>;
      expect(questions).toHaveLength(6);
      const patterns = questions.map((q) => q.question.patternId);
      expect(new Set(patterns).size).toBe(patterns.length);
      for (const q of questions) picked.add(q.question.id);
      if (seed === 0) {
        const again = await t.call('POST', '/api/midterm/generate', { token, body: { courseId: 'fx', seed: 's0' } });
        expect(again.json.midterm).toEqual(res.json.midterm);
      }
    }
    // Bank questions from beyond the first window of the topic were drawn: the sample moves with the seed.
    const deep = [...picked].filter((id) => id.startsWith('fx-bank-') && id > extraId(CANDIDATES_PER_TOPIC));
    expect(deep.length).toBeGreaterThan(0);
  });
});
