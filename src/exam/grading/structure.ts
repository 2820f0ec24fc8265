import { MathParseError } from './normalize.js';

/**
 * The structure around expressions, in plain math or LaTeX: outer brackets (`(-1, 3]`, `<1, 2, 3>`,
 * `\left\langle ... \right\rangle`, `\{-1, 2\}`), top-level commas, `=` and interval unions. Only brackets and
 * separators are looked at here; every piece is then parsed as an expression by parse.ts.
 */

/** A piece of the answer and its offset in the full answer (for error positions). */
export interface Span {
  text: string;
  offset: number;
}

export function span(text: string): Span {
  return { text, offset: 0 };
}

export function trim(s: Span): Span {
  const start = s.text.length - s.text.trimStart().length;
  return { text: s.text.trim(), offset: s.offset + start };
}

const openers = ['\\left\\langle', '\\left\\{', '\\left(', '\\left[', '\\langle', '\\lbrace', '\\{', '(', '[', '{'];
const closers = ['\\right\\rangle', '\\right\\}', '\\right)', '\\right]', '\\rangle', '\\rbrace', '\\}', ')', ']', '}'];

/** Bracket kind of an opener/closer token: `(` `[` `{` or `<`. */
function bracketKind(token: string): '(' | '[' | '{' | '<' {
  if (token.includes('langle') || token.includes('rangle') || token === '<' || token === '>') return '<';
  if (token.includes('{') || token.includes('}') || token.includes('brace')) return '{';
  if (token.includes('[') || token.includes(']')) return '[';
  return '(';
}

/** Tokens that open or close a bracket at position i, if any. */
function tokenAt(text: string, i: number, tokens: string[]): string | undefined {
  return tokens.find((t) => text.startsWith(t, i));
}

/** Walks the text, calling visit(i, depth) at every character outside commands; returns false on imbalance. */
function walk(text: string, visit: (i: number, depth: number) => boolean | undefined): boolean {
  let depth = 0;
  let i = 0;
  while (i < text.length) {
    const close = tokenAt(text, i, closers);
    if (close) {
      depth--;
      if (depth < 0) return false;
      i += close.length;
      continue;
    }
    const open = tokenAt(text, i, openers);
    if (open) {
      if (depth === 0 && visit(i, depth) === false) return true;
      depth++;
      i += open.length;
      continue;
    }
    if (text[i] === '\\') {
      const m = /^\\([A-Za-z]+|.)/.exec(text.slice(i));
      if (depth === 0 && visit(i, depth) === false) return true;
      i += m ? m[0].length : 1;
      continue;
    }
    if (visit(i, depth) === false) return true;
    i++;
  }
  return depth === 0;
}

/** Splits at top-level occurrences of the separators (longest first). */
export function splitTopLevel(s: Span, separators: string[]): Span[] {
  const seps = [...separators].sort((a, b) => b.length - a.length);
  const parts: Span[] = [];
  let start = 0;
  let skipUntil = 0;
  const balanced = walk(s.text, (i, depth) => {
    if (i < skipUntil || depth !== 0) return undefined;
    const sep = seps.find((x) => s.text.startsWith(x, i));
    if (sep) {
      parts.push({ text: s.text.slice(start, i), offset: s.offset + start });
      start = i + sep.length;
      skipUntil = start;
    }
    return undefined;
  });
  if (!balanced) throw new MathParseError('unbalanced brackets', s.offset);
  parts.push({ text: s.text.slice(start), offset: s.offset + start });
  return parts.map(trim);
}

export interface Group {
  open: '(' | '[' | '{' | '<';
  close: '(' | '[' | '{' | '<';
  /** The raw closing character kind as typed: ')' or ']' matter for intervals. */
  closeChar: ')' | ']' | '}' | '>';
  inner: Span;
}

/**
 * When the whole text is one bracketed group (`(-1, 3]`, `<1,2>`, `\{1, 2\}`), its brackets and inside.
 * `angle` also accepts plain `<...>` (vectors). Open and close may differ (intervals: `(-1, 3]`).
 */
export function outerGroup(s: Span, options: { angle?: boolean } = {}): Group | undefined {
  const t = trim(s);
  const text = t.text;
  if (options.angle && text.startsWith('<') && text.endsWith('>') && text.length >= 2)
    return { open: '<', close: '<', closeChar: '>', inner: trim({ text: text.slice(1, -1), offset: t.offset + 1 }) };
  const open = tokenAt(text, 0, openers);
  if (!open) return undefined;
  const close = closers.find((c) => text.endsWith(c));
  if (!close) return undefined;
  // The opening bracket must close only at the very end.
  let depth = 0;
  let closesEarly = false;
  let i = 0;
  while (i < text.length) {
    const c = tokenAt(text, i, closers);
    if (c) {
      depth--;
      if (depth === 0 && i + c.length < text.length) closesEarly = true;
      i += c.length;
      continue;
    }
    const o = tokenAt(text, i, openers);
    if (o) {
      depth++;
      i += o.length;
      continue;
    }
    i += text[i] === '\\' ? (/^\\([A-Za-z]+|.)/.exec(text.slice(i))?.[0].length ?? 1) : 1;
  }
  if (closesEarly || depth !== 0) return undefined;
  const closeChar = close.endsWith('rangle') ? '>' : (close.at(-1) as ')' | ']' | '}');
  return {
    open: bracketKind(open),
    close: bracketKind(close),
    closeChar,
    inner: trim({ text: text.slice(open.length, text.length - close.length), offset: t.offset + open.length }),
  };
}

/** Splits `lhs = rhs` at a top-level `=` that is not part of `<=`/`>=`; undefined when there is none. */
export function splitEquation(s: Span): [Span, Span] | undefined {
  const positions: number[] = [];
  walk(s.text, (i, depth) => {
    if (depth === 0 && s.text[i] === '=' && !'<>!'.includes(s.text[i - 1] ?? '')) positions.push(i);
    return undefined;
  });
  if (positions.length === 0) return undefined;
  if (positions.length > 1) throw new MathParseError("an equation has exactly one '='", s.offset + positions[1]!);
  const at = positions[0]!;
  return [
    trim({ text: s.text.slice(0, at), offset: s.offset }),
    trim({ text: s.text.slice(at + 1), offset: s.offset + at + 1 }),
  ];
}
