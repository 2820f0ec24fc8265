import { MathParseError } from '../normalize.js';
import { relClose, tolerances } from '../numeric.js';
import { parseMath } from '../parse.js';
import { outerGroup, type Span, span, splitTopLevel, trim } from '../structure.js';
import { expectedStructure, isEmptySetWord, type KindResult, type MathFn, studentFn, toFn } from './shared.js';

export interface Interval {
  lo: number;
  hi: number;
  loClosed: boolean;
  hiClosed: boolean;
}

interface ParsedIntervals {
  pieces: Interval[];
  decimal: boolean;
}

const reals = /^(\\mathbb\{R\}|ℝ|R|all real numbers|all reals|\(-\s*inf(inity)?\s*,\s*inf(inity)?\))$/i;

/** Relations in inequalities, longest first; LaTeX commands must not run into a following letter. */
const relations: Array<[RegExp, '<' | '<=' | '>' | '>=']> = [
  [/^(<=|≤|\\leq?(?![A-Za-z])|\\leqslant)/, '<='],
  [/^(>=|≥|\\geq?(?![A-Za-z])|\\geqslant)/, '>='],
  [/^(<|\\lt(?![A-Za-z]))/, '<'],
  [/^(>|\\gt(?![A-Za-z]))/, '>'],
];

function splitRelations(s: Span): { parts: Span[]; ops: Array<'<' | '<=' | '>' | '>='> } {
  const parts: Span[] = [];
  const ops: Array<'<' | '<=' | '>' | '>='> = [];
  let start = 0;
  let i = 0;
  while (i < s.text.length) {
    const rest = s.text.slice(i);
    if (rest.startsWith('\\left') || rest.startsWith('\\right')) {
      i += rest.startsWith('\\left') ? 5 : 6;
      continue;
    }
    const found = relations.find(([re]) => re.test(rest));
    if (found) {
      const m = found[0].exec(rest)!;
      parts.push(trim({ text: s.text.slice(start, i), offset: s.offset + start }));
      ops.push(found[1]);
      i += m[0].length;
      start = i;
      continue;
    }
    i++;
  }
  parts.push(trim({ text: s.text.slice(start), offset: s.offset + start }));
  return { parts, ops };
}

function value(f: MathFn, where: Span): number {
  if (f.symbols.length > 0) throw new MathParseError('an endpoint must be a number', where.offset);
  const v = f.f({});
  if (Number.isNaN(v)) throw new MathParseError('an endpoint is undefined', where.offset);
  return v;
}

/** `-1 < x <= 3`, `x > 2`, `x <= 3`, `2 > x` as an interval. */
function fromInequality(s: Span, parse: (s: Span) => MathFn): ParsedIntervals | undefined {
  const { parts, ops } = splitRelations(s);
  if (ops.length === 0 || ops.length > 2) return undefined;
  const isVar = (p: Span) => /^[A-Za-z]$/.test(p.text);
  const piece: Interval = { lo: -Infinity, hi: Infinity, loClosed: false, hiClosed: false };
  let decimal = false;
  const bound = (p: Span) => {
    const f = parse(p);
    decimal ||= f.decimal;
    return value(f, p);
  };
  if (ops.length === 2) {
    const [a, x, b] = parts as [Span, Span, Span];
    if (!isVar(x)) return undefined;
    const [op1, op2] = ops as [string, string];
    const up = op1.startsWith('<') && op2.startsWith('<');
    const down = op1.startsWith('>') && op2.startsWith('>');
    if (!up && !down) throw new MathParseError('a double inequality must go one way', s.offset);
    const [low, high, lowOp, highOp] = up ? [a, b, op1, op2] : [b, a, op2, op1];
    piece.lo = bound(low);
    piece.hi = bound(high);
    piece.loClosed = lowOp.endsWith('=');
    piece.hiClosed = highOp.endsWith('=');
  } else {
    const [a, b] = parts as [Span, Span];
    const op = ops[0]!;
    const varLeft = isVar(a) && !isVar(b) ? true : isVar(b) && !isVar(a) ? false : undefined;
    if (varLeft === undefined) return undefined;
    const other = varLeft ? b : a;
    // x < b, x <= b, b > x, b >= x: an upper bound.
    const upper = varLeft === op.startsWith('<');
    const v = bound(other);
    if (upper) {
      piece.hi = v;
      piece.hiClosed = op.endsWith('=');
    } else {
      piece.lo = v;
      piece.loClosed = op.endsWith('=');
    }
  }
  return { pieces: [piece], decimal };
}

