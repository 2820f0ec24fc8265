import { Link, useParams } from 'react-router';
import { Page } from '../../components/page';
import { QueryView } from '../../components/states';
import { ChatPanel } from './chat/chat-panel';
import { type Project, useProject } from './coach-api';
import { DecisionsPanel } from './decisions-panel';
import { EconomicsCard } from './economics-card';
import { formatDay, statusLabel } from './format';
import { Plan } from './plan';
import { ProjectStatusActions } from './project-status';
import './coach.css';

function Overview({ project }: { project: Project }) {
  const { progress, customizedPlan: plan, outlook } = project;
  const { timeline } = plan.personalization;
  const { economics } = outlook;
  return (
    <section className="card stack overview" aria-label="Progress">
      <div className="overview__head">
        <span className={`status status--${project.status}`}>{statusLabel[project.status]}</span>
        <span className="small muted">
          {outlook.launchBasis === 'decided' ? 'Launch (your decision)' : 'Target launch'}{' '}
          {formatDay(outlook.targetLaunchDate)} · {timeline.hoursPerWeek} h a week
        </span>
      </div>
      <div>
        <p className="overview__progress" data-testid="overall-progress">
          <strong>{progress.overallPercent}%</strong> done · {progress.completedTasks} of {progress.totalTasks} tasks
        </p>
        <div className="meter" role="img" aria-label={`${progress.overallPercent}% of the plan done`}>
          <span style={{ width: `${progress.overallPercent}%` }} />
        </div>
      </div>
      {progress.nextTask ? (
        <p className="small">
          <span className="muted">Next up:</span> {progress.nextTask.title}
        </p>
      ) : null}
      <div className="row overview__links">
        <ProjectStatusActions project={project} />
        {project.documentTaskIds.length > 0 ? (
          <Link to={`/coach/projects/${project.id}/deliverables`}>Deliverables</Link>
        ) : null}
        <Link to="/coach/profile">Edit profile</Link>
        <Link to="/coach/projects">All projects</Link>
      </div>
      {economics ? (
        <details className="overview__economics">
          <summary>Members and revenue you can expect</summary>
          <EconomicsCard
            economics={economics}
            title={outlook.priceBasis === 'decided' ? 'At the price you decided' : 'At the suggested price'}
          />
        </details>
      ) : null}
    </section>
  );
}

/**
 * /coach/projects/:projectId: progress and actions, the plan, the decisions and the chat. On a wide screen the chat
 * sits beside the plan; on a phone it comes first, with a link to the chat on its own page.
 */
export default function ProjectPage() {
  const { projectId = '' } = useParams();
  const project = useProject(projectId);
  return (
    <QueryView query={project} label="Loading your project">
      {(p) => (
        <Page title={p.title}>
          <div className="project-layout">
            <div className="project-layout__main stack">
              <Overview project={p} />
              <p className="project-layout__chat-link">
                <Link to={`/coach/projects/${p.id}/chat`} className="button">
                  Chat with your coach
                </Link>
              </p>
              <Plan project={p} />
            </div>
            <aside className="project-layout__side stack" aria-label="Coach and decisions">
              <div className="project-layout__chat">
                <ChatPanel project={p} />
              </div>
              <DecisionsPanel project={p} />
            </aside>
          </div>
        </Page>
      )}
    </QueryView>
  );
}
