import { toBool } from '../../db/schema.js';
import type { QuestionListingRow, QuestionWithSolutionRow } from './questions.repo.js';

export interface QuestionSummary {
  id: string;
  courseId: string;
  topicId: string;
  patternId: string | null;
  examId: string | null;
  questionText: string;
  techniques: string[];
  difficulty: number | null;
  difficultyReason: string | null;
  estimatedTime: number | null;
  answerKind: string;
  frequencyScore: number | null;
  /** A generated variant of its pattern (no past exam), or a question from a past exam. */
  isGenerated: boolean;
  source: { year: number | null; examType: string | null; questionNumber: number | null; points: number | null };
}

export interface QuestionWithSolution extends QuestionSummary {
  answer: string;
  solutionSteps: string[];
}

export function toQuestionSummary(row: QuestionListingRow): QuestionSummary {
  return {
    id: row.id,
    courseId: row.course_id,
    topicId: row.topic_id,
    patternId: row.pattern_id,
    examId: row.exam_id,
    questionText: row.question_text,
    techniques: row.techniques ? (JSON.parse(row.techniques) as string[]) : [],
    difficulty: row.difficulty,
    difficultyReason: row.difficulty_reason,
    estimatedTime: row.estimated_time,
    answerKind: row.answer_kind,
    frequencyScore: row.frequency_score,
    isGenerated: toBool(row.is_generated as boolean | number),
    source: {
      year: row.source_exam_year,
      examType: row.source_exam_type,
      questionNumber: row.source_question_number,
      points: row.source_points,
    },
  };
}

export function toQuestionWithSolution(row: QuestionWithSolutionRow): QuestionWithSolution {
  return {
    ...toQuestionSummary(row),
    answer: row.answer,
    solutionSteps: JSON.parse(row.solution_steps) as string[],
  };
}

/** How a student knows a question, for lines such as the credit history: where it was set, not its id. */
export function questionSource(
  row: Pick<QuestionListingRow, 'source_exam_year' | 'source_exam_type' | 'source_question_number'>,
): string {
  const { source_exam_year: year, source_exam_type: type, source_question_number: number } = row;
  if (year === null || type === null) return 'a practice question';
  return number === null ? `a question of the ${year} ${type}` : `question ${number} of the ${year} ${type}`;
}
