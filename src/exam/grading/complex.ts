import { compile, type Env, type Expr } from './expr.js';

/**
 * The real evaluation (expr.ts) extended to complex numbers where it is undefined, along principal branches (as a
 * CAS such as Maxima, behind STACK, reads expressions). Where the real value exists it is kept, so `x^(1/3)` of a
 * negative stays the real cube root. Used to tell expressions equal only on part of the domain:
 * `sqrt(x-3)*sqrt(x-5)` is -sqrt((x-3)(x-5)) for x < 3, and `(a^2)^(1/2)` is |a|, not a^1.
 * Functions without a complex extension here are real only (undefined off the reals).
 */

export type Complex = readonly [re: number, im: number];

const nan: Complex = [Number.NaN, Number.NaN];
const real = (x: number): Complex => [x, 0];
const isRealValue = (z: Complex) => z[1] === 0 && Number.isFinite(z[0]);

const plus = (a: Complex, b: Complex): Complex => [a[0] + b[0], a[1] + b[1]];
const times = (a: Complex, b: Complex): Complex => [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];
function quotient(a: Complex, b: Complex): Complex {
  const d = b[0] * b[0] + b[1] * b[1];
  if (d === 0) return nan;
  return [(a[0] * b[0] + a[1] * b[1]) / d, (a[1] * b[0] - a[0] * b[1]) / d];
}
const log = (z: Complex): Complex =>
  z[0] === 0 && z[1] === 0 ? nan : [Math.log(Math.hypot(z[0], z[1])), Math.atan2(z[1], z[0])];
const exp = (z: Complex): Complex => {
  const m = Math.exp(z[0]);
  return z[1] === 0 ? [m, 0] : [m * Math.cos(z[1]), m * Math.sin(z[1])];
};
function power(a: Complex, b: Complex): Complex {
  if (a[0] === 0 && a[1] === 0) return b[1] === 0 && b[0] > 0 ? real(0) : nan;
  return exp(times(b, log(a)));
}
const sin = (z: Complex): Complex => [Math.sin(z[0]) * Math.cosh(z[1]), Math.cos(z[0]) * Math.sinh(z[1])];
const cos = (z: Complex): Complex => [Math.cos(z[0]) * Math.cosh(z[1]), -Math.sin(z[0]) * Math.sinh(z[1])];
const sinh = (z: Complex): Complex => [Math.sinh(z[0]) * Math.cos(z[1]), Math.cosh(z[0]) * Math.sin(z[1])];
const cosh = (z: Complex): Complex => [Math.cosh(z[0]) * Math.cos(z[1]), Math.sinh(z[0]) * Math.sin(z[1])];
const one = real(1);

const extensions: Partial<Record<string, (z: Complex) => Complex>> = {
  sqrt: (z) => power(z, real(0.5)),
  ln: log,
  log10: (z) => quotient(log(z), real(Math.LN10)),
  log2: (z) => quotient(log(z), real(Math.LN2)),
  exp,
  abs: (z) => real(Math.hypot(z[0], z[1])),
  sin,
  cos,
  tan: (z) => quotient(sin(z), cos(z)),
  sec: (z) => quotient(one, cos(z)),
  csc: (z) => quotient(one, sin(z)),
  cot: (z) => quotient(cos(z), sin(z)),
  sinh,
  cosh,
  tanh: (z) => quotient(sinh(z), cosh(z)),
};

type ComplexFn = (env: Env) => Complex;

/** Compiles an expression to a complex-valued closure: its real value where it has one, else the principal branch. */
export function compileComplex(expr: Expr): ComplexFn {
  const realValue = compile(expr);
  const extended = extend(expr);
  return (env) => {
    const v = realValue(env);
    return Number.isFinite(v) ? real(v) : extended(env);
  };
}

function extend(expr: Expr): ComplexFn {
  switch (expr.type) {
    case 'num':
    case 'const':
    case 'sym': {
      const f = compile(expr);
      return (env) => real(f(env));
    }
    case 'add': {
      const fs = expr.args.map(compileComplex);
      return (env) => fs.reduce((s, f) => plus(s, f(env)), real(0));
    }
    case 'mul': {
      const fs = expr.args.map(compileComplex);
      return (env) => fs.reduce((p, f) => times(p, f(env)), one);
    }
    case 'neg': {
      const f = compileComplex(expr.arg);
      return (env) => {
        const z = f(env);
        return [-z[0], -z[1]];
      };
    }
    case 'div': {
      const n = compileComplex(expr.num);
      const d = compileComplex(expr.den);
      return (env) => quotient(n(env), d(env));
    }
    case 'pow': {
      const b = compileComplex(expr.base);
      const e = compileComplex(expr.exp);
      return (env) => {
        const base = b(env);
        const exponent = e(env);
        // An integer power of a real stays exact (no rounding through the logarithm).
        if (isRealValue(base) && isRealValue(exponent) && Number.isInteger(exponent[0]))
          return real(base[0] ** exponent[0]);
        return power(base, exponent);
      };
    }
    case 'call': {
      const extension = extensions[expr.fn];
      if (!extension || expr.args.length !== 1) return () => nan;
      const arg = compileComplex(expr.args[0]!);
      return (env) => extension(arg(env));
    }
  }
}

/** Values tried for a variable that appears in an exponent, so that a negative base has real powers. */
const exponentValues = [2, 3, 1 / 2, 3 / 2, -1, 1 / 3, 2 / 3];

