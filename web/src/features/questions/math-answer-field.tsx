import { useEffect, useRef, useState } from 'react';

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
}: {
  id: string;
  value: string;
  onChange: (text: string) => void;
  onSubmit: () => void;
  labelledBy: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const field = useRef<MathfieldElement | null>(null);
  const [mode, setMode] = useState<'loading' | 'math' | 'plain'>('loading');
  const latest = useRef({ value, onChange, onSubmit });
  latest.current = { value, onChange, onSubmit };

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
        mf.addEventListener('input', () => latest.current.onChange(mf.value));
        mf.addEventListener('keydown', (event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            latest.current.onSubmit();
          }
        });
        host.current.appendChild(mf);
        field.current = mf;
        setMode('math');
      })
      .catch(() => live && setMode('plain'));
    return () => {
      live = false;
    };
  }, [id, labelledBy, mode]);

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
