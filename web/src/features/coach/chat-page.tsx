import { Link, useParams } from 'react-router';
import { Page } from '../../components/page';
import { QueryView } from '../../components/states';
import { ChatPanel } from './chat/chat-panel';
import { useProject } from './coach-api';
import { DecisionsPanel } from './decisions-panel';
import './coach.css';

/** /coach/projects/:projectId/chat: the chat on its own, the full height of a phone screen, decisions below. */
export default function ChatPage() {
  const { projectId = '' } = useParams();
  const project = useProject(projectId);
  return (
    <QueryView query={project} label="Loading your project">
      {(p) => (
        <Page title={`Coach · ${p.title}`}>
          <p className="small">
            <Link to={`/coach/projects/${p.id}`}>← Plan and progress</Link> · {p.progress.overallPercent}% done
          </p>
          <div className="stack">
            <ChatPanel project={p} fullHeight />
            <DecisionsPanel project={p} />
          </div>
        </Page>
      )}
    </QueryView>
  );
}