/** Letters that appear in some exponent of the expression. */
function exponentLetters(expr: Expr, inExponent = false, found = new Set<string>()): Set<string> {
  switch (expr.type) {
    case 'sym':
      if (inExponent) found.add(expr.name);
      break;
    case 'add':
    case 'mul':
    case 'call':
      for (const a of expr.args) exponentLetters(a, inExponent, found);
      break;
    case 'neg':
      exponentLetters(expr.arg, inExponent, found);
      break;
    case 'div':
      exponentLetters(expr.num, inExponent, found);
      exponentLetters(expr.den, inExponent, found);
      break;
    case 'pow':
      exponentLetters(expr.base, inExponent, found);
      exponentLetters(expr.exp, true, found);
      break;
    default:
      break;
  }
  return found;
}

const magnitude = (z: Complex) => Math.hypot(z[0], z[1]);
const isFiniteComplex = (z: Complex) => Number.isFinite(z[0]) && Number.isFinite(z[1]);

export interface PartialDomainPlan {
  vars: readonly string[];
  seed: number;
  range: (v: string) => readonly [number, number];
  integer: (v: string) => boolean;
}

/**
 * Whether two answers that agree where both are real differ where the expected answer's principal value is real
 * but the real evaluation of one of them is not (STACK's reading, from its CAS): `sqrt((x-3)(x-5))` is not
 * `sqrt(x-3)*sqrt(x-5)` (they differ in sign for x < 3), `(a^b)^c` is not `a^(bc)` (a = -2, b = 2, c = 1/2), but
 * `a^b*a^c` is `a^(b+c)` and `log(a^2 b)` is `2log(a) + log(b)` (where the latter is complex, nothing is compared).
 * Variables in an exponent take the values 2, 3, 1/2, 3/2, -1, 1/3, 2/3 there (where the
 * random real points never fall). Compared to the tolerance `rel`.
 */
export function differOffTheReals(
  expected: Expr,
  student: Expr,
  plan: PartialDomainPlan,
  next: () => number,
  rel: number,
): boolean {
  const e = compileComplex(expected);
  const s = compileComplex(student);
  const inExponent = new Set([...exponentLetters(expected), ...exponentLetters(student)]);
  let compared = 0;
  // An index (n) stays an integer: (-1)^n cos(x)^n is (-cos(x))^n for every integer n.
  const exponents = plan.vars.filter((v) => inExponent.has(v) && !plan.integer(v));
  // Every combination of exponent values twice (7^k of them), and at least 60 points.
  const attempts = Math.min(400, 60 + 2 * exponentValues.length ** exponents.length);
  for (let attempt = 0; attempt < attempts && compared < 60; attempt++) {
    const env: Env = {};
    for (const v of plan.vars) {
      const r = next();
      const j = exponents.indexOf(v);
      // Exponents run through every combination of the values in turn (b = 2 with c = 1/2 is the one that tells).
      if (j >= 0) env[v] = exponentValues[Math.floor(attempt / exponentValues.length ** j) % exponentValues.length]!;
      else {
        const [lo, hi] = plan.range(v);
        env[v] = plan.integer(v) ? Math.floor(lo + (hi - lo + 1) * r) : lo + (hi - lo) * r;
      }
    }
    const ev = e(env);
    if (!isFiniteComplex(ev) || Math.abs(ev[1]) > 1e-9 * Math.max(1, magnitude(ev))) continue;
    const sv = s(env);
    if (!isFiniteComplex(sv)) continue;
    compared++;
    const scale = Math.max(magnitude(ev), magnitude(sv));
    if (magnitude([sv[0] - ev[0], sv[1] - ev[1]]) > rel * scale + 1e-12) return true;
  }
  return false;
}

/** Letters may make the expression leave the reals: a root, logarithm, inverse function or a power of a letter-dependent base. */
const partialFunctions = new Set([
  'sqrt',
  'ln',
  'log10',
  'log2',
  'logb',
  'root',
  'asin',
  'acos',
  'asec',
  'acsc',
  'acosh',
  'atanh',
  'asech',
  'acoth',
  'factorial',
]);

/**
 * Whether the real evaluation of the expression can be undefined for some real values of its letters (then its
 * principal value may still be real there): roots, logarithms, partial inverse functions, powers other than an
 * integer power or a power of a positive constant. Polynomials, exponentials and trigonometric functions cannot.
 */
export function mayLeaveTheReals(expr: Expr): boolean {
  switch (expr.type) {
    case 'num':
    case 'const':
    case 'sym':
      return false;
    case 'add':
    case 'mul':
      return expr.args.some(mayLeaveTheReals);
    case 'call':
      return partialFunctions.has(expr.fn) || expr.args.some(mayLeaveTheReals);
    case 'neg':
      return mayLeaveTheReals(expr.arg);
    case 'div':
      return mayLeaveTheReals(expr.num) || mayLeaveTheReals(expr.den);
    case 'pow': {
      const { base, exp } = expr;
      const integerPower = exp.type === 'num' && Number.isInteger(exp.value);
      const positiveBase = (base.type === 'const' && base.name !== 'inf') || (base.type === 'num' && base.value > 0);
      if (integerPower) return mayLeaveTheReals(base);
      if (positiveBase) return mayLeaveTheReals(exp);
      return true;
    }
  }
}
