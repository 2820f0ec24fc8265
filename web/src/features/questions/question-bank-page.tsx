import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { MathText } from '../../components/math-text';
import { Page } from '../../components/page';
import { EmptyState, ErrorState, Spinner } from '../../components/states';
import { api, call } from '../../lib/api/client';
import { useCourse } from '../course/course-api';

const FILTERS = ['topicId', 'difficulty', 'year', 'examType', 'patternId'] as const;
const PAGE = 20;

/** The filters of GET /api/questions, kept in the URL so a filtered list is a link. */
function useFilters() {
  const [params, setParams] = useSearchParams();
  const value = (name: (typeof FILTERS)[number]) => params.get(name) ?? '';
  const set = (name: (typeof FILTERS)[number], next: string) => {
    const copy = new URLSearchParams(params);
    if (next) copy.set(name, next);
    else copy.delete(name);
    setParams(copy, { replace: true });
  };
  return { value, set };
}

const numberOrUndefined = (text: string) => (text && Number.isFinite(Number(text)) ? Number(text) : undefined);

function useTopics(courseId: string) {
  return useQuery({
    queryKey: ['course', courseId, 'topics'],
    queryFn: () => call(api.GET('/api/courses/{id}/topics', { params: { path: { id: courseId } } })),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export default function QuestionBankPage() {
  const { courseId = '' } = useParams();
  const filters = useFilters();
  const id = useId();
  const topics = useTopics(courseId);
  const course = useCourse(courseId);
  const query = {
    courseId,
    limit: PAGE,
    topicId: filters.value('topicId') || undefined,
    difficulty: numberOrUndefined(filters.value('difficulty')),
    year: numberOrUndefined(filters.value('year')),
    examType: filters.value('examType') || undefined,
    patternId: filters.value('patternId') || undefined,
  };
  const list = useInfiniteQuery({
    queryKey: ['questions', query],
    queryFn: ({ pageParam }) =>
      call(api.GET('/api/questions', { params: { query: { ...query, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

  // Infinite scroll: the next page loads when the end of the list comes into view (the button does the same).
  const sentinel = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  useEffect(() => {
    const element = sentinel.current;
    if (!element || !hasNextPage) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const questions = list.data?.pages.flatMap((p) => p.questions) ?? [];
  const topicName = new Map(topics.data?.topics.map((t) => [t.id, t.name]) ?? []);
  // The years the course has past exams for: any other year would list nothing.
  const years = course.data?.course.examYears ?? [];

  return (
    <Page title="Question bank" intro={<Link to={`/courses/${courseId}`}>Back to the course</Link>}>
      <form className="card filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={`${id}-topic`}>Topic</label>
          <select
            id={`${id}-topic`}
            value={filters.value('topicId')}
            onChange={(e) => filters.set('topicId', e.target.value)}
          >
            <option value="">All topics</option>
            {topics.data?.topics.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-difficulty`}>Difficulty</label>
          <select
            id={`${id}-difficulty`}
            value={filters.value('difficulty')}
            onChange={(e) => filters.set('difficulty', e.target.value)}
          >
            <option value="">Any</option>
            {[1, 2, 3, 4, 5].map((d) => (
              <option key={d} value={d}>
                {d} {d === 1 ? '(easiest)' : d === 5 ? '(hardest)' : ''}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-year`}>Year</label>
          <select id={`${id}-year`} value={filters.value('year')} onChange={(e) => filters.set('year', e.target.value)}>
            <option value="">Any year</option>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-type`}>Exam</label>
          <select
            id={`${id}-type`}
            value={filters.value('examType')}
            onChange={(e) => filters.set('examType', e.target.value)}
          >
            <option value="">Any exam</option>
            <option value="midterm">Midterms</option>
            <option value="final">Finals</option>
          </select>
        </div>
      </form>

      {list.error ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.isPending ? <Spinner label="Loading questions" /> : null}
      {!list.isPending && !list.error && questions.length === 0 ? (
        <EmptyState>No questions match these filters. Try fewer of them.</EmptyState>
      ) : null}
      <ol className="plain-list question-list" aria-label="Questions">
        {questions.map((q) => (
          <li key={q.id} className="card question-card">
            <Link to={`/questions/${encodeURIComponent(q.id)}`} className="question-card__link">
              <MathText source={q.questionText} />
            </Link>
            <p className="small muted question-card__meta">
              {[
                topicName.get(q.topicId),
                q.source.year ? `${q.source.examType ?? 'exam'} ${q.source.year}` : null,
                q.source.points ? `${q.source.points} points` : null,
                q.difficulty ? `difficulty ${q.difficulty}/5` : null,
              ]
                .filter(Boolean)
                .join(' · ')}
            </p>
          </li>
        ))}
      </ol>
      <div ref={sentinel} />
      {list.hasNextPage ? (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void list.fetchNextPage()}
          disabled={list.isFetchingNextPage}
        >
          {list.isFetchingNextPage ? 'Loading…' : 'Load more questions'}
        </button>
      ) : questions.length > 0 ? (
        <p className="small muted">That is every question matching these filters ({questions.length}).</p>
      ) : null}
    </Page>
  );
}
