import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, NetworkError } from '../../../lib/api/errors';
import { coachKeys, type Decision, type Project } from '../coach-api';
import { type ChatEvent, type ChatEvents, streamChat } from './chat-stream';

export type TurnState = 'sending' | 'streaming' | 'done' | 'stopped' | 'failed' | 'dropped' | 'refused';

/** One exchange sent from this page: the creator's message and the coach's reply as it streams. */
export interface Turn {
  clientMessageId: string;
  message: string;
  reply: string;
  state: TurnState;
  userMessageId?: string;
  assistantMessageId?: string;
  decisions: ChatEvents['decision'][];
  tasks: ChatEvents['task'][];
  nextSteps: NonNullable<ChatEvents['done']['nextSteps']>;
  /** Why the reply failed or was refused, in words. */
  problem?: string;
  refusal?: ApiError;
  /** When the refusal came (Date.now()), to tell it from an older or newer allowance. */
  refusedAt?: number;
}

const newClientMessageId = () => crypto.randomUUID();

/**
 * The live chat: sends, streams, stops and resends (same clientMessageId, so the server replays instead of charging
 * a second message). Decisions and finished tasks go straight into the cached decisions and project, so the plan and
 * the decisions panel change as the chip appears.
 */
export function useChat(projectId: string) {
  const queryClient = useQueryClient();
  const [turns, setTurns] = useState<Turn[]>([]);
  const controller = useRef<AbortController | null>(null);
  const streaming = turns.some((t) => t.state === 'sending' || t.state === 'streaming');

  useEffect(() => () => controller.current?.abort(), []);

  const update = useCallback((id: string, change: (turn: Turn) => Turn) => {
    setTurns((all) => all.map((t) => (t.clientMessageId === id ? change(t) : t)));
  }, []);

  const applyDecision = useCallback(
    (decision: ChatEvents['decision']) => {
      const current: Decision = { ...decision, status: 'current', supersededById: null, supersededAt: null };
      queryClient.setQueryData<Decision[]>(coachKeys.decisions(projectId, false), (list) =>
        list ? [current, ...list.filter((d) => d.category !== decision.category)] : list,
      );
      queryClient.setQueryData<Decision[]>(coachKeys.decisions(projectId, true), (list) =>
        list
          ? [
              current,
              ...list.map((d) =>
                d.category === decision.category && d.status === 'current'
                  ? { ...d, status: 'superseded' as const, supersededById: decision.id }
                  : d,
              ),
            ]
          : list,
      );
    },
    [queryClient, projectId],
  );

  const refreshAfterTurn = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: coachKeys.project(projectId), exact: true });
    void queryClient.invalidateQueries({ queryKey: ['coach', 'projects', 'one', projectId, 'decisions'] });
    void queryClient.invalidateQueries({ queryKey: coachKeys.allowance });
    void queryClient.invalidateQueries({ queryKey: coachKeys.projectLists });
  }, [queryClient, projectId]);

  const run = useCallback(
    async (turn: Turn) => {
      const abort = new AbortController();
      controller.current = abort;
      const id = turn.clientMessageId;
      const onEvent = (event: ChatEvent) => {
        switch (event.type) {
          case 'start':
            update(id, (t) => ({
              ...t,
              state: 'streaming',
              userMessageId: event.data.userMessageId,
              assistantMessageId: event.data.assistantMessageId ?? undefined,
              // A replay sends the stored reply whole.
              reply: event.data.replay ? '' : t.reply,
            }));
            break;
          case 'delta':
            update(id, (t) => ({ ...t, reply: t.reply + event.data.text }));
            break;
          case 'decision':
            update(id, (t) => ({ ...t, decisions: [...t.decisions, event.data] }));
            applyDecision(event.data);
            break;
          case 'task':
            update(id, (t) => ({ ...t, tasks: [...t.tasks, event.data] }));
            void queryClient.invalidateQueries({ queryKey: coachKeys.project(projectId), exact: true });
            break;
          case 'done': {
            const { progress, nextSteps } = event.data;
            if (progress) {
              queryClient.setQueryData<Project>(coachKeys.project(projectId), (p) => (p ? { ...p, progress } : p));
            }
            const cutOff = event.data.status === 'incomplete';
            update(id, (t) => ({
              ...t,
              state: cutOff ? 'stopped' : 'done',
              nextSteps: nextSteps ?? [],
              // A replayed reply that had been cut off (the connection dropped while it streamed).
              problem: cutOff ? 'The reply was cut off before the end; this is the part that was saved.' : undefined,
            }));
            break;
          }
          case 'error':
            update(id, (t) => ({ ...t, state: 'failed', problem: event.data.message }));
            break;
          case 'status':
            update(id, (t) => ({ ...t, state: 'dropped', problem: event.data.message }));
            break;
        }
      };
      try {
        await streamChat(projectId, { message: turn.message, clientMessageId: id }, onEvent, abort.signal);
        // A stream that ended without done or error was cut off by a proxy or the server going away.
        update(id, (t) =>
          t.state === 'streaming' || t.state === 'sending'
            ? { ...t, state: 'dropped', problem: 'The connection closed before the reply finished.' }
            : t,
        );
      } catch (error) {
        if (abort.signal.aborted) update(id, (t) => ({ ...t, state: 'stopped' }));
        else if (error instanceof ApiError) {
          update(id, (t) => ({
            ...t,
            state: 'refused',
            refusal: error,
            refusedAt: Date.now(),
            problem: explainRefusal(error),
          }));
        } else {
          const problem =
            error instanceof NetworkError ? 'The connection dropped before the reply finished.' : String(error);
          update(id, (t) => ({ ...t, state: 'dropped', problem }));
        }
      } finally {
        if (controller.current === abort) controller.current = null;
        refreshAfterTurn();
      }
    },
    [projectId, update, applyDecision, queryClient, refreshAfterTurn],
  );

  const send = useCallback(
    (message: string) => {
      const turn: Turn = {
        clientMessageId: newClientMessageId(),
        message,
        reply: '',
        state: 'sending',
        decisions: [],
        tasks: [],
        nextSteps: [],
      };
      setTurns((all) => [...all, turn]);
      void run(turn);
    },
    [run],
  );

  /** After a dropped connection: the same clientMessageId, so the server replays what it stored. */
  const resend = useCallback(
    (turn: Turn) => {
      const again: Turn = { ...turn, state: 'sending', reply: turn.reply, problem: undefined };
      update(turn.clientMessageId, () => again);
      void run(again);
    },
    [run, update],
  );

  const stop = useCallback(() => controller.current?.abort(), []);

  return { turns, streaming, send, resend, stop };
}

