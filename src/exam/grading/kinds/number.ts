import { relClose, tolerances } from '../numeric.js';
import { span, splitEquation, trim } from '../structure.js';
import { ExpectedAnswerError, expectedFn, type GradeContext, type KindResult, studentFn } from './shared.js';

/** Factors that name a classic slip (a dropped 1/2, a 2pi): reported as off_by_constant_factor. */
const simpleFactors = [2, 3, 4, 1 / 2, 1 / 3, 1 / 4, Math.PI, 1 / Math.PI, 2 * Math.PI, 1 / (2 * Math.PI)];

/** Decimal places of a single decimal literal (`0.33` -> 2), undefined for anything else. */
function decimalPlaces(text: string): number | undefined {
  const m = /^[-+]?\s*\d*\.(\d+)$/.exec(text.trim());
  return m ? m[1]!.length : undefined;
}

/**
 * `number`: same value to a relative tolerance of 1e-8 for exact input, 1e-4 when the student wrote a decimal
 * (`0.3333` for 1/3 is right). A decimal that is the exact value rounded or truncated too early (`0.33`) is
 * not_simplified_numeric; exact input that is close but not equal (`22/7` for pi) is numerically_close.
 * `x = 3` is read as 3 (a student naming the quantity).
 */
export function gradeNumber(expected: string, answer: string, _ctx: GradeContext): KindResult {
  const e = expectedFn(expected);
  if (e.symbols.length > 0)
    throw new ExpectedAnswerError(`expected number "${expected}" contains ${e.symbols.join(', ')}`);
  const ev = e.f({});
  if (!Number.isFinite(ev)) throw new ExpectedAnswerError(`expected number "${expected}" is not a finite real number`);

  let body = trim(span(answer));
  const eq = splitEquation(body);
  if (eq && /^[A-Za-z]$/.test(eq[0].text)) body = eq[1];
  const s = studentFn(body);
  if (s.symbols.length > 0) return { outcome: 'wrong_form', detail: { form: 'a number (it contains a variable)' } };
  const sv = s.f({});
  if (!Number.isFinite(sv)) return { outcome: 'undefined_at_points', detail: { kind: 'number' } };

  if (relClose(sv, ev, tolerances.exact)) return { outcome: 'correct' };
  if (s.decimal && relClose(sv, ev, tolerances.decimal))
    return { outcome: 'correct', detail: { decimalAccepted: !e.decimal } };
  if (s.decimal) {
    const places = decimalPlaces(body.text);
    const rounded = places !== undefined && Math.abs(sv - ev) <= 0.5 * 10 ** -places * (1 + 1e-9);
    const truncated =
      places !== undefined &&
      Math.sign(sv) === Math.sign(ev) &&
      Math.abs(sv) <= Math.abs(ev) &&
      Math.abs(ev) - Math.abs(sv) < 10 ** -places;
    if (rounded || truncated || (places === undefined && relClose(sv, ev, tolerances.rounded)))
      return { outcome: 'not_simplified_numeric' };
  }
  if (relClose(sv, ev, tolerances.close)) return { outcome: 'numerically_close' };
  const rel = s.decimal ? tolerances.decimal : tolerances.exact;
  if (ev !== 0 && relClose(-sv, ev, rel)) return { outcome: 'sign_error' };
  if (ev !== 0) {
    for (const k of simpleFactors) {
      for (const signed of [k, -k]) {
        if (relClose(sv, signed * ev, rel)) return { outcome: 'off_by_constant_factor', detail: { factor: signed } };
      }
    }
  }
  return { outcome: 'incorrect' };
}
