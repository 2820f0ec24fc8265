import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../lib/api/client';
import { useSessionToken } from '../../lib/use-session';

export const courseKey = (courseId: string, token: string | null) => ['course', courseId, token] as const;

/** The course with its topics, and with a session the student's enrolment and mastery. */
export function useCourse(courseId: string) {
  const token = useSessionToken();
  return useQuery({
    queryKey: courseKey(courseId, token),
    queryFn: () => call(api.GET('/api/courses/{id}', { params: { path: { id: courseId } } })),
  });
}

export function useRefreshCourse(courseId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['course', courseId] });
}

export type ExamScope = '' | 'midterm' | 'final';
export const analysisKey = (courseId: string, scope: ExamScope) => ['course', courseId, 'analysis', scope] as const;

/** Courses whose analysis this browser has seen unlocked (the API charges only the first time; there is no probe). */
const UNLOCKED = 'pathwise.analysisUnlocked';
export function rememberedUnlock(userId: string | undefined, courseId: string): boolean {
  if (!userId) return false;
  try {
    return (JSON.parse(localStorage.getItem(UNLOCKED) ?? '[]') as string[]).includes(`${userId}:${courseId}`);
  } catch {
    return false;
  }
}
export function rememberUnlock(userId: string, courseId: string): void {
  try {
    const list = JSON.parse(localStorage.getItem(UNLOCKED) ?? '[]') as string[];
    if (!list.includes(`${userId}:${courseId}`)) list.push(`${userId}:${courseId}`);
    localStorage.setItem(UNLOCKED, JSON.stringify(list));
  } catch {
    // nothing remembered: the next visit asks again (and is not charged again)
  }
}
