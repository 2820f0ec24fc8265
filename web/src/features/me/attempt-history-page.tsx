import { useId } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Page } from '../../components/page';
import { EmptyState, ErrorState, Spinner } from '../../components/states';
import type { Schemas } from '../../lib/api/client';
import { formatWhen, useCourseNames } from '../midterm/midterm-api';
import { outcomeInWords } from '../midterm/outcome-words';
import { useAttemptHistory, useMyCourses } from './me-api';

type Attempt = Schemas['AttemptHistoryEntry'];

/** How an attempt stands, in words and a badge's tone (exam attempts are closed by the submission). */
function standing(attempt: Attempt): { words: string; tone: string } {
  if (attempt.correct) return { words: 'Solved', tone: 'badge' };
  if (attempt.assisted) return { words: 'Solution revealed', tone: 'badge badge--warning' };
  if (attempt.examId) return { words: 'Not solved', tone: 'badge badge--danger' };
  if (attempt.tries > 0) return { words: 'Not solved yet', tone: 'badge badge--warning' };
  return { words: 'Not answered yet', tone: 'badge badge--neutral' };
}

function sourceOf(attempt: Attempt): string {
  if (attempt.source.generated) return 'a fresh variant';
  const type = attempt.source.examType ?? 'exam';
  return attempt.source.examYear ? `${type} ${attempt.source.examYear}` : `a past ${type}`;
}

function AttemptRow({ attempt, courseName }: { attempt: Attempt; courseName: string }) {
  const status = standing(attempt);
  return (
    <li className="card exam-row" data-testid="attempt">
      <div className="exam-row__what">
        <Link to={`/questions/${encodeURIComponent(attempt.questionId)}`} className="exam-row__title">
          {courseName}: question from {sourceOf(attempt)}
        </Link>
        <span className="small muted">
          {formatWhen(attempt.startedAt)} · {attempt.mode === 'mcq' ? 'multiple choice' : 'typed'} · {attempt.tries}{' '}
          {attempt.tries === 1 ? 'try' : 'tries'}
          {attempt.lastOutcome ? ` · last answer: ${outcomeInWords(attempt.lastOutcome).toLowerCase()}` : ''}
          {attempt.examId ? (
            <>
              {' · '}
              <Link to={`/exams/${encodeURIComponent(attempt.examId)}`}>on a practice exam</Link>
            </>
          ) : null}
        </span>
      </div>
      <span className={status.tone}>{status.words}</span>
    </li>
  );
}

/** Every attempt the student has made (practice and exams), newest first, a page at a time. */
export default function AttemptHistoryPage() {
  const id = useId();
  const [params, setParams] = useSearchParams();
  const courseId = params.get('courseId') ?? '';
  const history = useAttemptHistory(courseId);
  const myCourses = useMyCourses();
  const courseName = useCourseNames();
  const attempts = history.data?.pages.flatMap((p) => p.attempts) ?? [];
  return (
    <Page
      title="Your attempts"
      intro={
        <>
          Every question you have tried, newest first. <Link to="/me/courses">My courses</Link>
        </>
      }
    >
      <div className="stack">
        <div className="field filters--single">
          <label htmlFor={`${id}-course`}>Course</label>
          <select
            id={`${id}-course`}
            value={courseId}
            onChange={(e) => setParams(e.target.value ? { courseId: e.target.value } : {}, { replace: true })}
          >
            <option value="">All courses</option>
            {myCourses.data?.courses.map((c) => (
              <option key={c.course.id} value={c.course.id}>
                {c.course.name}
              </option>
            ))}
          </select>
        </div>
        {history.error ? <ErrorState error={history.error} onRetry={() => void history.refetch()} /> : null}
        {history.isPending ? <Spinner label="Loading your attempts" /> : null}
        {!history.isPending && !history.error && attempts.length === 0 ? (
          <EmptyState>
            Nothing yet. Answer a question from the <Link to="/">courses</Link> and it shows here.
          </EmptyState>
        ) : null}
        {attempts.length > 0 ? (
          <ol className="plain-list question-list" aria-label="Attempts, newest first">
            {attempts.map((a) => (
              <AttemptRow key={a.id} attempt={a} courseName={courseName(a.courseId)} />
            ))}
          </ol>
        ) : null}
        {history.hasNextPage ? (
          <div>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => void history.fetchNextPage()}
              disabled={history.isFetchingNextPage}
            >
              {history.isFetchingNextPage ? 'Loading…' : 'Show older attempts'}
            </button>
          </div>
        ) : null}
      </div>
    </Page>
  );
}
