import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { EmptyState, ErrorState, Spinner } from '../../components/states';
import { type ExamSummary, examTypeLabel, formatPoints, formatWhen, useCourseNames, useExams } from './midterm-api';

function Status({ exam }: { exam: ExamSummary }) {
  if (exam.status === 'submitted' && exam.score !== null) {
    const percent = exam.totalPoints > 0 ? Math.round((exam.score / exam.totalPoints) * 100) : 0;
    return (
      <span>
        <strong>
          {formatPoints(exam.score)} / {exam.totalPoints}
        </strong>{' '}
        <span className="small muted">
          ({percent}%{exam.lateMs ? ', late' : ''})
        </span>
      </span>
    );
  }
  if (exam.status === 'in_progress') {
    return <span className="badge badge--warning">In progress</span>;
  }
  return <span className="badge badge--neutral">Not started</span>;
}

const action = (exam: ExamSummary) =>
  exam.status === 'submitted' ? 'See results' : exam.status === 'in_progress' ? 'Continue' : 'Open';

/** The student's exams, newest first, with "Show older" over the API's cursor. */
export function ExamList({ courseId, empty }: { courseId?: string; empty: ReactNode }) {
  const list = useExams(courseId ? { courseId } : {});
  const courseName = useCourseNames();
  const exams = list.data?.pages.flatMap((p) => p.midterms) ?? [];
  if (list.error) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  if (list.isPending) return <Spinner label="Loading your exams" />;
  if (exams.length === 0) return <EmptyState>{empty}</EmptyState>;
  return (
    <div className="stack">
      <ul className="plain-list exam-list">
        {exams.map((exam) => (
          <li key={exam.id} className="card exam-row">
            <div className="exam-row__what">
              <Link to={`/exams/${encodeURIComponent(exam.id)}`} className="exam-row__title">
                {examTypeLabel(exam.examType)} · {courseName(exam.courseId)}
                <span className="visually-hidden"> ({action(exam)})</span>
              </Link>
              <span className="small muted">
                {formatWhen(exam.createdAt)} · {exam.questionCount} questions · {exam.totalPoints} points · seed{' '}
                {exam.seed}
              </span>
            </div>
            <Status exam={exam} />
          </li>
        ))}
      </ul>
      {list.hasNextPage ? (
        <div>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void list.fetchNextPage()}
            disabled={list.isFetchingNextPage}
          >
            {list.isFetchingNextPage ? 'Loading…' : 'Show older exams'}
          </button>
        </div>
      ) : null}
    </div>
  );
}
