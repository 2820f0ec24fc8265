import { fromJson, toBool } from '../../db/schema.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/http/errors.js';
import { validationError } from '../../platform/http/router.js';
import { analysisFor } from '../analysis/analysis.service.js';
import type { ExamType } from '../analysis/compute-analysis.js';
import { listOptions } from '../attempts/attempts.service.js';
import { type AnswerSpec, gradeFreeResponse, gradeOption } from '../attempts/grade-submission.js';
import { listTopics, requireCourse } from '../courses/courses.service.js';
import { listCourseProgress } from '../progress/progress.service.js';
import { drawVariants } from '../variants/draw-variants.js';
import * as repo from './assessment.repo.js';
import { defaultBkt, type Evidence, expectedPointsLost, MASTERED, updateMastery } from './mastery.js';
import { retrievability, stateNames } from './review-schedule.js';

// What other modules use of this module's storage: they come here, never to the repository itself.
export {
  findPatternMastery,
  findTopicMastery,
  listTopicMastery,
  patternMasteryUnchanged,
  topicMasteryUnchanged,
  upsertPatternMasteryQuery,
  upsertTopicMasteryQuery,
} from './assessment.repo.js';

const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits;
const percent = (n: number) => `${Math.round(n * 100)}%`;

export interface DiagnosticResponse {
  questionId: string;
  answer?: string | undefined;
  optionId?: string | undefined;
}

export interface PracticeQuestion {
  id: string;
  patternId: string | null;
  difficulty: number | null;
  questionText: string;
  formats: Array<'free' | 'mcq'>;
}

export interface WeakTopic {
  rank: number;
  topicId: string;
  name: string;
  mastery: number;
  evidence: number;
  mastered: boolean;
  frequency: number;
  avgPoints: number;
  expectedPointsLost: number;
  reason: string;
  commonMistakes: Array<{ outcome: string; count: number }>;
  patterns: Array<{ patternId: string; name: string; mastery: number; evidence: number }>;
  nextQuestions: PracticeQuestion[];
}

export interface WeakTopicsResult {
  courseId: string;
  examType: ExamType | null;
  model: {
    name: 'bayesian-knowledge-tracing';
    prior: number;
    learn: number;
    slip: number;
    guessFree: number;
    guessMcq: number;
  };
  diagnostics: Array<{ questionId: string; correct: boolean; outcome: string }>;
  topics: WeakTopic[];
}

type Estimate = { estimate: number; evidence: number };

/** Grades diagnostic responses as first tries; they are folded into the estimates in memory and never stored. */
async function gradeDiagnostics(deps: ServiceDeps, courseId: string, responses: DiagnosticResponse[]) {
  const questions = new Map(
    (await repo.findQuestionsByIds(deps.db, [...new Set(responses.map((r) => r.questionId))])).map((q) => [q.id, q]),
  );
  const graded: Array<{
    questionId: string;
    topicId: string;
    patternId: string | null;
    evidence?: Evidence;
    outcome: string;
    correct: boolean;
  }> = [];
  for (const [i, response] of responses.entries()) {
    const question = questions.get(response.questionId);
    if (!question || question.course_id !== courseId) {
      throw validationError([{ field: `responses.${i}.questionId`, message: `is not a question of ${courseId}` }]);
    }
    let grade: ReturnType<typeof gradeOption>;
    const mode = response.optionId !== undefined ? 'mcq' : 'free';
    if (response.optionId !== undefined) {
      const option = (await listOptions(deps.db, question.id)).find((o) => o.id === response.optionId);
      if (!option)
        throw validationError([{ field: `responses.${i}.optionId`, message: 'is not an option of this question' }]);
      grade = gradeOption(option);
    } else {
      grade = gradeFreeResponse(fromJson<AnswerSpec>(question.answer_spec), response.answer ?? '', {
        logger: deps.logger,
        questionId: question.id,
      });
      if (grade.outcome === 'unparsable') {
        throw new AppError('unparsable_answer', `responses.${i}.answer: ${grade.feedback}`, {
          details: {
            field: `responses.${i}.answer`,
            message: grade.parseError?.message ?? 'the answer could not be read',
            position: grade.parseError?.position ?? null,
          },
        });
      }
    }
    graded.push({
      questionId: question.id,
      topicId: question.topic_id,
      patternId: question.pattern_id,
      outcome: grade.outcome,
      correct: grade.correct,
      ...(grade.outcome === 'grading_error' ? {} : { evidence: { correct: grade.correct, weight: 1, mode } }),
    });
  }
  return graded;
}

