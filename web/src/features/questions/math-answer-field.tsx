import { type Ref, useEffect, useImperativeHandle, useRef, useState } from 'react';

type MathfieldElement = import('mathlive').MathfieldElement;
let mathliveLoad: Promise<typeof import('mathlive')> | undefined;
/** MathLive, fetched only by a page that takes a math answer. */
function loadMathlive() {
  mathliveLoad ??= import('mathlive').then((m) => {
    // Its fonts are KaTeX's, which the page already loads with the math it shows; and no sounds.
    m.MathfieldElement.fontsDirectory = null;
    m.MathfieldElement.soundsDirectory = null;
    return m;
  });
  return mathliveLoad;
}

export interface AnswerFieldHandle {
  /** The text the field holds now: what the student sees, even before `onChange` has reached the parent. */
  read(): string;
}

/**
 * The answer box: a MathLive math field whose value is LaTeX, or a plain text input (the fallback when MathLive
 * cannot load, or by the student's choice). Either way the parent gets the text to send.
 */
export function MathAnswerField({
  id,
  value,
  onChange,
  onSubmit,
  labelledBy,
  readOnly = false,
  ref,
}: {
  id: string;
  value: string;
  onChange: (text: string) => void;
  /** Enter on a finished answer, with the field's value at that moment. Left out, Enter submits nothing (exams). */
  onSubmit?: (text: string) => void;
  labelledBy: string;
  readOnly?: boolean;
  ref?: Ref<AnswerFieldHandle>;
}) {
  const host = useRef<HTMLDivElement>(null);
  const field = useRef<MathfieldElement | null>(null);
  const plain = useRef<HTMLInputElement>(null);
  const [mode, setMode] = useState<'loading' | 'math' | 'plain'>('loading');
  const latest = useRef({ value, onChange, onSubmit, readOnly });
  latest.current = { value, onChange, onSubmit, readOnly };

  // The math field's input event reaches React's state a render later, so a submission reads the field itself.
  useImperativeHandle(
    ref,
    () => ({ read: () => field.current?.getValue('latex') ?? plain.current?.value ?? latest.current.value }),
    [],
  );

  useEffect(() => {
    if (mode !== 'loading' && mode !== 'math') return;
    let live = true;
    loadMathlive()
      .then((m) => {
        if (!live || !host.current || field.current) return;
        const mf = new m.MathfieldElement();
        mf.id = id;
        mf.setAttribute('aria-labelledby', labelledBy);
        mf.setAttribute('data-testid', 'math-field');
        mf.mathVirtualKeyboardPolicy = 'manual';
        // A draft kept across a reload (exam mode) shows in the field it was typed in.
        if (latest.current.value) mf.value = latest.current.value;
        mf.readOnly = latest.current.readOnly;
        mf.addEventListener('input', () => latest.current.onChange(mf.value));
        // In the capture phase, before MathLive's own handler inside the field: `mode` is still what the student
        // sees. In LaTeX mode (typing `\pi`) Enter completes the command; that is MathLive's to do, not a submission.
        mf.addEventListener(
          'keydown',
          (event) => {
            if (event.key !== 'Enter' || event.isComposing || mf.mode === 'latex') return;
            event.preventDefault();
            if (!mf.readOnly) latest.current.onSubmit?.(mf.getValue('latex'));
          },
          { capture: true },
        );
        host.current.appendChild(mf);
        field.current = mf;
        setMode('math');
      })
      .catch(() => live && setMode('plain'));
    return () => {
      live = false;
    };
  }, [id, labelledBy, mode]);

  useEffect(() => {
    if (field.current) field.current.readOnly = readOnly;
  }, [readOnly]);

  useEffect(
    () => () => {
      field.current?.remove();
      field.current = null;
    },
    [],
  );

  const usePlain = () => {
    field.current?.remove();
    field.current = null;
    setMode('plain');
  };

  return (
    <div className="answer-field">
      <div ref={host} className="answer-field__math" hidden={mode === 'plain'} />
      {mode === 'loading' ? <span className="small muted">Loading the math keyboard…</span> : null}
      {mode === 'plain' ? (
        <input
          id={id}
          className="answer-field__plain"
          aria-labelledby={labelledBy}
          autoComplete="off"
          spellCheck={false}
          placeholder="e.g. x^2/2 + C"
          value={value}
          readOnly={readOnly}
          ref={plain}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : null}
      {mode === 'math' ? (
        <button type="button" className="link-button small" onClick={usePlain}>
          Type plain text instead
        </button>
      ) : null}
    </div>
  );
}
