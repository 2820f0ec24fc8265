import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { MathFormula, MathText } from '../../components/math-text';
import { Page } from '../../components/page';
import { Segmented } from '../../components/segmented';
import { ErrorState, QueryView } from '../../components/states';
import { api, call, type Schemas } from '../../lib/api/client';
import { ApiError, isApiError } from '../../lib/api/errors';
import { useSessionToken } from '../../lib/use-session';
import { MathAnswerField } from '../questions/math-answer-field';
import { ExamTimer } from './exam-timer';
import {
  answersToSubmit,
  clearDrafts,
  type DraftAnswer,
  type Drafts,
  type Exam,
  type ExamQuestion,
  examKey,
  examsKey,
  examTypeLabel,
  formatDuration,
  formatPoints,
  formatWhen,
  loadDrafts,
  saveDrafts,
  useCourseNames,
  useExam,
} from './midterm-api';
import { outcomeInWords } from './outcome-words';

const ANSWER_MODES = [
  { value: 'free', label: 'Type it' },
  { value: 'mcq', label: 'Multiple choice' },
] as const;

const optionLetter = (index: number) => String.fromCharCode(65 + index);

const emptyDraft: DraftAnswer = { mode: 'free', answer: '', optionId: '' };

/** Puts the exam the server returned into the cache, and marks every view that the exam changes as stale. */
function useExamUpdate(exam: Exam) {
  const queryClient = useQueryClient();
  const token = useSessionToken();
  return (next: { midterm: Exam }) => {
    queryClient.setQueryData(examKey(exam.id, token), next);
    void queryClient.invalidateQueries({ queryKey: examsKey });
  };
}

function ReadyView({ exam }: { exam: Exam }) {
  const update = useExamUpdate(exam);
  const start = useMutation({
    mutationFn: () => call(api.POST('/api/midterms/{id}/start', { params: { path: { id: exam.id } } })),
    onSuccess: update,
  });
  return (
    <section className="card stack" aria-labelledby="ready-heading">
      <h2 id="ready-heading">Ready when you are</h2>
      <dl className="stats">
        <div>
          <dt>Questions</dt>
          <dd>{exam.questions.length}</dd>
        </div>
        <div>
          <dt>Points</dt>
          <dd>{exam.totalPoints}</dd>
        </div>
        <div>
          <dt>Time allowed</dt>
          <dd>{exam.durationMinutes} min</dd>
        </div>
      </dl>
      <ul className="exam-rules">
        <li>
          Starting the exam starts a {exam.durationMinutes}-minute clock. It keeps running if you close this page; come
          back to this address to carry on.
        </li>
        <li>You submit once, every answer together. A submission after the time is still marked, as late.</li>
        <li>Methods that were right earn part of the points (a missing + C, a sign slip).</li>
        <li>Then you see your score, how each question was marked and its worked solution.</li>
      </ul>
      <div>
        <button type="button" className="button" onClick={() => start.mutate()} disabled={start.isPending}>
          {start.isPending ? 'Starting…' : 'Start the exam'}
        </button>
      </div>
      {start.error ? <ErrorState error={start.error} /> : null}
    </section>
  );
}

function QuestionToAnswer({
  question,
  draft,
  problem,
  onChange,
}: {
  question: ExamQuestion;
  draft: DraftAnswer;
  problem: string | undefined;
  onChange: (draft: DraftAnswer) => void;
}) {
  const id = useId();
  const mcq = draft.mode === 'mcq' && question.options !== null;
  return (
    <li className="card stack exam-question" aria-labelledby={`${id}-heading`}>
      <div className="exam-question__head">
        <h2 id={`${id}-heading`}>Question {question.number}</h2>
        <span className="small muted">
          {question.points} {question.points === 1 ? 'point' : 'points'}
        </span>
      </div>
      <div className="question-text">
        <MathText source={question.question.questionText} as="p" />
      </div>
      <span id={`${id}-label`} className="visually-hidden">
        Your answer to question {question.number}
      </span>
      {question.options ? (
        <Segmented
          legend={`How to answer question ${question.number}`}
          value={draft.mode}
          choices={ANSWER_MODES}
          onChange={(mode) => onChange({ ...draft, mode })}
        />
      ) : null}
      {mcq ? (
        <fieldset className="options">
          <legend className="visually-hidden">Choose one for question {question.number}</legend>
          {question.options?.map((option, index) => (
            <label key={option.id} className="option">
              <input
                type="radio"
                name={`${id}-option`}
                value={option.id}
                checked={draft.optionId === option.id}
                onChange={() => onChange({ ...draft, optionId: option.id })}
              />
              {/* A letter as on paper; it also names the choice where a formula alone gives no accessible name. */}
              <span className="option__letter">{optionLetter(index)}.</span>
              <MathText source={option.text} />
            </label>
          ))}
        </fieldset>
      ) : (
        <MathAnswerField
          id={`${id}-answer`}
          labelledBy={`${id}-label`}
          value={draft.answer}
          // No onSubmit: Enter does not hand in an exam; the one submission is the button at the end.
          onChange={(answer) => onChange({ ...draft, answer })}
        />
      )}
      {problem ? (
        <p className="field__error" role="alert">
          {problem}
        </p>
      ) : null}
    </li>
  );
}

