import './admin.css';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Page } from '../../components/page';
import { EmptyState, QueryView, Spinner } from '../../components/states';
import { api, call, type Schemas } from '../../lib/api/client';
import { isApiError } from '../../lib/api/errors';
import { useMe } from '../../lib/use-session';
import { daysAgo, formatCount, formatDay, formatUsd } from './format';
import { everyDay, UsageChart } from './usage-chart';

type Report = Schemas['UsageReport'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const PRESETS = [7, 30, 90] as const;

/** A signed-in user who is not an administrator: say so, rather than show an empty page. */
export function ForbiddenPage({ email }: { email?: string | undefined }) {
  return (
    <Page title="This page is for operators">
      <div className="card stack forbidden">
        <p>
          {email ? (
            <>
              You are signed in as <strong>{email}</strong>, which is not an administrator account.
            </>
          ) : (
            'Your account is not an administrator account.'
          )}{' '}
          The usage page shows what the AI coach costs to run, for the people who operate Pathwise.
        </p>
        <p className="small muted">
          Operators are made on the server with <code>npx pathwise create-admin &lt;email&gt;</code>.
        </p>
        <p>
          <Link to="/" className="button button--secondary">
            Back to Pathwise
          </Link>
        </p>
      </div>
    </Page>
  );
}

/** The AI usage report for administrators: cost by day, by model, the top users and the daily cost alerts. */
export default function UsagePage() {
  const { user, query } = useMe();
  if (query.isPending) return <Spinner />;
  if (user && user.role !== 'admin') return <ForbiddenPage email={user.email} />;
  return <UsageReportView />;
}

function UsageReportView() {
  const [params, setParams] = useSearchParams();
  const from = DAY.test(params.get('from') ?? '') ? (params.get('from') as string) : daysAgo(29);
  const to = DAY.test(params.get('to') ?? '') ? (params.get('to') as string) : daysAgo(0);
  const report = useQuery({
    queryKey: ['admin', 'usage', from, to],
    queryFn: () => call(api.GET('/api/v1/monetization/admin/usage', { params: { query: { from, to } } })),
    placeholderData: (previous) => previous,
  });
  if (isApiError(report.error, 403)) return <ForbiddenPage />;
  return (
    <Page title="AI usage" intro="What the coach's AI calls cost, by day, model and user. Days are UTC.">
      <RangePicker key={`${from}:${to}`} from={from} to={to} onChange={(next) => setParams(next)} />
      <QueryView query={report} label="Loading the usage report">
        {({ usage }) => <Report report={usage} />}
      </QueryView>
    </Page>
  );
}

function RangePicker({
  from,
  to,
  onChange,
}: {
  from: string;
  to: string;
  onChange: (range: { from: string; to: string }) => void;
}) {
  const [draft, setDraft] = useState({ from, to });
  const [error, setError] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!DAY.test(draft.from) || !DAY.test(draft.to)) return setError('Choose both days.');
    if (draft.from > draft.to) return setError('The first day must come before the last.');
    setError('');
    onChange(draft);
  };
  return (
    <form className="card range" onSubmit={submit} aria-label="Date range">
      <fieldset className="range__presets">
        <legend className="visually-hidden">Quick ranges</legend>
        {PRESETS.map((days) => {
          const range = { from: daysAgo(days - 1), to: daysAgo(0) };
          const current = range.from === from && range.to === to;
          return (
            <button
              key={days}
              type="button"
              className="button button--secondary range__preset"
              aria-pressed={current}
              onClick={() => {
                setDraft(range);
                setError('');
                onChange(range);
              }}
            >
              Last {days} days
            </button>
          );
        })}
      </fieldset>
      <div className="range__fields">
        <div className="field">
          <label htmlFor="usage-from">From</label>
          <input
            id="usage-from"
            type="date"
            value={draft.from}
            max={draft.to}
            onChange={(e) => setDraft({ ...draft, from: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="usage-to">To</label>
          <input
            id="usage-to"
            type="date"
            value={draft.to}
            min={draft.from}
            onChange={(e) => setDraft({ ...draft, to: e.target.value })}
          />
        </div>
        <button type="submit" className="button">
          Show
        </button>
      </div>
      {error ? (
        <p role="alert" className="field__error">
          {error}
        </p>
      ) : null}
    </form>
  );
}

function Report({ report }: { report: Report }) {
  const series = everyDay(report.from, report.to, report.days);
  const metric = report.totals.costMicros > 0 ? 'costUsd' : 'calls';
  const busiest = [...report.days].sort((a, b) => b[metric] - a[metric] || b.calls - a.calls)[0];
  const range = `${formatDay(report.from)} to ${formatDay(report.to)}`;
  const summary = !busiest
    ? `No AI usage from ${range}.`
    : metric === 'costUsd'
      ? `${formatUsd(report.totals.costUsd)} from ${range}; the most on ${formatDay(busiest.day)} (${formatUsd(busiest.costUsd)}).`
      : `No cost from ${range} (every call was free, as the offline coach's are): ${formatCount(report.totals.calls)} calls, the most on ${formatDay(busiest.day)} (${formatCount(busiest.calls)}).`;
  return (
    <div className="usage">
      <dl className="usage-totals">
        <div className="card">
          <dt>Cost</dt>
          <dd data-testid="total-cost">{formatUsd(report.totals.costUsd)}</dd>
        </div>
        <div className="card">
          <dt>AI calls</dt>
          <dd>{formatCount(report.totals.calls)}</dd>
        </div>
        <div className="card">
          <dt>Coach messages</dt>
          <dd>{formatCount(report.totals.messages)}</dd>
        </div>
        <div className="card">
          <dt>Tokens in / out</dt>
          <dd>
            {formatCount(report.totals.inputTokens)} / {formatCount(report.totals.outputTokens)}
          </dd>
        </div>
      </dl>

      <section className="card stack" aria-labelledby="alerts-heading">
        <h2 id="alerts-heading">Cost alerts</h2>
        {report.costAlerts.length === 0 ? (
          <p className="muted">
            No day in this range went over the daily alert threshold of {formatUsd(report.alertThresholdUsd)}.
          </p>
        ) : (
          <ul className="plain-list alert-list">
            {report.costAlerts.map((a) => (
              <li key={a.day} className="notice notice--warning">
                <strong>{formatDay(a.day)}</strong>: {formatUsd(a.totalCostUsd)} spent, over the{' '}
                {formatUsd(a.thresholdUsd)} threshold (alert at{' '}
                {new Intl.DateTimeFormat(undefined, { timeStyle: 'short', timeZone: 'UTC' }).format(
                  new Date(a.firedAt),
                )}{' '}
                UTC).
              </li>
            ))}
          </ul>
        )}
      </section>

      <figure className="chart card" aria-labelledby="cost-caption">
        <figcaption id="cost-caption">
          <h2>{metric === 'costUsd' ? 'Cost by day' : 'Calls by day'}</h2>
          <p className="small muted">{summary}</p>
        </figcaption>
        {report.days.length > 0 ? (
          <UsageChart series={series} metric={metric} summary={summary} />
        ) : (
          <EmptyState>Nothing to chart: no coach messages or drafts in this range.</EmptyState>
        )}
        {report.days.length > 0 ? (
          <details>
            <summary>Show the days as a table</summary>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Day</th>
                    <th scope="col" className="num">
                      Cost
                    </th>
                    <th scope="col" className="num">
                      Calls
                    </th>
                    <th scope="col" className="num">
                      Messages
                    </th>
                    <th scope="col" className="num wide-only">
                      Tokens in / out
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {report.days.map((d) => (
                    <tr key={d.day}>
                      <th scope="row">
                        {formatDay(d.day)}
                        {d.alertFired ? <span className="badge">alert</span> : null}
                      </th>
                      <td className="num">{formatUsd(d.costUsd)}</td>
                      <td className="num">{formatCount(d.calls)}</td>
                      <td className="num">{formatCount(d.messages)}</td>
                      <td className="num wide-only">
                        {formatCount(d.inputTokens)} / {formatCount(d.outputTokens)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        ) : null}
      </figure>

      <div className="usage-tables">
        <section className="card stack" aria-labelledby="models-heading">
          <h2 id="models-heading">By model</h2>
          {report.models.length === 0 ? (
            <p className="muted">No AI calls in this range.</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Model</th>
                    <th scope="col" className="num">
                      Calls
                    </th>
                    <th scope="col" className="num wide-only">
                      Tokens in / out
                    </th>
                    <th scope="col" className="num">
                      Cost
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {report.models.map((m) => (
                    <tr key={`${m.provider}/${m.model}`}>
                      <th scope="row">
                        {m.model}
                        <span className="small muted"> ({m.provider})</span>
                      </th>
                      <td className="num">{formatCount(m.calls)}</td>
                      <td className="num wide-only">
                        {formatCount(m.inputTokens)} / {formatCount(m.outputTokens)}
                      </td>
                      <td className="num">{formatUsd(m.costUsd)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <section className="card stack" aria-labelledby="users-heading">
          <h2 id="users-heading">Top users</h2>
          {report.topUsers.length === 0 ? (
            <p className="muted">No one used the coach in this range.</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">User</th>
                    <th scope="col" className="num">
                      Calls
                    </th>
                    <th scope="col" className="num">
                      Cost
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {report.topUsers.map((u) => (
                    <tr key={u.userId}>
                      <th scope="row" className="usage-user">
                        {u.email}
                      </th>
                      <td className="num">{formatCount(u.calls)}</td>
                      <td className="num">{formatUsd(u.costUsd)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>
    </div>
  );
}
