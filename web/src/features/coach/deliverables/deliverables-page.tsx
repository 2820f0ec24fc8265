import './deliverables.css';
import { Link, useParams } from 'react-router';
import { Page } from '../../../components/page';
import { EmptyState, QueryView } from '../../../components/states';
import { type Draft, useDrafts, useProjectTitle } from './deliverables-api';
import { ExportButton } from './export-button';
import { formatDay, plainPreview, sourceLabel } from './format';

/** The project's documents (sales page, pricing table, launch emails, ...), each with its latest draft. */
export default function DeliverablesPage() {
  const { projectId = '' } = useParams();
  const drafts = useDrafts(projectId);
  const title = useProjectTitle(projectId);
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb small">
        <Link to={`/coach/projects/${projectId}`}>← {title.data ?? 'Your plan'}</Link>
      </nav>
      <Page
        title="Deliverables"
        intro="The documents your plan calls for. The coach drafts each one from your profile, plan and decisions; edit, copy and export them."
      >
        {title.data ? (
          <div className="deliverables-toolbar">
            <ExportButton projectId={projectId} title={title.data} />
          </div>
        ) : null}
        <QueryView query={drafts} label="Loading your deliverables">
          {({ documents, drafts: versions }) => {
            if (documents.length === 0) {
              return <EmptyState>This plan has no documents for the coach to draft.</EmptyState>;
            }
            const latest = new Map<string, Draft>();
            const counts = new Map<string, number>();
            for (const d of versions) {
              if (!latest.has(d.taskId)) latest.set(d.taskId, d);
              counts.set(d.taskId, (counts.get(d.taskId) ?? 0) + 1);
            }
            return (
              <ul className="plain-list deliverable-list">
                {documents.map((doc) => {
                  const draft = latest.get(doc.taskId);
                  const count = counts.get(doc.taskId) ?? 0;
                  return (
                    <li key={doc.taskId} className="card deliverable-card">
                      <p className="deliverable-card__phase small muted">{doc.phaseTitle}</p>
                      <h2 className="deliverable-card__title">
                        <Link to={doc.taskId}>{doc.title}</Link>
                      </h2>
                      <p className="small muted">{doc.deliverable}</p>
                      {draft ? (
                        <>
                          <p className="deliverable-card__preview">{plainPreview(draft.content)}</p>
                          <p className="deliverable-card__foot small muted">
                            Version {draft.version} · {sourceLabel(draft)} · {formatDay(draft.updatedAt)}
                            {count > 1 ? ` · ${count} versions` : ''}
                          </p>
                        </>
                      ) : (
                        <p className="deliverable-card__foot small">
                          <span className="deliverable-card__status">Not drafted yet</span>
                          <span className="deliverable-card__cta" aria-hidden="true">
                            Draft it →
                          </span>
                        </p>
                      )}
                    </li>
                  );
                })}
              </ul>
            );
          }}
        </QueryView>
      </Page>
    </>
  );
}
