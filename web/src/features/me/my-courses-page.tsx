import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Page } from '../../components/page';
import { EmptyState, ErrorState, QueryView } from '../../components/states';
import { api, call, type Schemas } from '../../lib/api/client';
import { formatWhen } from '../midterm/midterm-api';
import { myCoursesKey, useMyCourses } from './me-api';

type MyCourse = Schemas['MyCourse'];

function CourseCard({ item, onLeave }: { item: MyCourse; onLeave: () => void }) {
  const { course, progress } = item;
  const path = `/courses/${encodeURIComponent(course.id)}`;
  const seen = progress.questionsTotal > 0 ? Math.round((progress.questionsSeen / progress.questionsTotal) * 100) : 0;
  const headingId = `my-course-${course.id}`;
  return (
    <li className="card stack" aria-labelledby={headingId} data-testid="my-course">
      <div className="exam-question__head">
        <h2 id={headingId}>
          <Link to={path}>{course.name}</Link>
        </h2>
        <span className="small muted">Enrolled {formatWhen(item.enrolledAt)}</span>
      </div>
      <div className="topic__mastery">
        <meter className="mastery" min={0} max={100} value={seen} aria-label={`Questions seen in ${course.name}`} />
        <span className="small">
          {progress.questionsSeen} of {progress.questionsTotal} questions seen
        </span>
      </div>
      <dl className="stats">
        <div>
          <dt>Solved</dt>
          <dd>{progress.questionsCorrect}</dd>
        </div>
        <div>
          <dt>Attempts</dt>
          <dd>{progress.attempts}</dd>
        </div>
        <div>
          <dt>Mastery</dt>
          <dd>{Math.round(progress.averageMastery * 100)}%</dd>
        </div>
      </dl>
      <p className="small muted">
        {progress.lastSeenAt ? `Last practised ${formatWhen(progress.lastSeenAt)}` : 'Not practised yet'}
      </p>
      <div className="row">
        <Link to={`${path}/practice`} className="button">
          Practise
        </Link>
        <Link to={`${path}/weak-topics`} className="button button--secondary">
          Weak topics
        </Link>
        <Link to={`/me/attempts?courseId=${encodeURIComponent(course.id)}`}>Your attempts</Link>
        <button type="button" className="link-button" onClick={onLeave}>
          Leave course<span className="visually-hidden"> {course.name}</span>
        </button>
      </div>
    </li>
  );
}

/** The courses the student is enrolled in, with their progress, and leaving one (asked first). */
export default function MyCoursesPage() {
  const courses = useMyCourses();
  const queryClient = useQueryClient();
  const [leaving, setLeaving] = useState<MyCourse | null>(null);
  const leave = useMutation({
    mutationFn: (courseId: string) =>
      call(api.DELETE('/api/courses/{id}/enroll', { params: { path: { id: courseId } } })),
    onSuccess: (_data, courseId) => {
      setLeaving(null);
      void queryClient.invalidateQueries({ queryKey: myCoursesKey });
      void queryClient.invalidateQueries({ queryKey: ['course', courseId] });
    },
  });
  return (
    <Page
      title="My courses"
      intro={
        <>
          The courses you are enrolled in and how far you have got. <Link to="/me/attempts">All your attempts</Link>
        </>
      }
    >
      <div className="stack">
        {leave.error ? <ErrorState error={leave.error} /> : null}
        <QueryView query={courses} label="Loading your courses">
          {({ courses: list }) =>
            list.length === 0 ? (
              <EmptyState>
                You are not enrolled in any course yet. <Link to="/">Browse the courses</Link> and enrol in one.
              </EmptyState>
            ) : (
              <ul className="plain-list question-list">
                {list.map((item) => (
                  <CourseCard key={item.course.id} item={item} onLeave={() => setLeaving(item)} />
                ))}
              </ul>
            )
          }
        </QueryView>
      </div>
      <ConfirmDialog
        open={leaving !== null}
        title={`Leave ${leaving?.course.name ?? 'the course'}?`}
        confirmLabel="Leave the course"
        busyLabel="Leaving…"
        busy={leave.isPending}
        onConfirm={() => leaving && leave.mutate(leaving.course.id)}
        onCancel={() => setLeaving(null)}
      >
        <p>
          It leaves your list. Your answers, progress and unlocked questions stay yours: enrol again and they are all
          there.
        </p>
      </ConfirmDialog>
    </Page>
  );
}
