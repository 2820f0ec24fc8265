import { fromJson, toBool } from '../../db/schema.js';
import { hashSeed, seededRandom } from '../../platform/ids.js';
import { shuffled } from '../../platform/random.js';
import { feedbackFor, type OutcomeCode, outcomeCodes } from '../grading/index.js';
import { type QuestionSummary, toQuestionSummary } from '../questions/questions.mapper.js';
import type { GeneratedExamType } from './blueprint.js';
import type { ExamQuestionRow, ExamRow } from './exam-mode.repo.js';

export type ExamStatus = 'ready' | 'in_progress' | 'submitted';

/** How an exam question was answered and marked (only once the exam is submitted). */
export interface ExamQuestionResult {
  answer: string | null;
  optionId: string | null;
  outcome: string;
  correct: boolean;
  score: number;
  feedback: string;
}

export interface ExamQuestionView {
  number: number;
  points: number;
  question: QuestionSummary;
  formats: Array<'free' | 'mcq'>;
  /** Multiple choice: the options in this exam's order, without which is right. */
  options: Array<{ id: string; text: string }> | null;
  result: ExamQuestionResult | null;
  /** The worked solution, unlocked by the submission. */
  solution: { answer: string; solutionSteps: string[] } | null;
}

export interface ExamSummary {
  id: string;
  courseId: string;
  examType: GeneratedExamType;
  seed: string;
  status: ExamStatus;
  totalPoints: number;
  durationMinutes: number;
  createdAt: string;
  startedAt: string | null;
  dueAt: string | null;
  submittedAt: string | null;
  /** Milliseconds past the due time at submission; 0 when on time, null before submission. */
  lateMs: number | null;
  score: number | null;
}

export interface ExamView extends ExamSummary {
  estimatedMinutes: number;
  questions: ExamQuestionView[];
}

export function examStatus(exam: Pick<ExamRow, 'started_at' | 'submitted_at'>): ExamStatus {
  if (exam.submitted_at !== null) return 'submitted';
  return exam.started_at !== null ? 'in_progress' : 'ready';
}

export function toExamSummary(exam: ExamRow): ExamSummary {
  return {
    id: exam.id,
    courseId: exam.course_id,
    examType: exam.exam_type,
    seed: exam.seed,
    status: examStatus(exam),
    totalPoints: exam.total_points,
    durationMinutes: exam.duration_minutes,
    createdAt: exam.created_at,
    startedAt: exam.started_at,
    dueAt: exam.due_at,
    submittedAt: exam.submitted_at,
    lateMs: exam.late_ms === null ? null : Number(exam.late_ms),
    score: exam.score,
  };
}

interface OptionRow {
  id: string;
  question_id: string;
  text: string;
  mistake: string | null;
}

/** The feedback for a stored outcome (the grader's code, a distractor's mistake, or no answer). */
function feedbackForStored(outcome: string, option: OptionRow | undefined): string {
  if (outcome === 'unanswered') return 'No answer was given.';
  if (outcome === 'mcq_distractor' && option?.mistake) {
    return `Not correct. This choice comes from a common mistake: ${option.mistake.replace(/\.$/, '')}.`;
  }
  return (outcomeCodes as readonly string[]).includes(outcome)
    ? feedbackFor(outcome as OutcomeCode)
    : feedbackFor('incorrect');
}

/**
 * An exam as its student sees it. Before submission: questions, points and options, never an answer, a step or which
 * option is right. After: each question's result and its worked solution.
 */
export function toExamView(exam: ExamRow, questions: ExamQuestionRow[], options: OptionRow[]): ExamView {
  const submitted = exam.submitted_at !== null;
  const byQuestion = new Map<string, OptionRow[]>();
  for (const o of options) byQuestion.set(o.question_id, [...(byQuestion.get(o.question_id) ?? []), o]);
  return {
    ...toExamSummary(exam),
    estimatedMinutes: questions.reduce((s, q) => s + (q.estimated_time ?? 0), 0),
    questions: questions.map((q) => {
      const own = byQuestion.get(q.id) ?? [];
      // Shuffled per exam and question, the same on every read: the authored order often puts the answer first.
      const order = own.length > 0 ? shuffled(own, seededRandom(hashSeed(`${exam.id}:${q.id}`))) : null;
      return {
        number: q.number,
        points: q.points,
        question: toQuestionSummary(q),
        formats: own.length > 0 ? ['free', 'mcq'] : ['free'],
        options: order ? order.map((o) => ({ id: o.id, text: o.text })) : null,
        result:
          submitted && q.outcome !== null
            ? {
                answer: q.given_answer,
                optionId: q.given_option_id,
                outcome: q.outcome,
                correct: q.given_correct !== null && toBool(q.given_correct),
                score: q.score ?? 0,
                feedback: feedbackForStored(
                  q.outcome,
                  own.find((o) => o.id === q.given_option_id),
                ),
              }
            : null,
        solution: submitted ? { answer: q.answer, solutionSteps: fromJson<string[]>(q.solution_steps) } : null,
      };
    }),
  };
}