const timeOf = (iso: string) =>
  new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' }).format(new Date(iso));

function inWords(seconds: number): string {
  if (seconds < 90) {
    const whole = Math.max(1, Math.round(seconds));
    return `${whole} ${whole === 1 ? 'second' : 'seconds'}`;
  }
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `${minutes} minutes`;
  const hours = Math.round(minutes / 60);
  return `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
}

/** Today's coach messages are used up until `resetAt`. */
export interface DailyLimit {
  limit?: number;
  resetAt: string;
  retryAfterSeconds?: number;
}

/** The daily limit's details on a 429 `daily_limit_reached`, or null for any other error. */
export function dailyLimitOf(error: ApiError | undefined): DailyLimit | null {
  if (error?.status !== 429 || error.code !== 'daily_limit_reached') return null;
  const details = (error.details ?? {}) as { limit?: number; resetAt?: string; retryAfterSeconds?: number };
  return details.resetAt ? { ...details, resetAt: details.resetAt } : null;
}

/**
 * Today's coach messages are used up, in words. Chat and drafts share the limit, as the server's own message says.
 * `seconds` is the server's count (Retry-After) when there is one: the device's clock may be off.
 */
export function dailyLimitText({ limit, resetAt, retryAfterSeconds }: DailyLimit): string {
  const seconds = retryAfterSeconds ?? (new Date(resetAt).getTime() - Date.now()) / 1000;
  // Without the server's count, a device clock that is off can put the reset in the past: then only the time.
  const wait = seconds > 0 ? ` (in about ${inWords(seconds)})` : '';
  return `You've used all ${limit ?? 'your'} coach messages and drafts for today. They come back at ${timeOf(resetAt)}${wait}. Your plan, tasks and decisions stay available meanwhile.`;
}

/** A refusal before the stream, said the way a person would. */
export function explainRefusal(error: ApiError): string {
  const details = (error.details ?? {}) as { limit?: number; resetAt?: string; retryAfterSeconds?: number };
  if (error.status === 429) {
    const daily = dailyLimitOf(error);
    if (daily) return dailyLimitText(daily);
    if (error.code === 'too_many_streams') {
      return 'The coach is still answering you in another tab or window. Wait for that reply to finish, then send this again.';
    }
    const wait = details.retryAfterSeconds ? ` Wait about ${inWords(details.retryAfterSeconds)} and` : '';
    return `You're sending messages faster than the coach takes them.${wait} try again.`;
  }
  if (error.status === 409) return error.message;
  if (error.status >= 500) return 'Something went wrong on our side. Your message was not sent; try again.';
  return error.message;
}