/** Which question a submission error is about: the API names the answer by its place in the list sent. */
function problemsByQuestion(error: unknown, sent: { number: number }[]): Map<number, string> {
  const problems = new Map<number, string>();
  if (!(error instanceof ApiError) || error.status !== 422) return problems;
  const details = error.details as
    | { field?: string; message?: string; fields?: { field: string; message: string }[] }
    | undefined;
  const fields = details?.fields ?? (details?.field ? [{ field: details.field, message: details.message ?? '' }] : []);
  for (const { field, message } of fields) {
    const index = /^answers\.(\d+)\./.exec(field)?.[1];
    const number = index === undefined ? undefined : sent[Number(index)]?.number;
    if (number !== undefined) {
      const text =
        error.code === 'unparsable_answer'
          ? `We could not read this answer: ${message}. Fix it, then submit.`
          : message;
      problems.set(number, text);
    }
  }
  return problems;
}

function TakingView({ exam }: { exam: Exam }) {
  const update = useExamUpdate(exam);
  const queryClient = useQueryClient();
  const [drafts, setDrafts] = useState<Drafts>(() => loadDrafts(exam.id));
  const [confirming, setConfirming] = useState(false);
  const [sent, setSent] = useState<{ number: number }[]>([]);
  const submit = useMutation({
    mutationFn: (answers: Schemas['SubmitExamRequest']['answers']) =>
      call(api.POST('/api/midterms/{id}/submit', { params: { path: { id: exam.id } }, body: { answers } })),
    onSuccess: (next) => {
      setConfirming(false);
      clearDrafts(exam.id);
      update(next);
      // The submission moved mastery, the review queue and the course's progress.
      void queryClient.invalidateQueries({ queryKey: ['assessment'] });
      void queryClient.invalidateQueries({ queryKey: ['course', exam.courseId] });
    },
    onError: (error) => {
      setConfirming(false);
      // Submitted meanwhile (another tab): read it again, and the page shows the results.
      if (isApiError(error, 409)) void queryClient.invalidateQueries({ queryKey: ['midterms', 'one', exam.id] });
    },
  });
  const problems = problemsByQuestion(submit.error, sent);
  const answers = answersToSubmit(exam, drafts);
  const unanswered = exam.questions.length - answers.length;
  const late = exam.dueAt !== null && Date.parse(exam.dueAt) <= Date.now();

  const change = (number: number, draft: DraftAnswer) =>
    setDrafts((current) => {
      const next = { ...current, [number]: draft };
      saveDrafts(exam.id, next);
      return next;
    });

  return (
    <div className="stack">
      {exam.dueAt ? <ExamTimer dueAt={exam.dueAt} /> : null}
      <ol className="plain-list question-list" aria-label="Questions">
        {exam.questions.map((q) => (
          <QuestionToAnswer
            key={q.number}
            question={q}
            draft={drafts[q.number] ?? emptyDraft}
            problem={problems.get(q.number)}
            onChange={(draft) => change(q.number, draft)}
          />
        ))}
      </ol>
      <section className="card stack" aria-labelledby="hand-in-heading">
        <h2 id="hand-in-heading">Hand in</h2>
        <p>
          {answers.length} of {exam.questions.length} questions answered. Your answers are kept in this browser tab
          until you submit.
        </p>
        <div>
          <button type="button" className="button" onClick={() => setConfirming(true)} disabled={submit.isPending}>
            Submit the exam
          </button>
        </div>
        {submit.error && problems.size === 0 ? <ErrorState error={submit.error} /> : null}
        {problems.size > 0 ? (
          <p className="notice notice--error" role="alert">
            Nothing was submitted: {problems.size === 1 ? 'one answer needs' : `${problems.size} answers need`} fixing
            (marked above).
          </p>
        ) : null}
      </section>
      <ConfirmDialog
        open={confirming}
        title="Submit your exam?"
        confirmLabel="Submit"
        busyLabel="Marking…"
        busy={submit.isPending}
        onConfirm={() => {
          setSent(answers);
          submit.mutate(answers);
        }}
        onCancel={() => setConfirming(false)}
      >
        <p>You can submit once; after that the answers cannot change.</p>
        {unanswered > 0 ? (
          <p className="notice notice--warning">
            {unanswered} {unanswered === 1 ? 'question is' : 'questions are'} unanswered and will score 0.
          </p>
        ) : null}
        {late ? <p className="notice notice--warning">Time is up: this submission will be marked late.</p> : null}
      </ConfirmDialog>
    </div>
  );
}

function GivenAnswer({ question }: { question: ExamQuestion }) {
  const result = question.result;
  if (result?.answer) return <MathFormula tex={result.answer} />;
  const index = question.options?.findIndex((o) => o.id === result?.optionId) ?? -1;
  const option = question.options?.[index];
  if (option) {
    return (
      <>
        {optionLetter(index)}. <MathText source={option.text} />
      </>
    );
  }
  return <span className="muted">none</span>;
}

