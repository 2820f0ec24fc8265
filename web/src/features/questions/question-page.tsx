import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ConfirmSpend } from '../../components/confirm-spend';
import { MathFormula, MathText } from '../../components/math-text';
import { Page } from '../../components/page';
import { ErrorState, QueryView } from '../../components/states';
import { api, call, type Schemas } from '../../lib/api/client';
import { useFocusAfter } from '../../lib/use-focus-after';
import { useBalance, useMe } from '../../lib/use-session';
import { useCreditSpend } from '../../lib/use-spend';
import { type AnswerFieldHandle, MathAnswerField } from './math-answer-field';

type Question = Schemas['QuestionSummary'] | Schemas['QuestionWithSolution'];
type Started = Schemas['StartedAttempt'];
type Result = Schemas['SubmitAnswerResult'];

const hasSolution = (q: Question): q is Schemas['QuestionWithSolution'] => 'solutionSteps' in q;
const questionKey = (id: string, token: string | null) => ['question', id, token] as const;

export function Solution({ question }: { question: Schemas['QuestionWithSolution'] }) {
  return (
    <section className="card stack solution" aria-labelledby="solution-heading">
      <h2 id="solution-heading">Worked solution</h2>
      <ol className="steps">
        {question.solutionSteps.map((step, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the steps of one solution, in order
          <li key={i}>
            <MathText source={step} />
          </li>
        ))}
      </ol>
      <p>
        <strong>Answer: </strong>
        <MathFormula tex={question.answer} />
      </p>
    </section>
  );
}

function Feedback({ result }: { result: Result }) {
  return (
    <div
      role="status"
      className={`notice ${result.correct ? 'notice--success' : 'notice--error'} feedback`}
      data-testid="feedback"
    >
      <p className="feedback__outcome">{result.correct ? 'Correct' : outcomeLabel(result.outcome)}</p>
      <p>
        <MathText source={result.feedback} />
      </p>
      {result.tryNumber ? <p className="small">Try {result.tryNumber}</p> : null}
    </div>
  );
}

function outcomeLabel(outcome: Result['outcome']): string {
  if (outcome === 'unparsable') return 'We could not read that answer';
  if (outcome === 'incorrect') return 'Not quite';
  return `Not quite: ${outcome.replaceAll('_', ' ')}`;
}

