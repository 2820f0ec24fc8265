import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api, call } from '../../lib/api/client';
import { useSessionToken } from '../../lib/use-session';

/** "" is every exam; the API's exam types otherwise. */
export type ExamScope = '' | 'midterm' | 'final';
export const EXAM_SCOPES = [
  { value: '', label: 'All exams' },
  { value: 'midterm', label: 'Midterms' },
  { value: 'final', label: 'Finals' },
] as const satisfies readonly { value: ExamScope; label: string }[];

/** The exam-type switch lives in the address (?examType=final), so a scoped view is a link one can share. */
export function useExamScope(): [ExamScope, (scope: ExamScope) => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.get('examType');
  const scope: ExamScope = raw === 'midterm' || raw === 'final' ? raw : '';
  const setScope = (next: ExamScope) =>
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        if (next) updated.set('examType', next);
        else updated.delete('examType');
        return updated;
      },
      { replace: true },
    );
  return [scope, setScope];
}

/** Ranked weak topics. A POST because it can fold in diagnostic answers; without them it reads and changes nothing. */
export function useWeakTopics(courseId: string, scope: ExamScope) {
  const token = useSessionToken();
  return useQuery({
    queryKey: ['assessment', 'weak-topics', courseId, scope, token],
    queryFn: () =>
      call(api.POST('/api/assessment/weak-topics', { body: { courseId, ...(scope ? { examType: scope } : {}) } })),
  });
}

export function useReviewQueue(courseId: string, scope: ExamScope) {
  const token = useSessionToken();
  return useQuery({
    queryKey: ['assessment', 'review', courseId, scope, token],
    queryFn: () =>
      call(
        api.GET('/api/assessment/review', {
          params: { query: { courseId, limit: 50, ...(scope ? { examType: scope } : {}) } },
        }),
      ),
  });
}

export const percent = (share: number) => `${Math.round(share * 100)}%`;
