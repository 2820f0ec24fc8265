/**
 * Plain-math builders for generated answers and integrands: signs folded (`x - 3`, not `x + -3`), unit coefficients
 * dropped (`x`, `-sin(x)`), fractions reduced. The output is the bank's plain math; LaTeX comes from latex.ts.
 */

export function gcd(a: number, b: number): number {
  let [x, y] = [Math.abs(a), Math.abs(b)];
  while (y) [x, y] = [y, x % y];
  return x || 1;
}

/** A reduced fraction p/q as plain math (`3/4`, `-2`, `0`). */
export function frac(p: number, q = 1): string {
  if (q === 0) throw new Error('zero denominator');
  const s = Math.sign(p) * Math.sign(q);
  const g = gcd(p, q);
  const [n, d] = [Math.abs(p) / g, Math.abs(q) / g];
  if (n === 0) return '0';
  const body = d === 1 ? `${n}` : `${n}/${d}`;
  return s < 0 ? `-${body}` : body;
}

/** Wraps a plain-math expression in parentheses unless it is a bare number or symbol. */
export function paren(e: string): string {
  return /^[A-Za-z0-9.]+$/.test(e) ? e : `(${e})`;
}

/**
 * `coef * body` with the coefficient as a reduced fraction p/q: `3x`, `-x`, `x/2`, `-3sin(x)/4`. With an empty body,
 * the number alone.
 */
export function term(p: number, body = '', q = 1): string {
  if (!body) return frac(p, q);
  const s = Math.sign(p) * Math.sign(q);
  const g = gcd(p, q);
  const [n, d] = [Math.abs(p) / g, Math.abs(q) / g];
  if (n === 0) return '0';
  const sign = s < 0 ? '-' : '';
  const num = n === 1 ? body : `${n}*${body}`;
  return d === 1 ? `${sign}${num}` : `${sign}${num}/${d}`;
}

/** Joins terms with + and -, dropping zeros: sum('x^2', '-3x', '0', '2') -> 'x^2 - 3x + 2'. */
export function sum(...terms: string[]): string {
  const kept = terms.map((t) => t.trim()).filter((t) => t !== '' && t !== '0');
  if (kept.length === 0) return '0';
  return kept
    .map((t, i) => {
      if (i === 0) return t;
      return t.startsWith('-') ? `- ${t.slice(1)}` : `+ ${t}`;
    })
    .join(' ');
}

/** A polynomial from its coefficients, highest power first: poly([1, -3, 2]) -> 'x^2 - 3x + 2'. */
export function poly(coefficients: number[], v = 'x'): string {
  const degree = coefficients.length - 1;
  return sum(
    ...coefficients.map((c, i) => {
      const power = degree - i;
      return term(c, power === 0 ? '' : power === 1 ? v : `${v}^${power}`);
    }),
  );
}

/** `v - a` with the sign folded: lin('x', 3) -> 'x - 3', lin('x', -2) -> 'x + 2'. */
export function shift(v: string, a: number): string {
  return sum(v, term(-a));
}

/** c/(d) with the sign folded: over(-3, 'x - 1') -> '-3/(x - 1)', over(1, 'x') -> '1/(x)'. */
export function over(c: number, d: string): string {
  return `${c < 0 ? '-' : ''}${Math.abs(c)}/(${d})`;
}

/** The items whose condition holds: for mistakes that coincide with the answer for some parameters. */
export function when<T>(...items: Array<[boolean, T]>): T[] {
  return items.filter(([keep]) => keep).map(([, item]) => item);
}