/** Parses an interval answer: brackets, a union of them, an inequality, R, or the empty set. */
export function parseIntervals(text: string, parse: (s: Span) => MathFn): ParsedIntervals {
  const whole = trim(span(text));
  if (whole.text === '') throw new MathParseError('the answer is empty', 0);
  if (reals.test(whole.text.replace(/\s+/g, ' ')))
    return { pieces: [{ lo: -Infinity, hi: Infinity, loClosed: false, hiClosed: false }], decimal: false };
  if (isEmptySetWord(whole.text)) return { pieces: [], decimal: false };
  const pieces: Interval[] = [];
  let decimal = false;
  for (const part of splitTopLevel(whole, ['\\cup', '∪', 'U'])) {
    const g = outerGroup(part);
    if (g && (g.open === '(' || g.open === '[') && (g.closeChar === ')' || g.closeChar === ']')) {
      const ends = splitTopLevel(g.inner, [',']);
      if (ends.length !== 2)
        throw new MathParseError('an interval has two endpoints, separated by a comma', part.offset);
      const [a, b] = ends.map((end) => {
        const f = parse(end);
        decimal ||= f.decimal;
        return value(f, end);
      }) as [number, number];
      pieces.push({ lo: a, hi: b, loClosed: g.open === '[', hiClosed: g.closeChar === ']' });
      continue;
    }
    const ineq = fromInequality(part, parse);
    if (ineq) {
      pieces.push(...ineq.pieces);
      decimal ||= ineq.decimal;
      continue;
    }
    throw new MathParseError(
      'write an interval like (-1, 3] or [0, inf), or an inequality like -1 < x <= 3',
      part.offset,
    );
  }
  return { pieces: mergeUnion(pieces), decimal };
}

/**
 * A union written with overlapping or touching pieces is the same set as its merged form (as STACK reads real
 * sets): `(1, 2] U [2, 3)` is `(1, 3)`, `(-inf, 0] U (-1, 4)` is `(-inf, 4)`. Pieces that only meet at an
 * endpoint both exclude stay apart: `(1, 2) U (2, 3)`.
 */
export function mergeUnion(pieces: Interval[]): Interval[] {
  const sorted = [...pieces].sort((p, q) => p.lo - q.lo || Number(q.loClosed) - Number(p.loClosed));
  const merged: Interval[] = [];
  for (const p of sorted) {
    const last = merged.at(-1);
    const joins = last && (p.lo < last.hi || (p.lo === last.hi && (last.hiClosed || p.loClosed)));
    if (!last || !joins) {
      merged.push({ ...p });
      continue;
    }
    if (p.lo === last.lo) last.loClosed ||= p.loClosed;
    if (p.hi > last.hi) [last.hi, last.hiClosed] = [p.hi, p.hiClosed];
    else if (p.hi === last.hi) last.hiClosed ||= p.hiClosed;
  }
  return merged;
}

/**
 * `interval`: the same endpoints (to the number tolerance) and the same brackets. Infinite endpoints are open
 * in the expected answer whatever it says. Unions (`(-inf, -1) U (1, inf)`) and inequalities are accepted.
 */
export function gradeInterval(expected: string, answer: string): KindResult {
  const e = expectedStructure(expected, () => parseIntervals(expected, (s) => toFn(parseMath(s.text).expr)));
  for (const p of e.pieces) {
    if (!Number.isFinite(p.lo)) p.loClosed = false;
    if (!Number.isFinite(p.hi)) p.hiClosed = false;
  }
  const s = parseIntervals(answer, studentFn);
  if (s.pieces.length !== e.pieces.length) return { outcome: 'incorrect' };
  const rel = s.decimal ? tolerances.decimal : tolerances.exact;
  let endpointsRight = true;
  const wrongEnds = new Set<'left' | 'right'>();
  e.pieces.forEach((ep, i) => {
    const sp = s.pieces[i]!;
    if (!relClose(sp.lo, ep.lo, rel) || !relClose(sp.hi, ep.hi, rel)) endpointsRight = false;
    if (sp.loClosed !== ep.loClosed) wrongEnds.add('left');
    if (sp.hiClosed !== ep.hiClosed) wrongEnds.add('right');
  });
  if (!endpointsRight) return { outcome: 'wrong_endpoints' };
  if (wrongEnds.size > 0) return { outcome: 'wrong_brackets', detail: { ends: [...wrongEnds] } };
  return { outcome: 'correct' };
}
