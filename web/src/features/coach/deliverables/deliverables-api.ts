import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, call, type Schemas } from '../../../lib/api/client';
import { ApiError, NetworkError } from '../../../lib/api/errors';
import { sessionToken, setSessionToken } from '../../../lib/api/session';
import { readServerSentEvents } from '../../../lib/sse';

export type Draft = Schemas['Draft'];
export type DocumentTask = Schemas['DocumentTask'];

const base = '/api/v1/monetization/projects';
export const draftsKey = (projectId: string) => ['coach', 'drafts', projectId] as const;

/** The project's document tasks and every version of their drafts (newest first per task). */
export function useDrafts(projectId: string) {
  return useQuery({
    queryKey: draftsKey(projectId),
    queryFn: () => call(api.GET(`${base}/{id}/drafts`, { params: { path: { id: projectId }, query: {} } })),
    // A stopped stream is closed by the server a moment after the browser lets go: look again until it is.
    refetchInterval: (query) => (query.state.data?.drafts.some((d) => d.status === 'streaming') ? 1000 : false),
  });
}

export function useProjectTitle(projectId: string) {
  return useQuery({
    queryKey: ['coach', 'deliverables', 'project', projectId],
    queryFn: () => call(api.GET(`${base}/{id}`, { params: { path: { id: projectId } } })),
    select: (answer) => answer.project.title,
  });
}

export function saveEdit(projectId: string, taskId: string, version: number, content: string) {
  return call(
    api.PATCH(`${base}/{id}/tasks/{taskId}/drafts/{version}`, {
      params: { path: { id: projectId, taskId, version } },
      body: { content },
    }),
  );
}

const authorization = (): Record<string, string> => {
  const token = sessionToken();
  return token ? { authorization: `Bearer ${token}` } : {};
};

/** An error answer of a fetch made outside the typed client, as the client would throw it. */
async function failure(response: Response): Promise<ApiError> {
  const envelope = (
    (await response.json().catch(() => undefined)) as
      | { error?: { code?: string; message?: string; details?: unknown } }
      | undefined
  )?.error;
  if (response.status === 401) setSessionToken(null);
  return new ApiError(
    response.status,
    envelope?.code ?? 'http_error',
    envelope?.message ?? `${response.status} ${response.statusText}`,
    envelope?.details,
  );
}

/**
 * Downloads the project as Markdown. The export needs the bearer token, which a plain link cannot send, so the file
 * is fetched and handed to the browser as a download of its own.
 */
export async function downloadExport(projectId: string, title: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`${base}/${encodeURIComponent(projectId)}/export?format=md`, { headers: authorization() });
  } catch (error) {
    throw new NetworkError(error);
  }
  if (!response.ok) throw await failure(response);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = `${title.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'project'}.md`;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has handed the file over; the URL is only released once the browser has had a turn to read it.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export type StreamState =
  | { phase: 'idle' }
  | { phase: 'streaming'; text: string; version?: number }
  | { phase: 'stopped'; text: string; version?: number }
  | { phase: 'failed'; text: string; error: unknown }
  | { phase: 'done'; draft: Draft };

/**
 * A new draft of a task, streamed: `start` names its version, each `delta` adds text, `done` holds the stored draft;
 * `stop` aborts the request (the server keeps what arrived as an incomplete version).
 */
export function useDraftStream(projectId: string, taskId: string) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<StreamState>({ phase: 'idle' });
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  const start = useCallback(async () => {
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    let text = '';
    let version: number | undefined;
    setState({ phase: 'streaming', text });
    try {
      let response: Response;
      try {
        response = await fetch(`${base}/${encodeURIComponent(projectId)}/tasks/${encodeURIComponent(taskId)}/draft`, {
          method: 'POST',
          headers: { ...authorization(), accept: 'text/event-stream', 'content-type': 'application/json' },
          body: '{}',
          signal: abort.signal,
        });
      } catch (error) {
        throw abort.signal.aborted ? error : new NetworkError(error);
      }
      if (!response.ok || !response.body) throw await failure(response);
      for await (const event of readServerSentEvents(response.body)) {
        const data = JSON.parse(event.data) as Record<string, unknown>;
        if (event.event === 'start') {
          version = Number(data.version);
          setState({ phase: 'streaming', text, version });
        } else if (event.event === 'delta') {
          text += String(data.text ?? '');
          setState({ phase: 'streaming', text, version });
        } else if (event.event === 'done') {
          // The stored draft comes with `done`; without it the refreshed list below shows what was kept.
          setState(data.draft ? { phase: 'done', draft: data.draft as Draft } : { phase: 'idle' });
        } else if (event.event === 'error') {
          setState({ phase: 'failed', text, error: new Error(String(data.message)) });
        }
      }
    } catch (error) {
      if (abort.signal.aborted) setState({ phase: 'stopped', text, version });
      else setState({ phase: 'failed', text, error });
    } finally {
      if (controller.current === abort) controller.current = null;
      await queryClient.invalidateQueries({ queryKey: draftsKey(projectId) });
    }
  }, [projectId, taskId, queryClient]);

  const stop = useCallback(() => controller.current?.abort(), []);
  const reset = useCallback(() => setState({ phase: 'idle' }), []);
  return { state, start, stop, reset };
}

/** What a refusal to draft means for the creator, in words. */
export function describeDraftError(error: unknown): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  if (error.code === 'daily_limit_reached') {
    const details = error.details as { limit?: number; resetAt?: string } | undefined;
    const resetAt = details?.resetAt
      ? new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(
          new Date(details.resetAt),
        )
      : 'midnight UTC';
    const limit =
      details?.limit === 1
        ? ' of 1 coach message or draft'
        : details?.limit
          ? ` of ${details.limit} coach messages and drafts`
          : ' of coach messages and drafts';
    return `You have reached today's limit${limit} (chat and drafts share it). You can draft again from ${resetAt}; meanwhile your drafts stay here to edit, copy and export.`;
  }
  if (error.code === 'too_many_streams') {
    return 'The coach is still writing another reply for you. Wait for it to finish (or stop it), then try again.';
  }
  return undefined;
}
