import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../lib/api/client';
import { useSessionToken } from '../../lib/use-session';

export type Exam = Schemas['GeneratedExam'];
export type ExamSummary = Schemas['GeneratedExamSummary'];
export type ExamQuestion = Exam['questions'][number];
export type ExamType = Exam['examType'];

/** Documented in docs/EXAM-MODE.md: a midterm and a final cost the same. */
export const EXAM_PRICE = 3;

export const examsKey = ['midterms'] as const;
export const examKey = (examId: string, token: string | null) => ['midterms', 'one', examId, token] as const;

export function useExam(examId: string) {
  const token = useSessionToken();
  return useQuery({
    queryKey: examKey(examId, token),
    queryFn: () => call(api.GET('/api/midterms/{id}', { params: { path: { id: examId } } })),
  });
}

/** The student's exams, newest first, a page at a time over the API's cursor. */
export function useExams(filter: { courseId?: string } = {}, limit = 20) {
  const token = useSessionToken();
  return useInfiniteQuery({
    queryKey: [...examsKey, 'list', filter.courseId ?? '', limit, token],
    queryFn: ({ pageParam }) =>
      call(
        api.GET('/api/midterms', {
          params: {
            query: {
              limit,
              ...(filter.courseId ? { courseId: filter.courseId } : {}),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Course names by id, for lists that span courses (the catalogue's own query and key, so it is read once). */
export function useCourseNames(): (courseId: string) => string {
  const courses = useQuery({ queryKey: ['courses'], queryFn: () => call(api.GET('/api/courses')) });
  const names = new Map(courses.data?.courses.map((c) => [c.id, c.name]) ?? []);
  return (courseId) => names.get(courseId) ?? courseId;
}

export const examTypeLabel = (type: ExamType) => (type === 'final' ? 'Final' : 'Midterm');

export const formatPoints = (points: number) =>
  new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(points);

export const formatWhen = (iso: string) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

/** "1 h 05 min", "12 min 30 s", "45 s": a duration as a student reads it. */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return `${hours} h ${String(minutes).padStart(2, '0')} min`;
  if (minutes > 0) return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
  return `${seconds} s`;
}

/** What a student has answered so far on one question, before the one submission. */
export interface DraftAnswer {
  mode: 'free' | 'mcq';
  answer: string;
  optionId: string;
}
export type Drafts = Record<number, DraftAnswer>;

/**
 * Drafts live in sessionStorage, per exam: a reload (or a crash of the tab's page) mid-exam keeps what was typed,
 * and nothing outlives the browser tab. The server keeps nothing before submission, as on paper.
 */
const draftsKey = (examId: string) => `pathwise.examDrafts.${examId}`;

export function loadDrafts(examId: string): Drafts {
  try {
    const stored = JSON.parse(sessionStorage.getItem(draftsKey(examId)) ?? '{}') as unknown;
    return stored && typeof stored === 'object' ? (stored as Drafts) : {};
  } catch {
    return {};
  }
}

export function saveDrafts(examId: string, drafts: Drafts): void {
  try {
    sessionStorage.setItem(draftsKey(examId), JSON.stringify(drafts));
  } catch {
    // storage full or refused: the answers stay on the page until it is left
  }
}

export function clearDrafts(examId: string): void {
  try {
    sessionStorage.removeItem(draftsKey(examId));
  } catch {
    // nothing to clear
  }
}

/** The answers to send: only questions with something in them (one left out is marked `unanswered`). */
export function answersToSubmit(exam: Exam, drafts: Drafts): Schemas['SubmitExamRequest']['answers'] {
  const answers: Schemas['SubmitExamRequest']['answers'] = [];
  for (const q of exam.questions) {
    const draft = drafts[q.number];
    if (!draft) continue;
    if (draft.mode === 'mcq' && q.options && draft.optionId)
      answers.push({ number: q.number, optionId: draft.optionId });
    else if (draft.mode === 'free' && draft.answer.trim() !== '')
      answers.push({ number: q.number, answer: draft.answer });
  }
  return answers;
}
