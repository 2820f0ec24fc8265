import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, call } from '../../lib/api/client';
import { useSessionToken } from '../../lib/use-session';

export const myCoursesKey = ['me', 'courses'] as const;

export function useMyCourses() {
  const token = useSessionToken();
  return useQuery({
    queryKey: [...myCoursesKey, token],
    queryFn: () => call(api.GET('/api/me/courses')),
  });
}

/** The student's attempts, newest first, a page at a time over the API's cursor. */
export function useAttemptHistory(courseId: string, limit = 20) {
  const token = useSessionToken();
  return useInfiniteQuery({
    queryKey: ['me', 'attempts', courseId, limit, token],
    queryFn: ({ pageParam }) =>
      call(
        api.GET('/api/me/attempts', {
          params: {
            query: { limit, ...(courseId ? { courseId } : {}), ...(pageParam ? { cursor: pageParam } : {}) },
          },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
