import { type KeyboardEvent, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ErrorState, Spinner } from '../../../components/states';
import { type ChatMessage, type Project, useAllowance, useMessageHistory } from '../coach-api';
import { withDatesInWords } from '../format';
import { Markdown } from './markdown';
import { dailyLimitOf, dailyLimitText, type Turn, useChat } from './use-chat';
import { useDailyLimit } from './use-daily-limit';

const STARTERS = [
  'What price should I charge?',
  'How many paying members can I expect?',
  'What should I work on this week?',
];

const timeOf = (iso: string) =>
  new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' }).format(new Date(iso));

function Allowance() {
  const allowance = useAllowance();
  if (!allowance.data) return null;
  const { remaining, limit, resetAt } = allowance.data;
  return (
    <p className={`small ${remaining === 0 ? 'chat-allowance--out' : 'muted'}`} data-testid="chat-allowance">
      {remaining} of {limit} coach messages and drafts left today · resets at {timeOf(resetAt)}
    </p>
  );
}

function Chips({ turn }: { turn: Pick<Turn, 'decisions' | 'tasks'> }) {
  if (turn.decisions.length === 0 && turn.tasks.length === 0) return null;
  return (
    <ul className="chips" aria-label="What this message changed">
      {turn.decisions.map((d) => (
        <li key={d.id} className="chip chip--decision" data-testid="decision-chip">
          <span className="chip__label">Decided · {d.category}</span> {withDatesInWords(d.summary)}
        </li>
      ))}
      {turn.tasks.map((t) => (
        <li key={t.taskId} className="chip chip--task" data-testid="task-chip">
          <span className="chip__label">Task done</span> {t.title}
        </li>
      ))}
    </ul>
  );
}

function TurnStatus({ turn, onResend }: { turn: Turn; onResend: (turn: Turn) => void }) {
  switch (turn.state) {
    case 'sending':
      return <p className="small muted">Sending…</p>;
    case 'stopped':
      return <p className="small muted">{turn.problem ?? 'Stopped. The reply so far is saved.'}</p>;
    case 'failed':
      return <p className="small chat-problem">{turn.problem}</p>;
    case 'dropped':
      return (
        <div className="row small chat-problem">
          <span>{turn.problem}</span>
          <button type="button" className="button button--secondary" onClick={() => onResend(turn)}>
            Resend
          </button>
        </div>
      );
    default:
      return null;
  }
}

function HistoryMessage({ message }: { message: ChatMessage }) {
  if (message.role === 'user') {
    return (
      <li className="bubble bubble--user">
        <span className="visually-hidden">You: </span>
        <p>{message.content}</p>
      </li>
    );
  }
  return (
    <li className="bubble bubble--coach">
      <span className="visually-hidden">Coach: </span>
      <Markdown source={message.content} />
      {message.status === 'incomplete' ? <p className="small muted">Stopped before the end.</p> : null}
    </li>
  );
}

function LiveTurn({ turn, onResend }: { turn: Turn; onResend: (turn: Turn) => void }) {
  const waiting = (turn.state === 'sending' || turn.state === 'streaming') && turn.reply === '';
  return (
    <>
      <li className="bubble bubble--user">
        <span className="visually-hidden">You: </span>
        <p>{turn.message}</p>
      </li>
      {turn.state === 'refused' ? (
        <li className="notice notice--warning chat-refusal" data-testid="chat-refusal">
          {turn.problem}
        </li>
      ) : (
        <li className="bubble bubble--coach" data-testid="coach-reply" aria-busy={turn.state === 'streaming'}>
          <span className="visually-hidden">Coach: </span>
          {waiting ? (
            <span className="typing">
              <span className="visually-hidden">The coach is writing…</span>
              <span aria-hidden="true" />
              <span aria-hidden="true" />
              <span aria-hidden="true" />
            </span>
          ) : (
            <Markdown source={turn.reply} />
          )}
          <Chips turn={turn} />
          <TurnStatus turn={turn} onResend={onResend} />
        </li>
      )}
    </>
  );
}

/**
 * The coach chat: history loading upward, replies streaming in, Stop, resend after a drop, chips for what a message
 * decided or finished, and today's allowance. Enter sends, Shift+Enter is a new line, Escape stops.
 */