function Attempt({ question, onRevealed }: { question: Question; onRevealed: () => void }) {
  const id = useId();
  const balance = useBalance();
  const [answer, setAnswer] = useState('');
  const [optionId, setOptionId] = useState('');
  const [result, setResult] = useState<Result>();
  const [asking, setAsking] = useState(false);
  const [started, setStarted] = useState<Started>();
  const field = useRef<AnswerFieldHandle>(null);
  const unlocked = hasSolution(question);
  // A correct answer closes the attempt (the API answers 409 to another check): the form locks, and "Try again"
  // starts a new attempt.
  const solved = result?.correct === true;
  const heading = useFocusAfter<HTMLHeadingElement>(started !== undefined);
  const retry = useFocusAfter<HTMLButtonElement>(solved);

  const start = useMutation({
    mutationFn: (mode: 'free' | 'mcq') =>
      call(api.POST('/api/questions/{id}/start', { params: { path: { id: question.id } }, body: { mode } })),
    onSuccess: (data) => {
      setStarted(data);
      setResult(undefined);
      setAnswer('');
      setOptionId('');
      submit.reset();
      // The pressed button is gone: focus goes to the answer's heading, one Tab before the field.
      heading.request();
    },
  });
  const submit = useMutation({
    mutationFn: (choice: { answer: string } | { optionId: string }) =>
      call(
        api.POST('/api/questions/{id}/submit', {
          params: { path: { id: question.id } },
          body: { ...(started ? { attemptId: started.attempt.id } : {}), ...choice },
        }),
      ),
    // The verdict on screen is for the answer being checked, never the one before (a parse error under an old
    // "Not quite" read as though the new input was graded).
    onMutate: () => setResult(undefined),
    onSuccess: (data) => {
      setResult(data);
      // "Check my answer" is replaced by "Try again": focus follows, unless the student answered with Enter and is
      // still in the (now read-only) field.
      if (data.correct && !document.activeElement?.closest('.answer-field')) retry.request();
    },
  });
  const reveal = useCreditSpend(
    () =>
      call(
        api.POST('/api/questions/{id}/solution', {
          params: { path: { id: question.id } },
          body: started ? { attemptId: started.attempt.id } : {},
        }),
      ),
    {
      onSuccess: () => {
        setAsking(false);
        onRevealed();
      },
    },
  );

  if (!started) {
    return (
      <div className="row">
        <button type="button" className="button" onClick={() => start.mutate('free')} disabled={start.isPending}>
          Answer it
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => start.mutate('mcq')}
          disabled={start.isPending}
        >
          Multiple choice
        </button>
        {start.error ? <ErrorState error={start.error} /> : null}
      </div>
    );
  }

  const mcq = started.attempt.mode === 'mcq' && started.options;
  const canSubmit = !solved && (mcq ? optionId !== '' : answer.trim() !== '');
  /** Sends what the field shows now (`text` from Enter, or read from the field), not the last state React saw. */
  const check = (text?: string) => {
    if (solved || submit.isPending) return;
    if (mcq) {
      if (optionId !== '') submit.mutate({ optionId });
      return;
    }
    const now = text ?? field.current?.read() ?? answer;
    if (now.trim() !== '') submit.mutate({ answer: now });
  };
  return (
    <section className="card stack" aria-labelledby={`${id}-label`}>
      <h2 id={`${id}-label`} ref={heading.ref} tabIndex={-1}>
        Your answer
      </h2>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          check();
        }}
      >
        {mcq ? (
          <fieldset className="options" disabled={solved}>
            <legend className="visually-hidden">Choose one</legend>
            {started.options?.map((option, index) => (
              <label key={option.id} className="option">
                <input
                  type="radio"
                  name={`${id}-option`}
                  value={option.id}
                  checked={optionId === option.id}
                  onChange={() => setOptionId(option.id)}
                />
                {/* A letter as on paper; it also names the choice where a formula alone gives no accessible name. */}
                <span className="option__letter">{String.fromCharCode(65 + index)}.</span>
                <MathText source={option.text} />
              </label>
            ))}
          </fieldset>
        ) : (
          <MathAnswerField
            // A new attempt starts from an empty field.
            key={started.attempt.id}
            ref={field}
            id={`${id}-answer`}
            labelledBy={`${id}-label`}
            value={answer}
            onChange={setAnswer}
            onSubmit={check}
            readOnly={solved}
          />
        )}
        <div className="row">
          {solved ? (
            <button
              type="button"
              className="button"
              ref={retry.ref}
              onClick={() => start.mutate(started.attempt.mode)}
              disabled={start.isPending}
            >
              {start.isPending ? 'Starting…' : 'Try again'}
            </button>
          ) : (
            <button type="submit" className="button" disabled={!canSubmit || submit.isPending}>
              {submit.isPending ? 'Checking…' : 'Check my answer'}
            </button>
          )}
          {!unlocked ? (
            <button type="button" className="button button--secondary" onClick={() => setAsking(true)}>
              Reveal the solution (1 credit)
            </button>
          ) : null}
        </div>
      </form>
      {result ? <Feedback result={result} /> : null}
      {submit.error ? <ErrorState error={submit.error} /> : null}
      {start.error ? <ErrorState error={start.error} /> : null}
      {reveal.error ? <ErrorState error={reveal.error} /> : null}
      <ConfirmSpend
        offer={
          asking
            ? {
                action: 'Reveal the worked solution',
                price: 1,
                balance: balance.data?.credits,
                unlimited: balance.data?.plan === 'unlimited',
                note: 'The question stays unlocked: its solution is free from then on.',
              }
            : null
        }
        busy={reveal.isPending}
        onConfirm={() => reveal.mutate()}
        onCancel={() => setAsking(false)}
      />
    </section>
  );
}

export default function QuestionPage() {
  const { questionId = '' } = useParams();
  const { token, user } = useMe();
  const queryClient = useQueryClient();
  const question = useQuery({
    queryKey: questionKey(questionId, token),
    queryFn: () => call(api.GET('/api/questions/{id}', { params: { path: { id: questionId } } })),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['question', questionId] });
  return (
    <QueryView query={question} label="Loading the question">
      {({ question: q }) => (
        <Page
          title="Question"
          intro={
            <>
              <Link to={`/courses/${q.courseId}/questions?topicId=${encodeURIComponent(q.topicId)}`}>
                More questions on this topic
              </Link>
              {q.source.year ? ` · ${q.source.examType ?? 'Exam'} ${q.source.year}` : ''}
              {q.source.points ? ` · ${q.source.points} points` : ''}
            </>
          }
        >
          <div className="stack">
            <div className="card question-text">
              <MathText source={q.questionText} as="p" />
            </div>
            {user ? (
              <Attempt question={q} onRevealed={refresh} />
            ) : (
              <p className="notice">
                <Link to={`/login?next=${encodeURIComponent(`/questions/${questionId}`)}`}>Log in</Link> to answer it
                and see the solution.
              </p>
            )}
            {hasSolution(q) ? <Solution question={q} /> : null}
          </div>
        </Page>
      )}
    </QueryView>
  );
}
