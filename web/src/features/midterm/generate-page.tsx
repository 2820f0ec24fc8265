import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ConfirmSpend, type SpendOffer } from '../../components/confirm-spend';
import { Page } from '../../components/page';
import { Segmented } from '../../components/segmented';
import { ErrorState } from '../../components/states';
import { api, call } from '../../lib/api/client';
import { useBalance, useSessionToken } from '../../lib/use-session';
import { useCreditSpend } from '../../lib/use-spend';
import { useCourse } from '../course/course-api';
import { ExamList } from './exam-list';
import { EXAM_PRICE, type ExamType, examKey, examsKey } from './midterm-api';

const EXAM_TYPES = [
  { value: 'midterm', label: 'Midterm' },
  { value: 'final', label: 'Final' },
] as const satisfies readonly { value: ExamType; label: string }[];

/** The API's own rule for a seed (MidtermRequest.seed), checked here so the field can say what is wrong. */
const SEED = /^[A-Za-z0-9_-]{1,64}$/;

/** Generate a practice midterm or final for a course (asked first: price and balance after), and this course's exams. */
export default function GenerateExamPage() {
  const { courseId = '' } = useParams();
  const id = useId();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const course = useCourse(courseId);
  const balance = useBalance();
  const token = useSessionToken();
  const [examType, setExamType] = useState<ExamType>('midterm');
  const [seed, setSeed] = useState('');
  const [asking, setAsking] = useState(false);
  const seedError = seed !== '' && !SEED.test(seed) ? 'Use letters, digits, - and _ only (at most 64).' : null;

  const generate = useCreditSpend(
    () =>
      call(
        api.POST('/api/midterm/generate', {
          body: { courseId, examType, ...(seed ? { seed } : {}) },
        }),
      ),
    {
      onSuccess: ({ midterm }) => {
        setAsking(false);
        void queryClient.invalidateQueries({ queryKey: examsKey });
        // The exam page opens on what generation returned, without reading it again.
        queryClient.setQueryData(examKey(midterm.id, token), { midterm });
        navigate(`/exams/${encodeURIComponent(midterm.id)}`);
      },
    },
  );

  const offer: SpendOffer | null = asking
    ? {
        action: `Generate a practice ${examType}`,
        price: EXAM_PRICE,
        balance: balance.data?.credits,
        unlimited: balance.data?.plan === 'unlimited',
        note: seed
          ? `If you generated this ${examType} with seed “${seed}” before, you get that exam back and nothing is charged.`
          : 'Its worked solutions come with it once you submit: no further credits.',
      }
    : null;

  const courseName = course.data?.course.name ?? 'this course';
  return (
    <Page
      title="Practice exam"
      intro={
        <>
          A full exam shaped like {courseName}’s real ones, against the clock, marked with partial credit.{' '}
          <Link to={`/courses/${encodeURIComponent(courseId)}`}>Back to the course</Link>
        </>
      }
    >
      <div className="stack">
        <form
          className="card stack"
          aria-labelledby={`${id}-heading`}
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (!seedError) setAsking(true);
          }}
        >
          <h2 id={`${id}-heading`}>New exam</h2>
          <Segmented legend="Kind of exam" value={examType} choices={EXAM_TYPES} onChange={setExamType} />
          <div className="field">
            <label htmlFor={`${id}-seed`}>Seed (optional)</label>
            <input
              id={`${id}-seed`}
              value={seed}
              onChange={(e) => setSeed(e.target.value.trim())}
              autoComplete="off"
              spellCheck={false}
              maxLength={64}
              aria-invalid={seedError ? true : undefined}
              aria-describedby={`${id}-seed-hint${seedError ? ` ${id}-seed-error` : ''}`}
            />
            <span id={`${id}-seed-hint`} className="field__hint">
              Share a seed with a classmate and you both get the same exam. Leave it empty for a fresh one.
            </span>
            {seedError ? (
              <span id={`${id}-seed-error`} className="field__error">
                {seedError}
              </span>
            ) : null}
          </div>
          <div>
            <button type="submit" className="button" disabled={seedError !== null}>
              Generate a {examType} ({EXAM_PRICE} credits)
            </button>
          </div>
          {generate.error ? <ErrorState error={generate.error} /> : null}
        </form>
        <section className="stack" aria-labelledby={`${id}-mine`}>
          <h2 id={`${id}-mine`}>Your exams for this course</h2>
          <ExamList courseId={courseId} empty="None yet. Generate one above: it waits for you until you start it." />
        </section>
      </div>
      <ConfirmSpend
        offer={offer}
        busy={generate.isPending}
        onConfirm={() => generate.mutate()}
        onCancel={() => setAsking(false)}
      />
    </Page>
  );
}