export function ChatPanel({ project, fullHeight = false }: { project: Project; fullHeight?: boolean }) {
  const history = useMessageHistory(project.id);
  const { turns, streaming, send, resend, stop } = useChat(project.id);
  // Used up for today: sending is off until the reset, instead of every message being sent and refused.
  const dailyLimit = useDailyLimit(turns);
  const chat = useRef<HTMLElement>(null);
  const [draft, setDraft] = useState('');
  const log = useRef<HTMLElement>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const fromBottom = useRef<number | null>(null);
  const stickToBottom = useRef(true);
  const inputId = useId();
  const [announcement, setAnnouncement] = useState('');

  const messages = useMemo(() => {
    const pages = history.data?.pages ?? [];
    const live = new Set(turns.flatMap((t) => [t.userMessageId, t.assistantMessageId]));
    return pages
      .flatMap((p) => p.messages)
      .filter((m) => !live.has(m.id))
      .reverse();
  }, [history.data, turns]);

  // Older pages go on top: keep the view where it was instead of jumping.
  useLayoutEffect(() => {
    const element = log.current;
    if (!element) return;
    if (fromBottom.current !== null) {
      element.scrollTop = element.scrollHeight - fromBottom.current;
      fromBottom.current = null;
    } else if (stickToBottom.current) {
      element.scrollTop = element.scrollHeight;
    }
  });

  const last = turns.at(-1);
  useEffect(() => {
    if (last?.state === 'done') setAnnouncement('The coach replied.');
    else if (last?.state === 'stopped') setAnnouncement('Stopped. The reply so far is saved.');
  }, [last?.state]);

  // The chat page: the card fills the screen below what comes before it (--chat-top), so on a phone the message box
  // is in view without scrolling; the header above wraps differently at each width, hence measured.
  useLayoutEffect(() => {
    const element = chat.current;
    if (!fullHeight || !element) return;
    const place = () => {
      element.style.setProperty('--chat-top', `${Math.round(element.getBoundingClientRect().top + window.scrollY)}px`);
      // A new height (turning the phone, say) keeps the newest message in view.
      if (stickToBottom.current && log.current) log.current.scrollTop = log.current.scrollHeight;
    };
    place();
    const observer = new ResizeObserver(place);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, [fullHeight]);

  const active = project.status === 'active';
  const canSend = active && dailyLimit === null;
  const refusedForLimit = dailyLimitOf(last?.refusal) !== null;
  const submit = () => {
    const text = draft.trim();
    if (!text || streaming || !canSend) return;
    stickToBottom.current = true;
    send(text);
    setDraft('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    } else if (event.key === 'Escape' && streaming) {
      event.preventDefault();
      stop();
    }
  };
  const loadEarlier = () => {
    const element = log.current;
    if (element) fromBottom.current = element.scrollHeight - element.scrollTop;
    void history.fetchNextPage();
  };

  return (
    <section ref={chat} className={`card chat ${fullHeight ? 'chat--full' : ''}`} aria-labelledby={`${inputId}-title`}>
      <div className="chat__head">
        <h2 id={`${inputId}-title`}>Your coach</h2>
        <Allowance />
      </div>
      <section
        className="chat__log"
        ref={log}
        // Scrollable, so reachable by keyboard (arrow keys scroll the conversation).
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to scroll by keyboard
        tabIndex={0}
        aria-label="Conversation history"
        data-testid="chat-log"
        onScroll={(event) => {
          const el = event.currentTarget;
          stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
        }}
      >
        {history.hasNextPage ? (
          <button
            type="button"
            className="link-button chat__earlier"
            onClick={loadEarlier}
            disabled={history.isFetchingNextPage}
          >
            {history.isFetchingNextPage ? 'Loading earlier messages…' : 'Load earlier messages'}
          </button>
        ) : null}
        {history.error ? <ErrorState error={history.error} onRetry={() => void history.refetch()} /> : null}
        {history.isPending ? <Spinner label="Loading the conversation" /> : null}
        <ol className="chat__messages plain-list" aria-label="Conversation">
          {messages.map((m) => (
            <HistoryMessage key={m.id} message={m} />
          ))}
          {turns.map((t) => (
            <LiveTurn key={t.clientMessageId} turn={t} onResend={resend} />
          ))}
        </ol>
      </section>
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
      {active ? (
        <form
          className="chat__composer"
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          {canSend && turns.length === 0 && messages.length <= 1 ? (
            <div className="chat__starters">
              {STARTERS.map((s) => (
                <button
                  key={s}
                  type="button"
                  className="chip chip--starter"
                  onClick={() => {
                    setDraft(s);
                    input.current?.focus();
                  }}
                >
                  {s}
                </button>
              ))}
            </div>
          ) : null}
          <label htmlFor={inputId} className="visually-hidden">
            Message your coach
          </label>
          <div className="chat__input-row">
            <textarea
              id={inputId}
              ref={input}
              rows={2}
              value={draft}
              maxLength={4000}
              placeholder={dailyLimit ? 'No coach messages left today' : 'Ask your coach, or tell it what you decided…'}
              disabled={dailyLimit !== null}
              aria-describedby={dailyLimit ? `${inputId}-limit` : undefined}
              onChange={(event) => setDraft(event.target.value)}
              onKeyDown={onKeyDown}
            />
            {streaming ? (
              <button type="button" className="button button--secondary" onClick={stop}>
                Stop
              </button>
            ) : (
              <button type="submit" className="button" disabled={draft.trim() === '' || !canSend}>
                Send
              </button>
            )}
          </div>
          {dailyLimit ? (
            // The refusal just above in the log already says it in full.
            <p className="notice notice--warning chat__limit" id={`${inputId}-limit`} data-testid="chat-limit">
              {refusedForLimit
                ? `Sending is off until ${timeOf(dailyLimit.resetAt)}, when your coach messages and drafts come back.`
                : dailyLimitText(dailyLimit)}
            </p>
          ) : (
            <p className="small muted chat__hint">Enter to send · Shift+Enter for a new line · Esc to stop a reply</p>
          )}
        </form>
      ) : (
        <p className="notice">
          This project is {project.status}.{' '}
          {project.status === 'paused' ? 'Resume it to chat with your coach.' : 'The conversation is kept as it was.'}{' '}
          <Link to="/coach/projects">All projects</Link>
        </p>
      )}
    </section>
  );
}
