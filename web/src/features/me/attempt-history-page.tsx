import { useId } from 'react';
import { Link, useSearchParams } from 'react-router';
import { MathText } from '../../components/math-text';
import { Page } from '../../components/page';
import { EmptyState, ErrorState, Spinner } from '../../components/states';
import type { Schemas } from '../../lib/api/client';
import { formatWhen, useCourseNames } from '../midterm/midterm-api';
import { outcomeInWords } from '../midterm/outcome-words';
import { useAttemptHistory, useMyCourses } from './me-api';

type Attempt = Schemas['AttemptHistoryItem'];

const STATUS: Record<Attempt['status'], { words: string; tone: string }> = {
  correct: { words: 'Solved', tone: 'badge' },
  revealed: { words: 'Solution revealed', tone: 'badge badge--warning' },
  incorrect: { words: 'Not solved', tone: 'badge badge--danger' },
  open: { words: 'In progress', tone: 'badge badge--neutral' },
};

function AttemptRow({ attempt, courseName }: { attempt: Attempt; courseName: string }) {
  const status = STATUS[attempt.status];
  return (
    <li className="card stack" data-testid="attempt">
      <div className="exam-question__head">
        <span className="small muted">
          {formatWhen(attempt.startedAt)} · {courseName} · {attempt.mode === 'mcq' ? 'multiple choice' : 'typed'}
          {attempt.examId ? (
            <>
              {' · '}
              <Link to={`/exams/${encodeURIComponent(attempt.examId)}`}>on a practice exam</Link>
            </>
          ) : null}
        </span>
        <span className={status.tone}>{status.words}</span>
      </div>
      <Link to={`/questions/${encodeURIComponent(attempt.questionId)}`} className="next-question">
        <MathText source={attempt.questionText} />
      </Link>
      <p className="small muted">
        {attempt.tries} {attempt.tries === 1 ? 'try' : 'tries'}
        {attempt.lastOutcome ? ` · last answer: ${outcomeInWords(attempt.lastOutcome).toLowerCase()}` : ''}
      </p>
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
