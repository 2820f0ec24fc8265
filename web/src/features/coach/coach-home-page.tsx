import { Link, Navigate, useNavigate } from 'react-router';
import { Page } from '../../components/page';
import { ErrorState, QueryView } from '../../components/states';
import { type Opportunity, useActiveProject, useCreateProject, useOpportunities, useProfile } from './coach-api';
import { EconomicsCard } from './economics-card';
import { formatMoney, formatRange } from './format';
import { ProfileForm } from './profile-form';
import './coach.css';

function OpportunityCard({ opportunity }: { opportunity: Opportunity }) {
  const create = useCreateProject();
  const navigate = useNavigate();
  const { revenueRange, timeline } = opportunity;
  return (
    <article className="card stack opportunity" data-testid="opportunity">
      <div>
        <p className="small muted opportunity__kicker">Recommended for you</p>
        <h2>{opportunity.title}</h2>
        <p>{opportunity.summary}</p>
      </div>
      <dl className="stats">
        <div>
          <dt>Typical revenue</dt>
          <dd>
            {formatRange(revenueRange.min, revenueRange.max, (n) => formatMoney(n, revenueRange.currency))}/
            {revenueRange.period}
          </dd>
        </div>
        <div>
          <dt>Time to launch</dt>
          <dd>
            {timeline.minWeeks}–{timeline.maxWeeks} weeks
          </dd>
        </div>
      </dl>
      {opportunity.forYou ? (
        <EconomicsCard economics={opportunity.forYou} title="For your audience" />
      ) : (
        <p className="muted">Fill in your profile to see members and revenue for your audience.</p>
      )}
      {create.error ? <ErrorState error={create.error} /> : null}
      <div className="row">
        <button
          type="button"
          className="button"
          disabled={create.isPending}
          onClick={() =>
            create.mutate(opportunity.id, {
              onSuccess: ({ project }) => navigate(`/coach/projects/${project.id}`),
            })
          }
        >
          {create.isPending ? 'Building your plan…' : 'Start this project'}
        </button>
        <span className="small muted">Builds your step-by-step plan and opens a chat with your coach.</span>
      </div>
    </article>
  );
}

function Opportunities() {
  const opportunities = useOpportunities();
  return (
    <QueryView query={opportunities} label="Working out your numbers">
      {(list) => (
        <div className="stack">
          {list.map((o) => (
            <OpportunityCard key={o.id} opportunity={o} />
          ))}
        </div>
      )}
    </QueryView>
  );
}

/**
 * /coach: the active project if there is one; otherwise the profile form (first visit) and then the opportunity,
 * with the members and revenue it could bring this creator, and the button that starts the project.
 */
export default function CoachHomePage() {
  const active = useActiveProject();
  const profile = useProfile();
  if (active.data) return <Navigate to={`/coach/projects/${active.data.id}`} replace />;
  return (
    <Page
      title="Creator Coach"
      intro="Turn your audience into income: a plan made for your numbers, and a coach to work through it with you."
    >
      <QueryView query={{ ...profile, isPending: profile.isPending || active.isPending }} label="Loading">
        {(current) =>
          current === null ? (
            <div className="stack">
              <h2>Tell us about your audience</h2>
              <p className="muted">
                Your numbers size the plan: price, expected members and timeline all come from them.
              </p>
              <ProfileForm profile={null} />
            </div>
          ) : (
            <div className="stack">
              <p className="row small">
                <span className="muted">
                  Based on your profile: {current.niche}, {current.platforms.length}{' '}
                  {current.platforms.length === 1 ? 'platform' : 'platforms'}.
                </span>
                <Link to="/coach/profile">Edit profile</Link>
                <Link to="/coach/projects">My projects</Link>
              </p>
              <Opportunities />
            </div>
          )
        }
      </QueryView>
    </Page>
  );
}
