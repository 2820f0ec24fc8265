import { agree } from '../compare.js';
import type { Env } from '../expr.js';
import { MathParseError } from '../normalize.js';
import { tolerances } from '../numeric.js';
import { parseMath } from '../parse.js';
import { outerGroup, type Span, span, splitTopLevel, trim } from '../structure.js';
import {
  expectedStructure,
  extraLetters,
  type GradeContext,
  isEmptySetWord,
  type KindResult,
  type MathFn,
  pointsFor,
  studentFn,
  toFn,
  variablesOf,
} from './shared.js';

/** An element: a value, or a tuple of values (`(0, 0)` in a set of critical points). */
type Element = MathFn[];

/**
 * Elements of a set: `{-1, 2}`, `\{-1, 2\}`, `\left\{ ... \right\}`, or a bare list `-1, 2`; elements may be
 * points `{(0,0), (1,-1)}`; `{}`, `\emptyset`, `none` are the empty set.
 */
export function parseSet(text: string, parse: (s: Span) => MathFn): Element[] {
  const whole = trim(span(text));
  if (isEmptySetWord(whole.text)) return [];
  const g = outerGroup(whole);
  const inner = g && g.open === '{' ? g.inner : whole;
  if (inner.text === '') return [];
  return splitTopLevel(inner, [',', ';']).map((part) => {
    if (part.text === '') throw new MathParseError('an element is empty', part.offset);
    const tuple = outerGroup(part, { angle: true });
    if (tuple && tuple.open !== '{') {
      const items = splitTopLevel(tuple.inner, [',']);
      if (items.length > 1) return items.map(parse);
    }
    return [parse(part)];
  });
}

/**
 * `set`: the same elements in any order (repeats ignored), each compared like a number or expression. All
 * given elements right but some missing: missing_elements; all there plus wrong ones: extra_elements.
 */
export function gradeSet(expected: string, answer: string, ctx: GradeContext): KindResult {
  const e = expectedStructure(expected, () => parseSet(expected, (s) => toFn(parseMath(s.text).expr)));
  const vars = variablesOf(ctx, e.flat());
  const s = parseSet(answer, studentFn);
  const extra = extraLetters(s.flat(), vars);
  if (extra.length > 0) return { outcome: 'wrong_variable', detail: { letters: extra } };
  const sizes = new Set(e.map((el) => el.length));
  const wrongSize = s.find((el) => !sizes.has(el.length));
  if (wrongSize && e.length > 0)
    return { outcome: 'wrong_dimension', detail: { expectedLength: e[0]!.length, actualLength: wrongSize.length } };

  const points = pointsFor(
    e.flat().map((m) => m.f),
    vars,
    ctx,
  );
  const rel = s.flat().some((m) => m.decimal) ? tolerances.decimal : tolerances.exact;
  const values = (el: Element) => el.map((m) => points.map((p: Env) => m.f(p)));
  const same = (a: number[][], b: number[][]) => a.length === b.length && a.every((v, i) => agree(v, b[i]!, rel));
  const unique = (els: number[][][]) => els.filter((el, i) => els.findIndex((o) => same(o, el)) === i);

  const ev = unique(e.map(values));
  const sv = unique(s.map(values));
  const used = new Set<number>();
  let matched = 0;
  for (const el of ev) {
    const j = sv.findIndex((o, i) => !used.has(i) && same(o, el));
    if (j >= 0) {
      used.add(j);
      matched++;
    }
  }
  const missing = ev.length - matched;
  const wrong = sv.length - matched;
  if (missing === 0 && wrong === 0) return { outcome: 'correct' };
  if (wrong === 0) return { outcome: 'missing_elements', detail: { count: missing } };
  if (missing === 0) return { outcome: 'extra_elements', detail: { count: wrong } };
  return { outcome: 'incorrect' };
}
