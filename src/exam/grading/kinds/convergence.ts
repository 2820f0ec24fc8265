import { MathParseError } from '../normalize.js';
import { ExpectedAnswerError, type KindResult } from './shared.js';

export type Verdict = 'converges' | 'diverges' | 'converges absolutely' | 'converges conditionally';

/**
 * Reads a convergence verdict from free text: `converges`, `convergent`, `diverges`, `does not converge`,
 * `converges absolutely`, `absolutely convergent`, `conditionally convergent`, `\text{diverges}`, `AC`, `CC`,
 * `C`, `D`. Trailing detail (`converges to 2`, `converges by the ratio test`) is ignored.
 */
export function readVerdict(text: string): Verdict | undefined {
  const t = text
    .replace(/\\(text|mathrm|textrm|operatorname)\s*\{([^}]*)\}/g, '$2')
    .toLowerCase()
    .replace(/[^a-z\s]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (t === '') return undefined;
  if (/^(ac|abs|absolute|absolutely)$/.test(t)) return 'converges absolutely';
  if (/^(cc|conditional|conditionally)$/.test(t)) return 'converges conditionally';
  if (/^(c|conv)$/.test(t)) return 'converges';
  if (/^(d|div)$/.test(t)) return 'diverges';
  const negated = /\b(not|doesn t|does n t|doesnt|never|fails to)\b.*\bconverg/.test(t);
  if (/\bdiverg/.test(t) || negated) return 'diverges';
  if (/\bconverg/.test(t)) {
    if (/\babsolute(ly)?\b/.test(t)) return 'converges absolutely';
    if (/\bconditional(ly)?\b/.test(t)) return 'converges conditionally';
    return 'converges';
  }
  return undefined;
}

/**
 * `convergence`: the same verdict. Where the expected verdict is "converges absolutely" or "converges
 * conditionally", a bare "converges" is incomplete_verdict. Where only "converges" is expected, a more specific
 * "converges absolutely/conditionally" is accepted (the question asked only whether it converges).
 */
export function gradeConvergence(expected: string, answer: string): KindResult {
  const e = readVerdict(expected);
  if (!e) throw new ExpectedAnswerError(`expected verdict "${expected}" is not converges/diverges/...`);
  const s = readVerdict(answer);
  if (!s)
    throw new MathParseError('answer "converges", "diverges", "converges absolutely" or "converges conditionally"');
  if (s === e) return { outcome: 'correct' };
  const sConverges = s !== 'diverges';
  const eConverges = e !== 'diverges';
  if (sConverges !== eConverges) return { outcome: 'wrong_verdict' };
  if (e === 'converges') return { outcome: 'correct' };
  if (s === 'converges') return { outcome: 'incomplete_verdict' };
  return { outcome: 'wrong_verdict' };
}