/** Picks up to `count` questions to practise, one per pattern first, weakest patterns and unsolved questions first. */
function pickPractice(
  candidates: Awaited<ReturnType<typeof repo.listCourseQuestions>>,
  patternMastery: (patternId: string | null) => number,
  patternRate: Map<string, number>,
  progress: Map<string, { correct: number }>,
  count: number,
): PracticeQuestion[] {
  const ranked = [...candidates].sort(
    (a, b) =>
      Number((progress.get(a.id)?.correct ?? 0) > 0) - Number((progress.get(b.id)?.correct ?? 0) > 0) ||
      patternMastery(a.pattern_id) - patternMastery(b.pattern_id) ||
      Number(progress.has(a.id)) - Number(progress.has(b.id)) ||
      (patternRate.get(b.pattern_id ?? '') ?? 0) - (patternRate.get(a.pattern_id ?? '') ?? 0) ||
      a.id.localeCompare(b.id),
  );
  const picked: typeof ranked = [];
  const patterns = new Set<string | null>();
  for (const q of ranked) {
    if (picked.length >= count) break;
    if (patterns.has(q.pattern_id)) continue;
    picked.push(q);
    patterns.add(q.pattern_id);
  }
  for (const q of ranked) {
    if (picked.length >= count) break;
    if (!picked.includes(q)) picked.push(q);
  }
  return picked.map((q) => ({
    id: q.id,
    patternId: q.pattern_id,
    difficulty: q.difficulty,
    questionText: q.question_text,
    formats: toBool(q.has_options as boolean | number) ? ['free', 'mcq'] : ['free'],
  }));
}

export const NEXT_QUESTIONS = 3;

/**
 * Topics ranked by the points the caller can expect to lose on the next exam: (1 - mastery) x how often the topic
 * appeared on past exams x its average points. Mastery comes from the caller's attempts (Bayesian Knowledge Tracing,
 * see mastery.ts), with optional diagnostic responses folded in on top, unstored.
 */