function MarkedQuestion({ question }: { question: ExamQuestion }) {
  const id = useId();
  const result = question.result;
  const tone = !result
    ? ''
    : result.correct
      ? 'notice--success'
      : result.score > 0
        ? 'notice--warning'
        : 'notice--error';
  return (
    <li className="card stack exam-question" aria-labelledby={`${id}-heading`} data-testid="marked-question">
      <div className="exam-question__head">
        <h2 id={`${id}-heading`}>Question {question.number}</h2>
        <span className="exam-question__score" data-testid="question-score">
          {formatPoints(result?.score ?? 0)} / {question.points} points
        </span>
      </div>
      <div className="question-text">
        <MathText source={question.question.questionText} as="p" />
      </div>
      {result ? (
        <div className={`notice ${tone} feedback`}>
          <p className="feedback__outcome" data-testid="question-outcome">
            {outcomeInWords(result.outcome)}
          </p>
          <p>
            <strong>Your answer: </strong>
            <GivenAnswer question={question} />
          </p>
          {result.correct ? null : (
            <p>
              <MathText source={result.feedback} />
            </p>
          )}
        </div>
      ) : null}
      {question.solution ? (
        <section className="stack solution" aria-labelledby={`${id}-solution`}>
          <h3 id={`${id}-solution`}>Worked solution</h3>
          <ol className="steps">
            {question.solution.solutionSteps.map((step, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the steps of one solution, in order
              <li key={i}>
                <MathText source={step} />
              </li>
            ))}
          </ol>
          <p>
            <strong>Answer: </strong>
            <MathFormula tex={question.solution.answer} />
          </p>
          <p className="small">
            <Link to={`/questions/${encodeURIComponent(question.question.id)}`}>Practise this question again</Link>
          </p>
        </section>
      ) : null}
    </li>
  );
}

function ResultsView({ exam }: { exam: Exam }) {
  const score = exam.score ?? 0;
  const percent = exam.totalPoints > 0 ? Math.round((score / exam.totalPoints) * 100) : 0;
  const correct = exam.questions.filter((q) => q.result?.correct).length;
  const course = encodeURIComponent(exam.courseId);
  return (
    <div className="stack">
      <section className="card score-card" aria-labelledby="score-heading">
        <h2 id="score-heading" className="visually-hidden">
          Your score
        </h2>
        <p className="score-card__number" data-testid="exam-score">
          {formatPoints(score)} <span className="score-card__total">/ {exam.totalPoints} points</span>
        </p>
        <p>
          {percent}% · {correct} of {exam.questions.length} questions fully correct
        </p>
        <p className="small muted">
          {exam.submittedAt ? `Submitted ${formatWhen(exam.submittedAt)}` : null}
          {exam.lateMs ? (
            <>
              {' · '}
              <span className="late" data-testid="exam-late">
                {formatDuration(exam.lateMs)} late
              </span>
            </>
          ) : (
            ' · on time'
          )}
        </p>
        <div className="row">
          <Link to={`/courses/${course}/weak-topics?examType=${exam.examType}`} className="button">
            See your weak topics
          </Link>
          <Link to={`/courses/${course}/review`} className="button button--secondary">
            Review queue
          </Link>
          <Link to={`/courses/${course}/midterm`} className="button button--secondary">
            Another exam
          </Link>
        </div>
      </section>
      <ol className="plain-list question-list" aria-label="Marked questions">
        {exam.questions.map((q) => (
          <MarkedQuestion key={q.number} question={q} />
        ))}
      </ol>
    </div>
  );
}

function ExamView({ exam }: { exam: Exam }) {
  const courseName = useCourseNames();
  // A new status is a new page: its top, where the timer or the score is.
  useEffect(() => {
    if (exam.status !== 'ready') window.scrollTo(0, 0);
  }, [exam.status]);
  const intro = (
    <>
      {exam.status === 'submitted' ? 'Marked' : exam.status === 'in_progress' ? 'In progress' : 'Not started'} ·{' '}
      {exam.questions.length} questions · {exam.totalPoints} points · seed {exam.seed} ·{' '}
      <Link to="/exams">My exams</Link>
    </>
  );
  return (
    <Page title={`${examTypeLabel(exam.examType)} · ${courseName(exam.courseId)}`} intro={intro}>
      {exam.status === 'ready' ? <ReadyView exam={exam} /> : null}
      {exam.status === 'in_progress' ? <TakingView exam={exam} /> : null}
      {exam.status === 'submitted' ? <ResultsView exam={exam} /> : null}
    </Page>
  );
}

/** One exam at its own address (/exams/:id): start it, take it against the clock, submit once, see it marked. */
export default function ExamPage() {
  const { examId = '' } = useParams();
  const exam = useExam(examId);
  return (
    <QueryView query={exam} label="Loading the exam">
      {({ midterm }) => <ExamView exam={midterm} />}
    </QueryView>
  );
}
