import { Link, useParams } from 'react-router';
import { MathText } from '../../components/math-text';
import { Page } from '../../components/page';
import { Segmented } from '../../components/segmented';
import { EmptyState, QueryView } from '../../components/states';
import { useCourse } from '../course/course-api';
import { formatWhen } from '../midterm/midterm-api';
import { EXAM_SCOPES, percent, useExamScope, useReviewQueue } from './assessment-api';

// From the answer's type: the generated DueReview component mistypes its nullable question.
type DueReview = NonNullable<ReturnType<typeof useReviewQueue>['data']>['reviews'][number];

const STATE_WORDS: Record<DueReview['state'], string> = {
  new: 'New',
  learning: 'Learning',
  review: 'Review',
  relearning: 'Relearning',
};

function ReviewCard({ review, now }: { review: DueReview; now: string }) {
  const headingId = `review-${review.patternId}`;
  return (
    <li className="card stack" aria-labelledby={headingId} data-testid="due-review">
      <div className="exam-question__head">
        <div className="weak-topic__title">
          <h2 id={headingId}>{review.patternName}</h2>
          <span className="small muted">{review.topicName}</span>
        </div>
        <span className="badge badge--neutral">{STATE_WORDS[review.state]}</span>
      </div>
      <p className="small muted">
        {Date.parse(review.due) < Date.parse(now) ? 'Due since' : 'Due'} {formatWhen(review.due)} ·{' '}
        {percent(review.retrievability)} chance you recall it now ·{' '}
        {review.lapses > 0 ? `forgotten ${review.lapses}× · ` : ''}
        {percent(review.mastery)} mastery
      </p>
      {review.question ? (
        <>
          <MathText source={review.question.questionText} as="p" />
          <div>
            <Link to={`/questions/${encodeURIComponent(review.question.id)}`} className="button">
              Review with this question
            </Link>
          </div>
        </>
      ) : (
        <p className="muted">No question to practise this pattern with yet.</p>
      )}
    </li>
  );
}

/** Patterns due for another look (spaced repetition), each with a question to practise it on. */
export default function ReviewPage() {
  const { courseId = '' } = useParams();
  const [scope, setScope] = useExamScope();
  const course = useCourse(courseId);
  const queue = useReviewQueue(courseId, scope);
  const courseLink = `/courses/${encodeURIComponent(courseId)}`;
  return (
    <Page
      title="Review queue"
      intro={
        <>
          {course.data ? `${course.data.course.name}: p` : 'P'}atterns you have met, brought back just before you would
          forget them. <Link to={courseLink}>Back to the course</Link> ·{' '}
          <Link to={`${courseLink}/weak-topics${scope ? `?examType=${scope}` : ''}`}>Weak topics</Link>
        </>
      }
    >
      <div className="stack">
        <Segmented legend="Patterns from" value={scope} choices={EXAM_SCOPES} onChange={setScope} />
        <QueryView query={queue} label="Loading your reviews">
          {({ reviews, dueCount, nextDueAt, now }) =>
            reviews.length === 0 ? (
              <EmptyState>
                {nextDueAt ? (
                  <>Nothing due now. The next review falls due {formatWhen(nextDueAt)}.</>
                ) : (
                  <>
                    Nothing to review yet: patterns join the queue once you answer their questions. Start with the{' '}
                    <Link to={`${courseLink}/practice`}>practice</Link> or a{' '}
                    <Link to={`${courseLink}/midterm`}>practice midterm</Link>.
                  </>
                )}
              </EmptyState>
            ) : (
              <>
                <p data-testid="due-count">
                  <strong>{dueCount}</strong> {dueCount === 1 ? 'pattern is' : 'patterns are'} due
                  {dueCount > reviews.length ? ` (the ${reviews.length} most overdue shown)` : ''}.
                </p>
                <ol className="plain-list question-list" aria-label="Due reviews, most overdue first">
                  {reviews.map((review) => (
                    <ReviewCard key={review.patternId} review={review} now={now} />
                  ))}
                </ol>
              </>
            )
          }
        </QueryView>
      </div>
    </Page>
  );
}