export async function assessWeakTopics(
  deps: ServiceDeps,
  input: {
    userId: string;
    courseId: string;
    examType?: ExamType | undefined;
    responses?: DiagnosticResponse[] | undefined;
  },
): Promise<WeakTopicsResult> {
  const course = await requireCourse(deps, input.courseId);
  // How often and for how much a topic is asked: on every past exam, or on the kind being prepared for.
  const scoped = input.examType
    ? new Map((await analysisFor(deps, course, input.examType)).topics.map((t) => [t.topicId, t]))
    : undefined;
  const [topics, patterns, questions, topicRows, patternRows, progressRows, wrongOutcomes] = await Promise.all([
    listTopics(deps.db, course.id),
    repo.listCoursePatterns(deps.db, course.id),
    repo.listCourseQuestions(deps.db, course.id),
    repo.listTopicMastery(deps.db, input.userId, course.id),
    repo.listPatternMastery(deps.db, input.userId, course.id),
    listCourseProgress(deps.db, input.userId, course.id),
    repo.countWrongOutcomes(deps.db, input.userId, course.id),
  ]);
  const topicEstimates = new Map<string, Estimate>(
    topicRows.map((r) => [r.topic_id, { estimate: r.estimate, evidence: r.attempts }]),
  );
  const patternEstimates = new Map<string, Estimate>(
    patternRows.map((r) => [r.pattern_id, { estimate: r.estimate, evidence: r.attempts }]),
  );

  const diagnostics = await gradeDiagnostics(deps, course.id, input.responses ?? []);
  const diagnosticCount = new Map<string, number>();
  const fold = (map: Map<string, Estimate>, key: string, evidence: Evidence) => {
    const current = map.get(key) ?? { estimate: defaultBkt.prior, evidence: 0 };
    map.set(key, { estimate: updateMastery(current.estimate, evidence), evidence: current.evidence + 1 });
  };
  for (const d of diagnostics) {
    if (!d.evidence) continue;
    fold(topicEstimates, d.topicId, d.evidence);
    if (d.patternId) fold(patternEstimates, d.patternId, d.evidence);
    diagnosticCount.set(d.topicId, (diagnosticCount.get(d.topicId) ?? 0) + 1);
  }

  const progress = new Map(progressRows.map((p) => [p.question_id, { correct: p.correct }]));
  const patternRate = new Map(patterns.map((p) => [p.id, p.appearance_rate ?? 0]));
  const patternMastery = (id: string | null) => (id ? (patternEstimates.get(id)?.estimate ?? defaultBkt.prior) : 1);
  const mistakesByTopic = new Map<string, Array<{ outcome: string; count: number }>>();
  for (const row of wrongOutcomes) {
    const list = mistakesByTopic.get(row.topic_id) ?? [];
    list.push({ outcome: row.outcome, count: Number(row.n) });
    mistakesByTopic.set(row.topic_id, list);
  }

  const ranked = topics
    .map((topic) => {
      const est = topicEstimates.get(topic.id) ?? { estimate: defaultBkt.prior, evidence: 0 };
      const frequency = scoped ? (scoped.get(topic.id)?.frequency ?? 0) : (topic.frequency_score ?? 0);
      const avgPoints = scoped ? (scoped.get(topic.id)?.avgPoints ?? 0) : (topic.avg_points ?? 0);
      const lost = expectedPointsLost(est.estimate, frequency, avgPoints);
      const commonMistakes = (mistakesByTopic.get(topic.id) ?? [])
        .sort((a, b) => b.count - a.count || a.outcome.localeCompare(b.outcome))
        .slice(0, 3);
      const topicPatterns = patterns
        .filter((p) => p.topic_id === topic.id)
        .map((p) => ({
          patternId: p.id,
          name: p.name,
          mastery: round(patternMastery(p.id)),
          evidence: patternEstimates.get(p.id)?.evidence ?? 0,
        }))
        .sort((a, b) => a.mastery - b.mastery || a.patternId.localeCompare(b.patternId));
      return {
        topic,
        est,
        frequency,
        avgPoints,
        lost,
        commonMistakes,
        patterns: topicPatterns,
        reason: reasonFor({
          kind: input.examType ? `${input.examType}s` : 'exams',
          mastery: est.estimate,
          evidence: est.evidence,
          diagnostics: diagnosticCount.get(topic.id) ?? 0,
          frequency,
          avgPoints,
          lost,
          mistake: commonMistakes[0],
          weakestPattern: topicPatterns.find((p) => p.evidence > 0 && p.mastery < MASTERED),
        }),
      };
    })
    .sort((a, b) => b.lost - a.lost || a.est.estimate - b.est.estimate || a.topic.position - b.topic.position);

  return {
    courseId: course.id,
    examType: input.examType ?? null,
    model: { name: 'bayesian-knowledge-tracing', ...defaultBkt },
    diagnostics: diagnostics.map((d) => ({ questionId: d.questionId, correct: d.correct, outcome: d.outcome })),
    topics: ranked.map((r, i) => ({
      rank: i + 1,
      topicId: r.topic.id,
      name: r.topic.name,
      mastery: round(r.est.estimate),
      evidence: r.est.evidence,
      mastered: r.est.estimate >= MASTERED,
      frequency: r.frequency,
      avgPoints: r.avgPoints,
      expectedPointsLost: round(r.lost, 2),
      reason: r.reason,
      commonMistakes: r.commonMistakes,
      patterns: r.patterns,
      nextQuestions: pickPractice(
        questions.filter((q) => q.topic_id === r.topic.id),
        patternMastery,
        patternRate,
        progress,
        NEXT_QUESTIONS,
      ),
    })),
  };
}

/** An outcome code as the sentence says it: exam mode's `unanswered` as the web says it, others without underscores. */
const mistakeInWords = (outcome: string) => (outcome === 'unanswered' ? 'not answered' : outcome.replace(/_/g, ' '));

