import { useMutation } from '@tanstack/react-query';
import { ErrorState } from '../../../components/states';
import { downloadExport } from './deliverables-api';

/** Downloads the whole project (plan with progress, decisions, latest drafts) as one Markdown file. */
export function ExportButton({ projectId, title }: { projectId: string; title: string }) {
  const exporting = useMutation({ mutationFn: () => downloadExport(projectId, title) });
  return (
    <div className="stack">
      <button
        type="button"
        className="button button--secondary"
        onClick={() => exporting.mutate()}
        disabled={exporting.isPending}
      >
        {exporting.isPending ? 'Preparing…' : 'Export project (Markdown)'}
      </button>
      <span role="status" className="visually-hidden">
        {exporting.isSuccess ? 'Project exported: check your downloads.' : ''}
      </span>
      {exporting.error ? <ErrorState error={exporting.error} onRetry={() => exporting.mutate()} /> : null}
    </div>
  );
}
