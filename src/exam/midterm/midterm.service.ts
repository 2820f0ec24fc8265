import { unlockWithCredits } from '../../platform/credits/credits.service.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { notFound } from '../../platform/http/errors.js';
import { hashSeed, newId, seededRandom } from '../../platform/ids.js';
import { courseCache } from '../courses/course-cache.js';
import { courseDataVersion, requireCourse } from '../courses/courses.service.js';
import { drawVariants } from '../variants/draw-variants.js';
import { blueprints, type GeneratedExamType } from './blueprint.js';
import { findExamBySeed, insertExamStatements } from './exam-mode.repo.js';
import { loadExamView } from './exam-mode.service.js';
import type { ExamView } from './exam-view.js';
import { type GeneratedQuestion, generateMidterm } from './generate-midterm.js';
import { loadExamShape, loadMidtermPool, topicStrideStarts } from './midterm.repo.js';

/** Where sampling windows may start, per topic (derived data: each process computes its own, once per version). */
const startsCache = courseCache<Map<string, string[]>>();

async function windowStarts(deps: ServiceDeps, courseId: string, topicIds: string[]): Promise<Map<string, string[]>> {
  const version = (await courseDataVersion(deps.db, courseId)) ?? 0;
  const known = startsCache.get(deps.db, courseId, version) ?? startsCache.set(deps.db, courseId, version, new Map());
  const starts = new Map<string, string[]>();
  for (const topicId of topicIds) {
    let ids = known.get(topicId);
    if (!ids) {
      ids = await topicStrideStarts(deps.db, topicId);
      known.set(topicId, ids);
    }
    starts.set(topicId, ids);
  }
  return starts;
}

/**
 * The one place an exam's questions are chosen: shaped like the course's real exams of the type, drawn from the bank
 * with random streams that depend on the course, type and seed alone (the same seed gives the same exam).
 */
export async function selectExamQuestions(
  deps: ServiceDeps,
  input: { courseId: string; examType: GeneratedExamType; seed: string },
): Promise<GeneratedQuestion[]> {
  const shape = await loadExamShape(deps.db, input.courseId, input.examType);
  // Midterm seeds keep the streams they always had, so a seed generated before finals existed gives the same exam.
  const key =
    input.examType === 'midterm' ? `${input.courseId}:${input.seed}` : `${input.courseId}:final:${input.seed}`;
  // The bank is sampled with its own random stream, so the generator's draws depend on the seed alone.
  const pool = await loadMidtermPool(deps.db, {
    starts: await windowStarts(deps, input.courseId, [...shape.topicWeights.keys()]),
    random: seededRandom(hashSeed(`${key}:pool`)),
  });
  if (pool.length === 0 || shape.questionCount === 0) throw notFound(`Past ${input.examType}s for "${input.courseId}"`);
  return generateMidterm(pool, shape, seededRandom(hashSeed(key)));
}

/**
 * A practice midterm or final (3 credits), stored for its student and returned without answers or steps: they come
 * with the results once it is submitted. Asking again for the same course, type and seed returns the same stored exam,
 * free.
 */
export async function createMidterm(
  deps: ServiceDeps,
  input: {
    userId: string;
    courseId: string;
    seed?: string | number | undefined;
    examType?: GeneratedExamType | undefined;
  },
): Promise<{ midterm: ExamView; charged: number }> {
  const course = await requireCourse(deps, input.courseId);
  const examType = input.examType ?? 'midterm';
  const blueprint = blueprints[examType];
  const seed = input.seed === undefined ? Math.floor(deps.random() * 2 ** 32).toString(36) : String(input.seed);
  const key = { userId: input.userId, courseId: course.id, examType, seed };

  const stored = await findExamBySeed(deps.db, key);
  if (stored) return { midterm: await loadExamView(deps, stored), charged: 0 };

  const drawn = await selectExamQuestions(deps, { courseId: course.id, examType, seed });
  // Patterns whose originals the student has all seen get a fresh variant, drawn from the exam's seed.
  const variantIds = await drawVariants(deps, {
    userId: input.userId,
    questionIds: drawn.map((g) => g.questionId),
    seed: `${examType}:${course.id}:${seed}`,
  });
  const generated = drawn.map((g, i) => ({ ...g, questionId: variantIds[i] ?? g.questionId }));
  const { charged } = await unlockWithCredits(deps, {
    userId: input.userId,
    type: 'midterm',
    // Midterms keep their historical resource id, so an exam paid for before exam mode is not charged again.
    resourceIds: [examType === 'midterm' ? `${course.id}:${seed}` : `${course.id}:final:${seed}`],
    price: (n) => n * blueprint.price,
    description: `Practice ${examType} for ${course.name} (seed ${seed})`,
  });
  await deps.atomic(
    insertExamStatements(deps.db, {
      id: newId(),
      ...key,
      totalPoints: generated.reduce((s, g) => s + g.points, 0),
      durationMinutes: blueprint.durationMinutes,
      nowIso: deps.clock.now().toISOString(),
      questions: generated.map((g) => ({ number: g.number, questionId: g.questionId, points: g.points })),
    }),
  );
  // A concurrent request for the same seed may have stored it first: either way this is the one exam.
  const exam = await findExamBySeed(deps.db, key);
  if (!exam) throw new Error(`generated exam ${course.id}:${examType}:${seed} was not stored`);
  return { midterm: await loadExamView(deps, exam), charged };
}
