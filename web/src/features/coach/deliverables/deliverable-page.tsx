import './deliverables.css';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Page } from '../../../components/page';
import { EmptyState, ErrorState, QueryView } from '../../../components/states';
import { describeError } from '../../../lib/api/errors';
import {
  type DocumentTask,
  type Draft,
  describeDraftError,
  draftsKey,
  saveEdit,
  useDraftStream,
  useDrafts,
  useProjectTitle,
} from './deliverables-api';
import { ExportButton } from './export-button';
import { formatDay, sourceLabel } from './format';
import { Markdown } from './markdown';

/** One document task: its drafts, streamed, edited (each save a new version), compared and copied. */
export default function DeliverablePage() {
  const { projectId = '', taskId = '' } = useParams();
  const drafts = useDrafts(projectId);
  return (
    <QueryView query={drafts} label="Loading the draft">
      {({ documents, drafts: all }) => {
        const doc = documents.find((d) => d.taskId === taskId);
        if (!doc) {
          return (
            <Page title="Deliverable not found">
              <EmptyState>
                This task has no document to draft.{' '}
                <Link to={`/coach/projects/${projectId}/deliverables`}>See all deliverables</Link>
              </EmptyState>
            </Page>
          );
        }
        return <Deliverable projectId={projectId} doc={doc} versions={all.filter((d) => d.taskId === taskId)} />;
      }}
    </QueryView>
  );
}

