import { useState } from 'react';
import { QueryView } from '../../components/states';
import { type Decision, type Project, useDecisions } from './coach-api';
import { formatDay, withDatesInWords } from './format';

const CATEGORY: Record<Decision['category'], string> = {
  pricing: 'Pricing',
  platform: 'Platform',
  structure: 'Structure',
  timeline: 'Timeline',
  content: 'Content',
};

function DecisionItem({ decision }: { decision: Decision }) {
  const superseded = decision.status === 'superseded';
  return (
    <li className={`decision ${superseded ? 'decision--superseded' : ''}`} data-testid="decision">
      <span className="decision__category">{CATEGORY[decision.category]}</span>
      <span className="decision__summary">
        {superseded ? <span className="visually-hidden">Replaced: </span> : null}
        {withDatesInWords(decision.summary)}
      </span>
      <span className="small muted">
        {decision.confidence} confidence · {formatDay(decision.createdAt)}
        {superseded && decision.supersededAt ? ` · replaced ${formatDay(decision.supersededAt)}` : ''}
      </span>
      {decision.rationale ? <span className="small">Because {decision.rationale}</span> : null}
    </li>
  );
}

/** What the creator has decided in the chat: current decisions, the replaced ones one click away, and what's open. */
export function DecisionsPanel({ project }: { project: Project }) {
  const [history, setHistory] = useState(false);
  const current = useDecisions(project.id, false);
  const all = useDecisions(project.id, true);
  const open = project.progress.openDecisionPoints;
  const superseded = (all.data ?? []).filter((d) => d.status === 'superseded');
  return (
    <section className="card stack decisions" aria-labelledby="decisions-title" data-testid="decisions-panel">
      <h2 id="decisions-title">Decisions</h2>
      <QueryView query={current} label="Loading decisions">
        {(list) =>
          list.length === 0 ? (
            <p className="muted small">
              None yet. Tell the coach what you decide ("I'll charge $29/month") and it lands here.
            </p>
          ) : (
            <ul className="plain-list decision-list">
              {list.map((d) => (
                <DecisionItem key={d.id} decision={d} />
              ))}
            </ul>
          )
        }
      </QueryView>
      {superseded.length > 0 ? (
        <div>
          <button type="button" className="link-button" aria-expanded={history} onClick={() => setHistory((h) => !h)}>
            {history ? 'Hide' : 'Show'} earlier decisions ({superseded.length})
          </button>
          {history ? (
            <ul className="plain-list decision-list" aria-label="Earlier decisions">
              {superseded.map((d) => (
                <DecisionItem key={d.id} decision={d} />
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {open.length > 0 ? (
        <div>
          <h3 className="small">Still to decide</h3>
          <ul className="small open-points">
            {open.map((p) => (
              <li key={p.id}>{p.question}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