function reasonFor(r: {
  /** What the statistics are over: "exams", "midterms" or "finals". */
  kind: string;
  mastery: number;
  evidence: number;
  diagnostics: number;
  frequency: number;
  avgPoints: number;
  lost: number;
  mistake: { outcome: string; count: number } | undefined;
  weakestPattern: { name: string; mastery: number } | undefined;
}): string {
  const parts: string[] = [];
  if (r.evidence === 0) parts.push(`no attempts yet, so mastery is the starting estimate of ${percent(r.mastery)}`);
  else {
    const diag = r.diagnostics > 0 ? ` (${r.diagnostics} from this diagnostic)` : '';
    parts.push(`mastery ${percent(r.mastery)} from ${r.evidence} graded answer${r.evidence === 1 ? '' : 's'}${diag}`);
  }
  if (r.mistake) parts.push(`most frequent mistake: ${mistakeInWords(r.mistake.outcome)} (${r.mistake.count}×)`);
  if (r.weakestPattern) parts.push(`weakest pattern: ${r.weakestPattern.name} (${percent(r.weakestPattern.mastery)})`);
  parts.push(
    r.frequency === 0
      ? `it has not appeared on past ${r.kind}`
      : `it appeared on ${percent(r.frequency)} of past ${r.kind}, worth ${r.avgPoints} points on average`,
  );
  // From the 2-decimal figure the API returns as expectedPointsLost, so the sentence and the number the web shows
  // beside it round alike (5.749… read "about 5.7" under "≈ 5.8" for 5.75).
  parts.push(`about ${round(round(r.lost, 2), 1)} points at stake`);
  const text = parts.join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

export interface DueReview {
  patternId: string;
  patternName: string;
  topicId: string;
  topicName: string;
  due: string;
  state: 'new' | 'learning' | 'review' | 'relearning';
  reps: number;
  lapses: number;
  stability: number;
  retrievability: number;
  mastery: number;
  mastered: boolean;
  question: PracticeQuestion | null;
}

/**
 * Patterns due for spaced re-review now (ts-fsrs schedules, see review-schedule.ts), each with a question to practise:
 * one of the pattern's questions the caller has not seen, or saw longest ago.
 */
export async function listDueReviews(
  deps: ServiceDeps,
  input: { userId: string; courseId: string; limit: number; examType?: ExamType | undefined },
): Promise<{ courseId: string; now: string; dueCount: number; nextDueAt: string | null; reviews: DueReview[] }> {
  const course = await requireCourse(deps, input.courseId);
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  // Preparing for one kind of exam: only the patterns of topics that kind of exam asks about.
  const topics = input.examType
    ? (await analysisFor(deps, course, input.examType)).topics.filter((t) => t.examsAppeared > 0).map((t) => t.topicId)
    : undefined;
  const [due, dueCount, nextDueAt, questions, progressRows] = await Promise.all([
    repo.listDuePatterns(deps.db, input.userId, course.id, nowIso, input.limit, topics),
    repo.countDuePatterns(deps.db, input.userId, course.id, nowIso, topics),
    repo.nextDueAfter(deps.db, input.userId, course.id, nowIso, topics),
    repo.listCourseQuestions(deps.db, course.id),
    listCourseProgress(deps.db, input.userId, course.id),
  ]);
  const lastSeen = new Map(progressRows.map((p) => [p.question_id, p.last_seen_at]));
  const reviews = due.map((row): DueReview => {
    const question = questions
      .filter((q) => q.pattern_id === row.pattern_id)
      .sort(
        (a, b) =>
          (lastSeen.get(a.id) ?? '').localeCompare(lastSeen.get(b.id) ?? '') ||
          (a.difficulty ?? 3) - (b.difficulty ?? 3) ||
          a.id.localeCompare(b.id),
      )[0];
    return {
      patternId: row.pattern_id,
      patternName: row.pattern_name,
      topicId: row.topic_id,
      topicName: row.topic_name,
      due: row.due ?? nowIso,
      state: stateNames[row.state] ?? 'new',
      reps: row.reps,
      lapses: row.lapses,
      stability: round(row.stability),
      retrievability: round(retrievability(row, now)),
      mastery: round(row.estimate),
      mastered: row.estimate >= MASTERED,
      question: question
        ? {
            id: question.id,
            patternId: question.pattern_id,
            difficulty: question.difficulty,
            questionText: question.question_text,
            formats: toBool(question.has_options as boolean | number) ? ['free', 'mcq'] : ['free'],
          }
        : null,
    };
  });
  return { courseId: course.id, now: nowIso, dueCount, nextDueAt, reviews: await withVariants(deps, input, reviews) };
}

/**
 * A due pattern whose originals the caller has all seen is practised on a generated variant (drawVariants). The seed
 * is fixed: a variant stays the pattern's review question until the caller attempts it, then the next one is drawn.
 */
async function withVariants(
  deps: ServiceDeps,
  input: { userId: string; courseId: string },
  reviews: DueReview[],
): Promise<DueReview[]> {
  const picked = reviews.map((r) => r.question?.id).filter((id): id is string => id !== undefined);
  if (picked.length === 0) return reviews;
  const drawn = await drawVariants(deps, { userId: input.userId, questionIds: picked, seed: 'review' });
  const swapped = new Map(picked.map((id, i) => [id, drawn[i]!] as const).filter(([from, to]) => from !== to));
  if (swapped.size === 0) return reviews;
  const rows = new Map(
    (await repo.listCourseQuestions(deps.db, input.courseId, [...swapped.values()])).map((q) => [q.id, q]),
  );
  return reviews.map((r) => {
    const variant = r.question ? rows.get(swapped.get(r.question.id) ?? '') : undefined;
    if (!variant) return r;
    return {
      ...r,
      question: {
        id: variant.id,
        patternId: variant.pattern_id,
        difficulty: variant.difficulty,
        questionText: variant.question_text,
        formats: toBool(variant.has_options as boolean | number) ? ['free', 'mcq'] : ['free'],
      },
    };
  });
}
