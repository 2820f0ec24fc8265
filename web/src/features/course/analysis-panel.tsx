import { useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { Link } from 'react-router';
import { ConfirmSpend } from '../../components/confirm-spend';
import { ErrorState, Spinner } from '../../components/states';
import { api, call, type Schemas } from '../../lib/api/client';
import { useFocusAfter } from '../../lib/use-focus-after';
import { useBalance } from '../../lib/use-session';
import { useCreditSpend } from '../../lib/use-spend';
import { analysisKey, type ExamScope, rememberedUnlock, rememberUnlock } from './course-api';

// Chartist and the charts come with the analysis, not with the course page.
const AnalysisCharts = lazy(() => import('./analysis-charts'));
const PRICE = 2;

const fetchAnalysis = (courseId: string, scope: ExamScope) =>
  call(
    api.GET('/api/courses/{id}/analysis', {
      params: { path: { id: courseId }, query: scope ? { examType: scope } : {} },
    }),
  );

const SCOPES: { value: ExamScope; label: string }[] = [
  { value: '', label: 'All exams' },
  { value: 'midterm', label: 'Midterms' },
  { value: 'final', label: 'Finals' },
];

/** The exam-type switch: one unlock covers every scope, so switching is free. */
function ScopeSwitch({ scope, onChange }: { scope: ExamScope; onChange: (scope: ExamScope) => void }) {
  return (
    <fieldset className="segmented">
      <legend className="visually-hidden">Analyse</legend>
      {SCOPES.map((s) => (
        <label key={s.value || 'all'}>
          <input
            type="radio"
            name="analysis-scope"
            value={s.value}
            checked={scope === s.value}
            onChange={() => onChange(s.value)}
          />
          <span>{s.label}</span>
        </label>
      ))}
    </fieldset>
  );
}

function Likelihood({ analysis }: { analysis: Schemas['CourseAnalysis'] }) {
  return (
    <section className="stack">
      <h3>Most likely on your next exam</h3>
      <ol className="likely">
        {analysis.likelihood.slice(0, 5).map((t) => (
          <li key={t.topicId}>
            <strong>{t.name}</strong> <span className="small muted">— {t.reasoning}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The exam-pattern analysis: 2 credits the first time (asked first), free after; charts load with it. */
export function AnalysisPanel({ courseId, userId }: { courseId: string; userId: string | undefined }) {
  const queryClient = useQueryClient();
  const balance = useBalance();
  const [asking, setAsking] = useState(false);
  const [scope, setScope] = useState<ExamScope>('');
  const unlock = useCreditSpend(() => fetchAnalysis(courseId, scope), {
    onSuccess: (data) => {
      if (userId) rememberUnlock(userId, courseId);
      queryClient.setQueryData(analysisKey(courseId, scope), data);
      setAsking(false);
      heading.request();
    },
  });
  // Unlocked (now, or before in this browser): free again, so it loads without asking.
  const unlocked = unlock.isSuccess || rememberedUnlock(userId, courseId);
  const analysis = useQuery({
    queryKey: analysisKey(courseId, scope),
    queryFn: () => fetchAnalysis(courseId, scope),
    enabled: unlocked && userId !== undefined,
    staleTime: Number.POSITIVE_INFINITY,
    placeholderData: (previous) => previous,
  });
  const data = analysis.data;
  // The dialog returns focus to the Unlock button, which the analysis has replaced: focus goes to its heading.
  const heading = useFocusAfter<HTMLHeadingElement>(data !== undefined);

  return (
    <section className="card stack" aria-labelledby="analysis-heading">
      <h2 id="analysis-heading" ref={heading.ref} tabIndex={-1}>
        Exam-pattern analysis
      </h2>
      {!userId ? (
        <p>
          Which topics carry the points, how that changed by year, and what the exams look like.{' '}
          <Link to={`/login?next=${encodeURIComponent(`/courses/${courseId}`)}`}>Log in</Link> to unlock it.
        </p>
      ) : data ? (
        <>
          <ScopeSwitch scope={scope} onChange={setScope} />
          {unlock.data && unlock.data.charged > 0 ? (
            <p className="notice notice--success" role="status">
              Unlocked for {unlock.data.charged} credits. It stays yours, for every exam type.
            </p>
          ) : null}
          <Likelihood analysis={data.analysis} />
          <Suspense fallback={<Spinner label="Drawing the charts" />}>
            <AnalysisCharts analysis={data.analysis} />
          </Suspense>
        </>
      ) : analysis.isFetching ? (
        <Spinner label="Loading the analysis" />
      ) : (
        <>
          <p>
            Which topics carry the points, how that changed by year, and what the exams look like: {PRICE} credits,
            once. Free again whenever you come back.
          </p>
          <div>
            <button type="button" className="button" onClick={() => setAsking(true)}>
              Unlock the analysis ({PRICE} credits)
            </button>
          </div>
        </>
      )}
      {analysis.error || unlock.error ? (
        <ErrorState error={analysis.error ?? unlock.error} onRetry={() => void analysis.refetch()} />
      ) : null}
      <ConfirmSpend
        offer={
          asking
            ? {
                action: 'Unlock the exam-pattern analysis',
                price: PRICE,
                balance: balance.data?.credits,
                unlimited: balance.data?.plan === 'unlimited',
                note: 'If you unlocked it before on another device, nothing is charged.',
              }
            : null
        }
        busy={unlock.isPending}
        onConfirm={() => unlock.mutate()}
        onCancel={() => setAsking(false)}
      />
    </section>
  );
}
