import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ConfirmSpend, type SpendOffer } from '../../components/confirm-spend';
import { MathFormula, MathText } from '../../components/math-text';
import { Page } from '../../components/page';
import { ErrorState } from '../../components/states';
import { api, call, type Schemas } from '../../lib/api/client';
import { useBalance } from '../../lib/use-session';
import { useCreditSpend } from '../../lib/use-spend';

type Kind = 'practice' | 'bundle';
type PracticeSet = Schemas['PracticeSet'];

function SetQuestions({ set }: { set: PracticeSet }) {
  return (
    <ol className="plain-list question-list" aria-label="Your practice set">
      {set.questions.map((q, i) => (
        <li key={q.id} className="card stack">
          <h3>Question {i + 1}</h3>
          <MathText source={q.questionText} as="p" />
          <div className="row">
            <Link to={`/questions/${encodeURIComponent(q.id)}`} className="button">
              Answer it
            </Link>
          </div>
          <details>
            <summary>Show the solution</summary>
            <ol className="steps">
              {q.solutionSteps.map((step, n) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the steps of one solution, in order
                <li key={n}>
                  <MathText source={step} />
                </li>
              ))}
            </ol>
            <p>
              <strong>Answer: </strong>
              <MathFormula tex={q.answer} />
            </p>
          </details>
        </li>
      ))}
    </ol>
  );
}

/** Practice sets (1 credit per question newly unlocked) and bundles (3 questions for 1 credit), with solutions. */
export default function PracticePage() {
  const { courseId = '' } = useParams();
  const id = useId();
  const balance = useBalance();
  const topics = useQuery({
    queryKey: ['course', courseId, 'topics'],
    queryFn: () => call(api.GET('/api/courses/{id}/topics', { params: { path: { id: courseId } } })),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const [searchParams] = useSearchParams();
  // Weak topics links here with ?topicId= to practise that topic.
  const [topicId, setTopicId] = useState(() => searchParams.get('topicId') ?? '');
  const [count, setCount] = useState(3);
  const [asking, setAsking] = useState<Kind | null>(null);
  const [set, setSet] = useState<PracticeSet>();

  const get = useCreditSpend(
    (kind: Kind) =>
      kind === 'bundle'
        ? call(api.POST('/api/questions/bundle', { body: { courseId, ...(topicId ? { topicIds: [topicId] } : {}) } }))
        : call(
            api.POST('/api/questions/practice', {
              body: { courseId, count, ...(topicId ? { topicIds: [topicId] } : {}) },
            }),
          ),
    {
      onSuccess: (data) => {
        setSet(data);
        setAsking(null);
      },
    },
  );

  const unlimited = balance.data?.plan === 'unlimited';
  const offer: SpendOffer | null =
    asking === 'practice'
      ? {
          action: `Unlock ${count} practice ${count === 1 ? 'question' : 'questions'}`,
          price: count,
          balance: balance.data?.credits,
          unlimited,
          note: 'At most 1 credit per question: questions you have unlocked before come free, and are not charged.',
        }
      : asking === 'bundle'
        ? {
            action: 'Get a bundle of 3 questions',
            price: 1,
            balance: balance.data?.credits,
            unlimited,
          }
        : null;

  return (
    <Page
      title="Practice"
      intro={
        <>
          Questions with worked solutions, picked from the past exams.{' '}
          <Link to={`/courses/${courseId}`}>Back to the course</Link>
        </>
      }
    >
      <div className="stack">
        <form className="card filters" aria-label="What to practise" onSubmit={(e) => e.preventDefault()}>
          <div className="field">
            <label htmlFor={`${id}-topic`}>Topic</label>
            <select id={`${id}-topic`} value={topicId} onChange={(e) => setTopicId(e.target.value)}>
              <option value="">Any topic</option>
              {topics.data?.topics.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-count`}>Questions</label>
            <select id={`${id}-count`} value={count} onChange={(e) => setCount(Number(e.target.value))}>
              {[1, 2, 3, 5, 10].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </div>
        </form>
        <div className="grid">
          <div className="card stack">
            <h2>Practice set</h2>
            <p className="muted">1 credit per question you have not unlocked before.</p>
            <div>
              <button type="button" className="button" onClick={() => setAsking('practice')}>
                Get {count} {count === 1 ? 'question' : 'questions'}
              </button>
            </div>
          </div>
          <div className="card stack">
            <h2>Bundle</h2>
            <p className="muted">3 questions for 1 credit.</p>
            <div>
              <button type="button" className="button button--secondary" onClick={() => setAsking('bundle')}>
                Get a bundle
              </button>
            </div>
          </div>
        </div>
        {get.error ? <ErrorState error={get.error} /> : null}
        {set ? (
          <section className="stack" aria-labelledby={`${id}-set`}>
            <h2 id={`${id}-set`}>Your questions</h2>
            <p className="notice notice--success" role="status">
              {set.charged > 0
                ? `Unlocked for ${set.charged} ${set.charged === 1 ? 'credit' : 'credits'}.`
                : 'Nothing charged: you had these already.'}
              {set.balance !== null ? ` Balance: ${set.balance}.` : ''}
            </p>
            <SetQuestions set={set} />
          </section>
        ) : null}
      </div>
      <ConfirmSpend
        offer={offer}
        busy={get.isPending}
        onConfirm={() => asking && get.mutate(asking)}
        onCancel={() => setAsking(null)}
      />
    </Page>
  );
}
