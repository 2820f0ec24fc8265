import { unlockWithCredits } from '../../platform/credits/credits.service.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { notFound } from '../../platform/http/errors.js';
import { hashSeed, seededRandom } from '../../platform/ids.js';
import { requireCourse } from '../courses/courses.service.js';
import { type QuestionWithSolution, toQuestionWithSolution } from '../questions/questions.mapper.js';
import { findQuestions } from '../questions/questions.repo.js';
import { drawVariants } from '../variants/draw-variants.js';
import { generateMidterm } from './generate-midterm.js';
import { courseDataVersion, loadMidtermPool, loadMidtermShape, topicStrideStarts } from './midterm.repo.js';

export const MIDTERM_PRICE = 3;

/**
 * Where sampling windows may start, per topic, kept per database and course for as long as the course's data version
 * holds (derived data: each server process computes its own, once per change of the bank).
 */
const startsCache = new WeakMap<object, Map<string, { version: number; topics: Map<string, string[]> }>>();

async function windowStarts(deps: ServiceDeps, courseId: string, topicIds: string[]): Promise<Map<string, string[]>> {
  const version = (await courseDataVersion(deps.db, courseId)) ?? 0;
  let courses = startsCache.get(deps.db);
  if (!courses) {
    courses = new Map();
    startsCache.set(deps.db, courses);
  }
  let entry = courses.get(courseId);
  if (!entry || entry.version !== version) {
    entry = { version, topics: new Map() };
    courses.set(courseId, entry);
  }
  const starts = new Map<string, string[]>();
  for (const topicId of topicIds) {
    let ids = entry.topics.get(topicId);
    if (!ids) {
      ids = await topicStrideStarts(deps.db, topicId);
      entry.topics.set(topicId, ids);
    }
    starts.set(topicId, ids);
  }
  return starts;
}

export interface Midterm {
  courseId: string;
  seed: string;
  totalPoints: number;
  estimatedMinutes: number;
  questions: Array<{
    number: number;
    points: number;
    question: Omit<QuestionWithSolution, 'answer' | 'solutionSteps'>;
  }>;
  answerKey: Array<{ number: number; questionId: string; answer: string; solutionSteps: string[] }>;
}

/** A practice midterm (3 credits); the same seed gives the same midterm, and asking again for it is free. */
export async function createMidterm(
  deps: ServiceDeps,
  input: { userId: string; courseId: string; seed?: string | number | undefined },
): Promise<{ midterm: Midterm; charged: number }> {
  const course = await requireCourse(deps, input.courseId);
  const seed = input.seed === undefined ? Math.floor(deps.random() * 2 ** 32).toString(36) : String(input.seed);
  const shape = await loadMidtermShape(deps.db, course.id);
  // The bank is sampled with its own random stream, so the generator's draws depend on the seed alone.
  const pool = await loadMidtermPool(deps.db, {
    starts: await windowStarts(deps, course.id, [...shape.topicWeights.keys()]),
    random: seededRandom(hashSeed(`${course.id}:${seed}:pool`)),
  });
  if (pool.length === 0 || shape.questionCount === 0) throw notFound(`Past midterms for "${course.id}"`);

  const drawn = generateMidterm(pool, shape, seededRandom(hashSeed(`${course.id}:${seed}`)));
  // Patterns whose originals the student has all seen get a fresh variant, drawn from the midterm's seed.
  const questionIds = await drawVariants(deps, {
    userId: input.userId,
    questionIds: drawn.map((g) => g.questionId),
    seed: `midterm:${course.id}:${seed}`,
  });
  const generated = drawn.map((g, i) => ({ ...g, questionId: questionIds[i]! }));
  const { charged } = await unlockWithCredits(deps, {
    userId: input.userId,
    type: 'midterm',
    resourceIds: [`${course.id}:${seed}`],
    price: (n) => n * MIDTERM_PRICE,
    description: `Practice midterm for ${course.name} (seed ${seed})`,
  });

  const rows = new Map(
    (
      await findQuestions(
        deps.db,
        generated.map((g) => g.questionId),
      )
    ).map((r) => [r.id, r]),
  );
  const questions = generated.map((g) => {
    const { answer: _a, solutionSteps: _s, ...question } = toQuestionWithSolution(rows.get(g.questionId)!);
    return { number: g.number, points: g.points, question };
  });
  const answerKey = generated.map((g) => {
    const full = toQuestionWithSolution(rows.get(g.questionId)!);
    return { number: g.number, questionId: g.questionId, answer: full.answer, solutionSteps: full.solutionSteps };
  });
  return {
    midterm: {
      courseId: course.id,
      seed,
      totalPoints: generated.reduce((s, g) => s + g.points, 0),
      estimatedMinutes: questions.reduce((s, q) => s + (q.question.estimatedTime ?? 0), 0),
      questions,
      answerKey,
    },
    charged,
  };
}
