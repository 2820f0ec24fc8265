import { Link, useSearchParams } from 'react-router';
import { Page } from '../../components/page';
import { EmptyState, QueryView } from '../../components/states';
import { type ProjectStatus, useProjects } from './coach-api';
import { formatDay, statusLabel } from './format';
import './coach.css';

const FILTERS: Array<{ value: ProjectStatus | 'all'; label: string }> = [
  { value: 'all', label: 'All' },
  { value: 'active', label: 'Active' },
  { value: 'paused', label: 'Paused' },
  { value: 'completed', label: 'Completed' },
  { value: 'abandoned', label: 'Abandoned' },
];

const isStatus = (value: string | null): value is ProjectStatus =>
  value === 'active' || value === 'paused' || value === 'completed' || value === 'abandoned';

/** /coach/projects: the creator's projects, newest first, filtered by status (in the URL, so it can be shared). */
export default function ProjectsPage() {
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status = isStatus(raw) ? raw : undefined;
  const projects = useProjects(status);
  return (
    <Page title="My projects" intro="Every project you started with the coach. One can be active at a time.">
      <fieldset className="segmented project-filter">
        <legend className="visually-hidden">Show projects</legend>
        {FILTERS.map((f) => (
          <label key={f.value}>
            <input
              type="radio"
              name="status"
              value={f.value}
              checked={(status ?? 'all') === f.value}
              onChange={() => setParams(f.value === 'all' ? {} : { status: f.value }, { replace: true })}
            />
            <span>{f.label}</span>
          </label>
        ))}
      </fieldset>
      <QueryView query={projects} label="Loading your projects">
        {(list) =>
          list.length === 0 ? (
            <EmptyState>
              {status ? `No ${statusLabel[status]?.toLowerCase()} projects. ` : 'No projects yet. '}
              <Link to="/coach">Start one with the coach</Link>
            </EmptyState>
          ) : (
            <ul className="plain-list project-list">
              {list.map((p) => (
                <li key={p.id} className="card project-card">
                  <div className="project-card__head">
                    <h2>
                      <Link to={`/coach/projects/${p.id}`}>{p.title}</Link>
                    </h2>
                    <span className={`status status--${p.status}`}>{statusLabel[p.status]}</span>
                  </div>
                  <div className="meter" role="img" aria-label={`${p.progress.overallPercent}% done`}>
                    <span style={{ width: `${p.progress.overallPercent}%` }} />
                  </div>
                  <p className="small muted">
                    {p.progress.completedTasks} of {p.progress.totalTasks} tasks · started {formatDay(p.createdAt)}
                  </p>
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
    </Page>
  );
}
