import { useId, useState } from 'react';
import { Link } from 'react-router';
import { ErrorState } from '../../components/states';
import { type PlanTask, type Project, useSetTask } from './coach-api';
import { costRange, hoursRange } from './format';

function TaskItem({ project, task }: { project: Project; task: PlanTask }) {
  const id = useId();
  const state = project.taskStates.find((s) => s.taskId === task.id);
  const done = state?.completed ?? false;
  const [notes, setNotes] = useState(state?.notes ?? '');
  const setTask = useSetTask(project.id);
  const editable = project.status === 'active' || project.status === 'paused';
  const points = project.customizedPlan.decisionPoints.filter((d) => d.taskIds.includes(task.id));
  const isDocument = project.documentTaskIds.includes(task.id);
  return (
    <li className={`task ${done ? 'task--done' : ''}`} data-testid="task">
      <div className="task__row">
        <input
          type="checkbox"
          id={`${id}-done`}
          checked={done}
          // Not disabled while saving: the tick shows at once, and quick clicks queue (useSetTask).
          disabled={!editable}
          onChange={(e) => setTask.mutate({ taskId: task.id, completed: e.target.checked })}
        />
        <label htmlFor={`${id}-done`} className="task__title">
          {task.title}
        </label>
        <span className="task__meta small muted">
          {hoursRange(task.timeEstimate)} · {costRange(task.costEstimate)}
        </span>
      </div>
      {state?.source === 'detected' && done ? (
        <p className="small muted task__note">Marked done from your chat with the coach.</p>
      ) : null}
      {setTask.error ? <ErrorState error={setTask.error} /> : null}
      <details className="task__details">
        <summary>
          Details<span className="visually-hidden"> of {task.title}</span>
        </summary>
        <div className="stack task__body">
          <p>{task.description}</p>
          <p>
            <strong>Why it matters:</strong> {task.whyItMatters}
          </p>
          <div>
            <h4>Steps</h4>
            <ol className="steps">
              {task.steps.map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ol>
          </div>
          <dl className="task__facts">
            <div>
              <dt>Time</dt>
              <dd>{hoursRange(task.timeEstimate)}</dd>
            </div>
            <div>
              <dt>Cost</dt>
              <dd>
                {costRange(task.costEstimate)}
                {task.costEstimate.note ? <span className="muted"> · {task.costEstimate.note}</span> : null}
              </dd>
            </div>
            <div>
              <dt>Done when</dt>
              <dd>{task.deliverable}</dd>
            </div>
          </dl>
          {points.map((p) => (
            <div key={p.id} className="notice">
              <strong>Decide: {p.question}</strong> <span className="muted">{p.guidance}</span>
            </div>
          ))}
          {isDocument ? (
            <p>
              <Link to={`/coach/projects/${project.id}/deliverables`}>Draft this with the coach →</Link>
            </p>
          ) : null}
          {editable ? (
            <form
              className="field"
              onSubmit={(e) => {
                e.preventDefault();
                setTask.mutate({ taskId: task.id, completed: done, notes });
              }}
            >
              <label htmlFor={`${id}-notes`}>Notes</label>
              <textarea id={`${id}-notes`} rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
              <div className="row">
                <button type="submit" className="button button--secondary" disabled={setTask.isPending}>
                  Save notes
                </button>
                {setTask.isSuccess && setTask.variables?.notes !== undefined ? (
                  <span className="small muted">Saved.</span>
                ) : null}
              </div>
            </form>
          ) : state?.notes ? (
            <p className="small">Notes: {state.notes}</p>
          ) : null}
        </div>
      </details>
    </li>
  );
}

/** The plan: phases with their progress, and each task with its details on expand. */
export function Plan({ project }: { project: Project }) {
  const { customizedPlan: plan, progress } = project;
  const current = progress.nextTask?.phaseId ?? plan.phases[0]?.id;
  return (
    <section className="stack" aria-labelledby="plan-title">
      <h2 id="plan-title">Your plan</h2>
      {plan.phases.map((phase, i) => {
        const p = progress.phases.find((x) => x.id === phase.id);
        return (
          <details
            key={phase.id}
            className="card phase"
            data-testid="phase"
            // The phase with the next task is open; the others are one click away.
            open={phase.id === current}
          >
            <summary className="phase__summary">
              <span className="phase__head">
                <span className="phase__title">
                  <span className="phase__number">Phase {i + 1}</span>
                  <h3 id={`phase-${phase.id}`}>{phase.title}</h3>
                </span>
                {p ? (
                  <span className="small muted" data-testid="phase-progress">
                    {p.completedTasks}/{p.totalTasks} · {p.percent}%
                  </span>
                ) : null}
              </span>
              {p ? (
                <span className="meter" role="img" aria-label={`${phase.title}: ${p.percent}% done`}>
                  <span style={{ width: `${p.percent}%` }} />
                </span>
              ) : null}
            </summary>
            <p className="small muted">{phase.goal}</p>
            <ul className="plain-list tasks">
              {phase.tasks.map((task) => (
                <TaskItem key={task.id} project={project} task={task} />
              ))}
            </ul>
          </details>
        );
      })}
      <details className="card tips">
        <summary>
          <h3 className="tips__title">Pro tips and common pitfalls</h3>
        </summary>
        <div className="stack">
          <ul>
            {plan.proTips.map((t) => (
              <li key={t}>{t}</li>
            ))}
          </ul>
          <dl className="pitfalls">
            {plan.commonPitfalls.map((p) => (
              <div key={p.pitfall}>
                <dt>{p.pitfall}</dt>
                <dd>{p.fix}</dd>
              </div>
            ))}
          </dl>
        </div>
      </details>
    </section>
  );
}
