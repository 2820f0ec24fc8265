import { useEffect, useState } from 'react';

type Katex = typeof import('katex').default;
let katexLoad: Promise<Katex> | undefined;
/** KaTeX and its stylesheet, fetched the first time a page shows math (not part of the first load). */
function loadKatex(): Promise<Katex> {
  katexLoad ??= Promise.all([import('katex'), import('katex/dist/katex.min.css')]).then(([m]) => m.default);
  return katexLoad;
}

function useKatex(): Katex | undefined {
  const [katex, setKatex] = useState<Katex>();
  useEffect(() => {
    let live = true;
    void loadKatex().then((k) => live && setKatex(() => k));
    return () => {
      live = false;
    };
  }, []);
  return katex;
}

interface Segment {
  math: boolean;
  display: boolean;
  text: string;
}

/** Splits "Evaluate $\int x\,dx$." into text and math segments ($...$ inline, $$...$$ display). */
export function splitMath(source: string): Segment[] {
  const segments: Segment[] = [];
  const pattern = /\$\$([\s\S]+?)\$\$|\$((?:\\\$|[^$])+?)\$/g;
  let last = 0;
  for (const match of source.matchAll(pattern)) {
    if (match.index > last) segments.push({ math: false, display: false, text: source.slice(last, match.index) });
    segments.push({ math: true, display: match[1] !== undefined, text: (match[1] ?? match[2] ?? '').trim() });
    last = match.index + match[0].length;
  }
  if (last < source.length) segments.push({ math: false, display: false, text: source.slice(last) });
  return segments;
}

function MathSegment({ katex, tex, display }: { katex: Katex | undefined; tex: string; display: boolean }) {
  if (!katex) return <code className="math-pending">{tex}</code>;
  // MathML beside the rendering: screen readers read the formula, not KaTeX's spans.
  const html = katex.renderToString(tex, { displayMode: display, output: 'htmlAndMathml', throwOnError: false });
  // biome-ignore lint/security/noDangerouslySetInnerHtml: KaTeX's own output, from content we ship (no user HTML)
  return <span className={display ? 'math-display' : 'math-inline'} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** Text with LaTeX between dollar signs, as the question bank writes it. */
export function MathText({ source, as: Tag = 'span' }: { source: string; as?: 'span' | 'p' | 'div' }) {
  const katex = useKatex();
  return (
    <Tag className="math-text">
      {splitMath(source).map((segment, i) =>
        segment.math ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments of one fixed string, never reordered
          <MathSegment key={i} katex={katex} tex={segment.text} display={segment.display} />
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above
          <span key={i}>{segment.text}</span>
        ),
      )}
    </Tag>
  );
}

/** A formula on its own (an answer): LaTeX, or the bank's plain notation (`e^(-x)*x`), shown as TeX. */
export function MathFormula({ tex }: { tex: string }) {
  const katex = useKatex();
  return <MathSegment katex={katex} tex={plainToTex(tex)} display={false} />;
}

const FUNCTIONS = /\b(arcsin|arccos|arctan|sinh|cosh|tanh|sin|cos|tan|sec|csc|cot|ln|log|exp)\b/g;

/** The bank's answers are plain math (`-(x^2 + 2x)*e^(-x) + C`): braces for ^( ) and sqrt( ), \cdot for *. */
export function plainToTex(source: string): string {
  if (/\\[a-z]+|[{}]/i.test(source)) return source;
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const rest = source.slice(i);
    const group = /^(\^|sqrt)\(/.exec(rest);
    if (group?.[1]) {
      const open = i + group[0].length - 1;
      const close = matchingParen(source, open);
      if (close > open) {
        const inner = plainToTex(source.slice(open + 1, close));
        out += group[1] === '^' ? `^{${inner}}` : `\\sqrt{${inner}}`;
        i = close;
        continue;
      }
    }
    const char = source[i];
    out += char === '*' ? ' \\cdot ' : char;
  }
  return out
    .replace(FUNCTIONS, '\\$1 ')
    .replace(/\bpi\b/g, '\\pi ')
    .replace(/\binf(inity)?\b/g, '\\infty ');
}

function matchingParen(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    if (source[i] === '(') depth++;
    else if (source[i] === ')' && --depth === 0) return i;
  }
  return -1;
}
