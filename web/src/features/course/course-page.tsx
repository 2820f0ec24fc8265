import { useMutation } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { Page } from '../../components/page';
import { ErrorState, QueryView } from '../../components/states';
import { api, call, type Schemas } from '../../lib/api/client';
import { useFocusAfter } from '../../lib/use-focus-after';
import { useMe } from '../../lib/use-session';
import { AnalysisPanel } from './analysis-panel';
import { useCourse, useRefreshCourse } from './course-api';

type Details = Schemas['CourseDetails'];

function EnrolButton({ courseId, onEnrolled }: { courseId: string; onEnrolled: () => void }) {
  const refresh = useRefreshCourse(courseId);
  const enrol = useMutation({
    mutationFn: () => call(api.POST('/api/courses/{id}/enroll', { params: { path: { id: courseId } } })),
    onSuccess: () => {
      onEnrolled();
      return refresh();
    },
  });
  return (
    <>
      <button type="button" className="button" onClick={() => enrol.mutate()} disabled={enrol.isPending}>
        {enrol.isPending ? 'Enrolling…' : 'Enrol in this course'}
      </button>
      {enrol.error ? <ErrorState error={enrol.error} /> : null}
    </>
  );
}

function Topics({ details }: { details: Details }) {
  const mastery = new Map(details.progress?.topics.map((t) => [t.topicId, t]) ?? []);
  const signedIn = details.progress !== null;
  return (
    <section className="card stack" aria-labelledby="topics-heading">
      <h2 id="topics-heading">Topics</h2>
      <ul className="plain-list topic-list">
        {details.course.topics.map((topic) => {
          const m = mastery.get(topic.id);
          const percent = Math.round((m?.mastery ?? 0) * 100);
          return (
            <li key={topic.id} className="topic">
              <div className="topic__head">
                <Link to={`/courses/${details.course.id}/questions?topicId=${encodeURIComponent(topic.id)}`}>
                  {topic.name}
                </Link>
                <span className="small muted">{topic.totalAppearances} exam questions</span>
              </div>
              {signedIn ? (
                <div className="topic__mastery">
                  {m && m.evidence > 0 ? (
                    <>
                      <meter
                        className="mastery"
                        min={0}
                        max={100}
                        value={percent}
                        aria-label={`Mastery of ${topic.name}`}
                      />
                      <span className="small">{percent}% mastery</span>
                    </>
                  ) : (
                    <span className="small muted">Not started</span>
                  )}
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function CourseActions({ courseId }: { courseId: string }) {
  const links = [
    ['questions', 'Question bank', 'Every past-exam question, by topic, year and difficulty'],
    ['practice', 'Practice', 'Question sets with worked solutions'],
    ['midterm', 'Practice midterm', 'A full exam shaped like the real ones'],
    ['weak-topics', 'Weak topics', 'Where you lose points, and what to practise next'],
    ['review', 'Review queue', 'Patterns due for another look'],
  ] as const;
  return (
    <nav aria-label="Course" className="grid course-actions">
      {links.map(([path, title, text]) => (
        <Link key={path} to={`/courses/${courseId}/${path}`} className="card action-card">
          <span className="action-card__title">{title}</span>
          <span className="small muted">{text}</span>
        </Link>
      ))}
    </nav>
  );
}

export default function CoursePage() {
  const { courseId = '' } = useParams();
  const course = useCourse(courseId);
  const { user } = useMe();
  // The Enrol button is replaced by the badge: focus moves there, not to <body>.
  const enrolled = useFocusAfter<HTMLSpanElement>(course.data?.enrollment?.enrolled === true);
  return (
    <QueryView query={course} label="Loading the course">
      {(details) => (
        <Page title={details.course.name} intro={details.course.description ?? undefined}>
          <div className="stack">
            <div className="row">
              <dl className="stats">
                <div>
                  <dt>Past exams</dt>
                  <dd>{details.course.examCount}</dd>
                </div>
                <div>
                  <dt>Questions</dt>
                  <dd>{details.course.questionCount}</dd>
                </div>
                {details.progress ? (
                  <div>
                    <dt>Solved</dt>
                    <dd>
                      {details.progress.questionsCorrect} of {details.progress.questionsTotal}
                    </dd>
                  </div>
                ) : null}
              </dl>
              {user && details.enrollment && !details.enrollment.enrolled ? (
                <EnrolButton courseId={courseId} onEnrolled={enrolled.request} />
              ) : null}
              {details.enrollment?.enrolled ? (
                <span className="badge" ref={enrolled.ref} tabIndex={-1}>
                  Enrolled
                </span>
              ) : null}
              {!user ? (
                <Link to={`/signup?next=${encodeURIComponent(`/courses/${courseId}`)}`} className="button">
                  Sign up to practise
                </Link>
              ) : null}
            </div>
            <CourseActions courseId={courseId} />
            <AnalysisPanel courseId={courseId} userId={user?.id} />
            <Topics details={details} />
          </div>
        </Page>
      )}
    </QueryView>
  );
}