function Deliverable({ projectId, doc, versions }: { projectId: string; doc: DocumentTask; versions: Draft[] }) {
  const queryClient = useQueryClient();
  const title = useProjectTitle(projectId);
  const stream = useDraftStream(projectId, doc.taskId);
  const [chosen, setChosen] = useState<number | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const editButton = useRef<HTMLButtonElement>(null);
  const selected = versions.find((v) => v.version === chosen) ?? versions[0];
  const streaming = stream.state.phase === 'streaming';

  // A finished or stopped stream shows its version from the list (the stored text) from then on.
  const { state, reset } = stream;
  useEffect(() => {
    if (state.phase === 'done') {
      setChosen(state.draft.version);
      setNotice(`Version ${state.draft.version} is ready.`);
      // Until the refreshed list holds the new version, the streamed text stays in view (no flash of the old one).
      if (versions.some((v) => v.version === state.draft.version)) reset();
    } else if (state.phase === 'stopped') {
      if (state.version) setChosen(state.version);
      setNotice(
        state.text
          ? `Stopped. What arrived is kept as version ${state.version ?? ''}, marked as stopped early.`
          : 'Stopped before any text arrived.',
      );
      // Said once: the stored version is shown from here on.
      reset();
    }
  }, [state, reset, versions]);

  const save = useMutation({
    mutationFn: (content: string) => {
      if (!selected) throw new Error('No version to edit');
      return saveEdit(projectId, doc.taskId, selected.version, content);
    },
    onSuccess: async ({ draft }) => {
      await queryClient.invalidateQueries({ queryKey: draftsKey(projectId) });
      setChosen(draft.version);
      setEditing(null);
      setNotice(`Saved as version ${draft.version}. Version ${draft.basedOnVersion ?? ''} is unchanged.`);
      editButton.current?.focus();
    },
  });

  const copy = useMutation({
    mutationFn: (text: string) => navigator.clipboard.writeText(text),
    onSuccess: () => setNotice('Copied to the clipboard (as Markdown).'),
    onError: () => setNotice('Could not copy: select the text and copy it with your keyboard instead.'),
  });

  const startDraft = () => {
    setEditing(null);
    setNotice('');
    void stream.start();
  };

  // What arrived before a failure stays in view; a refusal (nothing arrived) leaves the chosen version shown.
  const liveText =
    state.phase === 'done'
      ? state.draft.content
      : state.phase === 'streaming' || (state.phase === 'failed' && state.text !== '')
        ? state.text
        : null;
  const failure = state.phase === 'failed' ? state.error : null;
  const refusal = failure ? describeDraftError(failure) : undefined;

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb small">
        <Link to={`/coach/projects/${projectId}/deliverables`}>← All deliverables</Link>
      </nav>
      <Page title={doc.title} intro={doc.deliverable}>
        {title.data ? (
          <div className="deliverables-toolbar">
            <ExportButton projectId={projectId} title={title.data} />
          </div>
        ) : null}
        <div className="deliverable">
          <section className="deliverable__main stack" aria-labelledby="draft-heading">
            <div className="deliverable__bar">
              <h2 id="draft-heading" className="deliverable__heading">
                {state.phase === 'streaming'
                  ? `Drafting version ${state.version ?? (versions[0]?.version ?? 0) + 1}…`
                  : state.phase === 'done'
                    ? `Version ${state.draft.version}`
                    : selected
                      ? `Version ${selected.version}`
                      : 'No draft yet'}
              </h2>
              <div className="row deliverable__actions">
                <button
                  type="button"
                  className={streaming ? 'button button--danger' : 'button'}
                  onClick={streaming ? stream.stop : startDraft}
                  disabled={editing !== null}
                >
                  {streaming ? 'Stop' : selected ? 'Draft again' : 'Draft it with the coach'}
                </button>
                {selected && !streaming && editing === null ? (
                  <>
                    <button
                      ref={editButton}
                      type="button"
                      className="button button--secondary"
                      onClick={() => {
                        setNotice('');
                        setEditing(selected.content);
                      }}
                      disabled={selected.status === 'streaming'}
                    >
                      Edit
                    </button>
                    <button
                      type="button"
                      className="button button--secondary"
                      onClick={() => copy.mutate(selected.content)}
                    >
                      Copy
                    </button>
                  </>
                ) : null}
              </div>
            </div>
            <p role="status" className="deliverable__notice small">
              {streaming ? 'The coach is writing; Stop keeps what has arrived.' : notice}
            </p>
            {failure ? (
              refusal ? (
                <div role="alert" className="notice notice--warning">
                  <p>{refusal}</p>
                </div>
              ) : (
                <ErrorState error={failure} onRetry={startDraft} />
              )
            ) : null}
            {editing !== null && selected ? (
              <form
                className="stack"
                onSubmit={(event) => {
                  event.preventDefault();
                  save.mutate(editing);
                }}
              >
                <div className="field">
                  <label htmlFor="draft-editor">Your version (Markdown)</label>
                  <textarea
                    id="draft-editor"
                    className="deliverable__editor"
                    value={editing}
                    onChange={(event) => setEditing(event.target.value)}
                    rows={Math.min(Math.max(editing.split('\n').length + 2, 10), 32)}
                    // biome-ignore lint/a11y/noAutofocus: the creator asked to edit; the text is what they came for
                    autoFocus
                    aria-describedby="draft-editor-hint"
                    onKeyDown={(event) => {
                      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                        event.preventDefault();
                        event.currentTarget.form?.requestSubmit();
                      }
                    }}
                  />
                  <span id="draft-editor-hint" className="field__hint">
                    Saving keeps version {selected.version} as it is and adds your text as a new version. Ctrl+Enter
                    (⌘+Enter) saves.
                  </span>
                </div>
                {save.error ? <p className="field__error">{describeError(save.error)}</p> : null}
                <div className="row">
                  <button type="submit" className="button" disabled={save.isPending || editing.trim() === ''}>
                    {save.isPending ? 'Saving…' : 'Save as a new version'}
                  </button>
                  <button
                    type="button"
                    className="button button--secondary"
                    onClick={() => {
                      setEditing(null);
                      save.reset();
                    }}
                  >
                    Cancel
                  </button>
                </div>
              </form>
            ) : liveText !== null ? (
              <article className="card document" aria-busy={streaming} data-testid="draft-document">
                {liveText ? <Markdown source={liveText} /> : <p className="muted">Waiting for the first words…</p>}
              </article>
            ) : selected ? (
              <article className="card document" data-testid="draft-document">
                {selected.status === 'incomplete' ? (
                  <p className="notice notice--warning small">
                    This version was stopped before the coach finished. Draft a new version, or edit this one.
                  </p>
                ) : null}
                {selected.status === 'streaming' ? (
                  <p className="muted">This version is still being written…</p>
                ) : (
                  <Markdown source={selected.content} />
                )}
              </article>
            ) : (
              <EmptyState>
                Nothing drafted yet. The coach writes a first version from your profile, plan and decisions, with
                [brackets] where only you know the answer. A draft counts as one of today's coach messages.
              </EmptyState>
            )}
          </section>
          {versions.length > 0 ? (
            <nav className="deliverable__versions card" aria-labelledby="versions-heading">
              <h2 id="versions-heading" className="small">
                Versions
              </h2>
              <ol className="plain-list version-list">
                {versions.map((v) => {
                  const current = !streaming && editing === null && v.version === selected?.version;
                  return (
                    <li key={v.id}>
                      <button
                        type="button"
                        className="version"
                        aria-current={current ? 'true' : undefined}
                        disabled={streaming || editing !== null}
                        onClick={() => {
                          setChosen(v.version);
                          setNotice('');
                        }}
                      >
                        <span className="version__name">Version {v.version}</span>
                        <span className="version__meta">
                          {sourceLabel(v)} · {formatDay(v.updatedAt)}
                        </span>
                      </button>
                    </li>
                  );
                })}
              </ol>
            </nav>
          ) : null}
        </div>
      </Page>
    </>
  );
}
