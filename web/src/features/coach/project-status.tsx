import { useState } from 'react';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorState } from '../../components/states';
import { type Project, type ProjectStatus, useSetProjectStatus } from './coach-api';

interface Change {
  to: ProjectStatus;
  action: string;
  question: string;
  consequence: string;
  danger?: boolean;
}

const CHANGES: Record<'pause' | 'resume' | 'abandon', Change> = {
  pause: {
    to: 'paused',
    action: 'Pause',
    question: 'Pause this project?',
    consequence: 'Your plan, progress and decisions are kept. The coach chat is off until you resume.',
  },
  resume: {
    to: 'active',
    action: 'Resume',
    question: 'Resume this project?',
    consequence: 'It becomes your active project again, and you can chat with the coach.',
  },
  abandon: {
    to: 'abandoned',
    action: 'Abandon',
    question: 'Abandon this project?',
    consequence:
      'It stays in My projects with its history, but you cannot resume it. You can then start a new project.',
    danger: true,
  },
};

/** Pause, resume and abandon, each confirmed in a modal dialog (Escape cancels; focus returns to the button). */
export function ProjectStatusActions({ project }: { project: Project }) {
  const [pending, setPending] = useState<Change | null>(null);
  const setStatus = useSetProjectStatus(project.id);
  const available =
    project.status === 'active'
      ? [CHANGES.pause, CHANGES.abandon]
      : project.status === 'paused'
        ? [CHANGES.resume, CHANGES.abandon]
        : [];
  if (available.length === 0) return null;
  return (
    <div className="row">
      {available.map((c) => (
        <button
          key={c.to}
          type="button"
          className={`button button--secondary ${c.danger ? 'button--danger' : ''}`}
          onClick={() => {
            setStatus.reset();
            setPending(c);
          }}
        >
          {c.action}
        </button>
      ))}
      <ConfirmDialog
        open={pending !== null}
        title={pending?.question ?? ''}
        confirmLabel={`${pending?.action ?? ''} project`}
        busy={setStatus.isPending}
        danger={pending?.danger}
        onConfirm={() => pending && setStatus.mutate(pending.to, { onSuccess: () => setPending(null) })}
        onCancel={() => setPending(null)}
      >
        <p>{pending?.consequence}</p>
        {setStatus.error ? <ErrorState error={setStatus.error} /> : null}
      </ConfirmDialog>
    </div>
  );
}
