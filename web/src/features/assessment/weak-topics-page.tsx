import { Link, useParams } from 'react-router';
import { MathText } from '../../components/math-text';
import { Page } from '../../components/page';
import { Segmented } from '../../components/segmented';
import { EmptyState, QueryView } from '../../components/states';
import type { Schemas } from '../../lib/api/client';
import { useCourse } from '../course/course-api';
import { formatPoints } from '../midterm/midterm-api';
import { outcomeInWords } from '../midterm/outcome-words';
import { EXAM_SCOPES, percent, useExamScope, useWeakTopics } from './assessment-api';

type WeakTopic = Schemas['WeakTopic'];

function TopicCard({ topic, courseId }: { topic: WeakTopic; courseId: string }) {
  const headingId = `weak-${topic.topicId}`;
  const course = encodeURIComponent(courseId);
  const topicParam = encodeURIComponent(topic.topicId);
  return (
    <li className="card stack weak-topic" aria-labelledby={headingId} data-testid="weak-topic">
      <div className="weak-topic__head">
        <span className="weak-topic__rank" aria-hidden="true">
          {topic.rank}
        </span>
        <div className="weak-topic__title">
          <h2 id={headingId}>
            <span className="visually-hidden">Rank {topic.rank}: </span>
            {topic.name}
          </h2>
          <span className="small muted">
            {topic.evidence > 0
              ? `${percent(topic.mastery)} mastery, from ${topic.evidence} ${topic.evidence === 1 ? 'answer' : 'answers'}`
              : 'Not practised yet'}
            {' · '}≈ {formatPoints(topic.expectedPointsLost)} points at stake on an exam
          </span>
        </div>
        {topic.mastered ? <span className="badge">Mastered</span> : null}
      </div>
      <meter
        className="mastery"
        min={0}
        max={100}
        low={40}
        high={80}
        optimum={100}
        value={Math.round(topic.mastery * 100)}
        aria-label={`Mastery of ${topic.name}`}
      />
      <p>{topic.reason}</p>
      {topic.commonMistakes.length > 0 ? (
        <p className="small">
          <strong>Your usual slips: </strong>
          {topic.commonMistakes.map((m) => `${outcomeInWords(m.outcome).toLowerCase()} (${m.count}×)`).join(', ')}
        </p>
      ) : null}
      {topic.patterns.length > 0 ? (
        <details>
          <summary>Patterns in this topic</summary>
          <ul className="pattern-list">
            {topic.patterns.map((p) => (
              <li key={p.patternId}>
                <span>{p.name}</span>{' '}
                <span className="small muted">
                  {p.evidence > 0 ? `${percent(p.mastery)} mastery` : 'not practised'}
                </span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {topic.nextQuestions.length > 0 ? (
        <section className="stack" aria-labelledby={`${headingId}-next`}>
          <h3 id={`${headingId}-next`}>Practise next</h3>
          <ol className="plain-list next-questions">
            {topic.nextQuestions.map((q) => (
              <li key={q.id}>
                <Link to={`/questions/${encodeURIComponent(q.id)}`} className="next-question">
                  <MathText source={q.questionText} />
                </Link>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <div className="row">
        <Link to={`/courses/${course}/practice?topicId=${topicParam}`} className="button button--secondary">
          Practice set on {topic.name}
        </Link>
        <Link to={`/courses/${course}/questions?topicId=${topicParam}`}>All its questions</Link>
      </div>
    </li>
  );
}

/** The course's topics ranked by the points the student stands to lose, each with what to practise next. */
export default function WeakTopicsPage() {
  const { courseId = '' } = useParams();
  const [scope, setScope] = useExamScope();
  const course = useCourse(courseId);
  const weak = useWeakTopics(courseId, scope);
  const name = course.data?.course.name;
  return (
    <Page
      title="Weak topics"
      intro={
        <>
          {name ? `${name}: w` : 'W'}here you stand to lose the most points, from your answers and the past exams.{' '}
          <Link to={`/courses/${encodeURIComponent(courseId)}`}>Back to the course</Link> ·{' '}
          <Link to={`/courses/${encodeURIComponent(courseId)}/review`}>Review queue</Link>
        </>
      }
    >
      <div className="stack">
        <Segmented legend="Weigh topics by" value={scope} choices={EXAM_SCOPES} onChange={setScope} />
        <QueryView query={weak} label="Ranking your topics">
          {({ topics }) =>
            topics.length === 0 ? (
              <EmptyState>This course has no topics on this kind of exam.</EmptyState>
            ) : (
              <>
                {topics.every((t) => t.evidence === 0) ? (
                  <p className="notice">
                    You have not answered anything in this course yet, so this ranking comes from the past exams alone.
                    Answer a few questions, or sit a{' '}
                    <Link to={`/courses/${encodeURIComponent(courseId)}/midterm`}>practice midterm</Link>, and it
                    becomes yours.
                  </p>
                ) : null}
                <ol className="plain-list question-list" aria-label="Topics, weakest first">
                  {topics.map((topic) => (
                    <TopicCard key={topic.topicId} topic={topic} courseId={courseId} />
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
