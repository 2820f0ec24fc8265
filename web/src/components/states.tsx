import type { ReactNode } from 'react';
import { describeError, isRetryable } from '../lib/api/errors';

export function Spinner({ label = 'Loading' }: { label?: string }) {
  return (
    <span role="status" className="row muted">
      <span className="spinner" aria-hidden="true" /> {label}…
    </span>
  );
}

/** An error with what happened and, when another try may help (5xx, lost connection), a retry button. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <div role="alert" className="notice notice--error stack">
      <p>{describeError(error)}</p>
      {onRetry && isRetryable(error) ? (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <div className="notice muted">{children}</div>;
}

interface QueryLike<T> {
  data: T | undefined;
  error: unknown;
  isPending: boolean;
  refetch: () => unknown;
}

/** Loading, error (with retry) or the data: the three states every page shows. */
export function QueryView<T>({
  query,
  label,
  children,
}: {
  query: QueryLike<T>;
  label?: string;
  children: (data: T) => ReactNode;
}) {
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (query.isPending || query.data === undefined) return <Spinner label={label} />;
  return <>{children(query.data)}</>;
}
