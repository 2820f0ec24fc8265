/**
 * The one evaluable form every answer is turned into, whatever it was typed in (plain math or LaTeX).
 * A small real-valued expression tree: the parsers' trees are converted into it (see parse.ts), it is compiled
 * to plain closures for fast evaluation at many points, and it can be differentiated symbolically (used to
 * recognise a student who differentiated instead of integrating).
 *
 * Real semantics: anything that is not a finite real number (sqrt of a negative, ln of a non-positive,
 * division by zero, overflow) evaluates to NaN or ±Infinity and counts as "undefined at that point".
 */

export const functionNames = [
  'sin',
  'cos',
  'tan',
  'sec',
  'csc',
  'cot',
  'asin',
  'acos',
  'atan',
  'asec',
  'acsc',
  'acot',
  'sinh',
  'cosh',
  'tanh',
  'sech',
  'csch',
  'coth',
  'asinh',
  'acosh',
  'atanh',
  'asech',
  'acsch',
  'acoth',
  'ln',
  'log10',
  'log2',
  'logb',
  'exp',
  'sqrt',
  'root',
  'abs',
  'sign',
  'factorial',
] as const;
export type FunctionName = (typeof functionNames)[number];

export type Expr =
  | { type: 'num'; value: number; decimal: boolean }
  | { type: 'sym'; name: string }
  | { type: 'const'; name: 'pi' | 'e' | 'inf' }
  | { type: 'add'; args: Expr[] }
  | { type: 'mul'; args: Expr[] }
  | { type: 'neg'; arg: Expr }
  | { type: 'div'; num: Expr; den: Expr }
  | { type: 'pow'; base: Expr; exp: Expr }
  | { type: 'call'; fn: FunctionName; args: Expr[] };

export type Env = Record<string, number>;
export type Compiled = (env: Env) => number;

export const num = (value: number, decimal = false): Expr => ({ type: 'num', value, decimal });
export const sym = (name: string): Expr => ({ type: 'sym', name });
export const add = (...args: Expr[]): Expr => ({ type: 'add', args });
export const mul = (...args: Expr[]): Expr => ({ type: 'mul', args });
export const neg = (arg: Expr): Expr => ({ type: 'neg', arg });
export const div = (n: Expr, d: Expr): Expr => ({ type: 'div', num: n, den: d });
export const pow = (base: Expr, exp: Expr): Expr => ({ type: 'pow', base, exp });
export const call = (fn: FunctionName, ...args: Expr[]): Expr => ({ type: 'call', fn, args });

/** Lanczos approximation of the gamma function (g = 7, n = 9); n! = gamma(n + 1). */
function gamma(z: number): number {
  if (z < 0.5) return Math.PI / (Math.sin(Math.PI * z) * gamma(1 - z));
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const x = z - 1;
  let a = c[0]!;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (x + i);
  return Math.sqrt(2 * Math.PI) * t ** (x + 0.5) * Math.exp(-t) * a;
}

function factorial(n: number): number {
  if (Number.isInteger(n)) {
    if (n < 0) return Number.NaN;
    let r = 1;
    for (let i = 2; i <= n && r < Number.POSITIVE_INFINITY; i++) r *= i;
    return r;
  }
  return gamma(n + 1);
}

/**
 * Real power: a negative base with a rational exponent of odd denominator (x^(1/3), x^(2/3)) has a real value,
 * as students and textbooks expect; Math.pow would give NaN there.
 */
export function realPow(a: number, b: number): number {
  if (a >= 0 || Number.isInteger(b) || !Number.isFinite(b)) return a ** b;
  for (const q of [3, 5, 7, 9, 11, 13, 15]) {
    const p = Math.round(b * q);
    if (Math.abs(b * q - p) < 1e-9) {
      const magnitude = (-a) ** b;
      return p % 2 === 0 ? magnitude : -magnitude;
    }
  }
  return Number.NaN;
}

function realRoot(x: number, n: number): number {
  if (!Number.isInteger(n) || n === 0) return realPow(x, 1 / n);
  if (x >= 0) return x ** (1 / n);
  return n % 2 !== 0 ? -((-x) ** (1 / n)) : Number.NaN;
}

const ln = (x: number) => (x > 0 ? Math.log(x) : Number.NaN);

const unary: Record<Exclude<FunctionName, 'logb' | 'root'>, (x: number) => number> = {
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  sec: (x) => 1 / Math.cos(x),
  csc: (x) => 1 / Math.sin(x),
  cot: (x) => Math.cos(x) / Math.sin(x),
  asin: Math.asin,
  acos: Math.acos,
  atan: Math.atan,
  asec: (x) => Math.acos(1 / x),
  acsc: (x) => Math.asin(1 / x),
  // The calculus convention: arccot x = pi/2 - arctan x, continuous, with values in (0, pi).
  acot: (x) => Math.PI / 2 - Math.atan(x),
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  sech: (x) => 1 / Math.cosh(x),
  csch: (x) => 1 / Math.sinh(x),
  coth: (x) => 1 / Math.tanh(x),
  asinh: Math.asinh,
  acosh: Math.acosh,
  atanh: Math.atanh,
  asech: (x) => Math.acosh(1 / x),
  acsch: (x) => Math.asinh(1 / x),
  acoth: (x) => Math.atanh(1 / x),
  ln,
  log10: (x) => (x > 0 ? Math.log10(x) : Number.NaN),
  log2: (x) => (x > 0 ? Math.log2(x) : Number.NaN),
  exp: Math.exp,
  sqrt: Math.sqrt,
  abs: Math.abs,
  sign: Math.sign,
  factorial,
};

/** Compiles an expression to a closure; unknown symbols read as NaN (the caller supplies every free symbol). */
export function compile(expr: Expr): Compiled {
  switch (expr.type) {
    case 'num': {
      const v = expr.value;
      return () => v;
    }
    case 'sym': {
      const name = expr.name;
      return (env) => env[name] ?? Number.NaN;
    }
    case 'const': {
      const v = expr.name === 'pi' ? Math.PI : expr.name === 'e' ? Math.E : Number.POSITIVE_INFINITY;
      return () => v;
    }
    case 'add': {
      const fs = expr.args.map(compile);
      if (fs.length === 2) {
        const [f, g] = fs as [Compiled, Compiled];
        return (env) => f(env) + g(env);
      }
      return (env) => {
        let s = 0;
        for (const f of fs) s += f(env);
        return s;
      };
    }
    case 'mul': {
      const fs = expr.args.map(compile);
      if (fs.length === 2) {
        const [f, g] = fs as [Compiled, Compiled];
        return (env) => f(env) * g(env);
      }
      return (env) => {
        let p = 1;
        for (const f of fs) p *= f(env);
        return p;
      };
    }
    case 'neg': {
      const f = compile(expr.arg);
      return (env) => -f(env);
    }
    case 'div': {
      const n = compile(expr.num);
      const d = compile(expr.den);
      return (env) => n(env) / d(env);
    }
    case 'pow': {
      const b = compile(expr.base);
      const e = compile(expr.exp);
      return (env) => realPow(b(env), e(env));
    }
    case 'call': {
      const args = expr.args.map(compile);
      const [a, b] = args as [Compiled, Compiled | undefined];
      if (expr.fn === 'logb') {
        const base = b ?? (() => 10);
        return (env) => ln(a(env)) / ln(base(env));
      }
      if (expr.fn === 'root') {
        const degree = b ?? (() => 2);
        return (env) => realRoot(a(env), degree(env));
      }
      const f = unary[expr.fn];
      return (env) => f(a(env));
    }
  }
}

/** Every symbol the expression uses (variables and arbitrary constants; not pi, e or infinity), sorted. */
export function symbols(expr: Expr): string[] {
  const names = new Set<string>();
  const visit = (e: Expr): void => {
    switch (e.type) {
      case 'sym':
        names.add(e.name);
        return;
      case 'num':
      case 'const':
        return;
      case 'add':
      case 'mul':
      case 'call':
        for (const a of e.args) visit(a);
        return;
      case 'neg':
        visit(e.arg);
        return;
      case 'div':
        visit(e.num);
        visit(e.den);
        return;
      case 'pow':
        visit(e.base);
        visit(e.exp);
        return;
    }
  };
  visit(expr);
  return [...names].sort();
}

/** True when the answer contains a number written as a decimal (`0.3333`, `1.5e3`). */
export function hasDecimal(expr: Expr): boolean {
  switch (expr.type) {
    case 'num':
      return expr.decimal;
    case 'sym':
    case 'const':
      return false;
    case 'add':
    case 'mul':
    case 'call':
      return expr.args.some(hasDecimal);
    case 'neg':
      return hasDecimal(expr.arg);
    case 'div':
      return hasDecimal(expr.num) || hasDecimal(expr.den);
    case 'pow':
      return hasDecimal(expr.base) || hasDecimal(expr.exp);
  }
}

/** The top-level additive terms, each carrying its sign: `a - b + c` -> [a, -b, c]. */
export function terms(expr: Expr): Expr[] {
  if (expr.type === 'add') return expr.args.flatMap(terms);
  if (expr.type === 'neg') return terms(expr.arg).map((t) => (t.type === 'neg' ? t.arg : neg(t)));
  return [expr];
}

const isZero = (e: Expr) => e.type === 'num' && e.value === 0;
const isOne = (e: Expr) => e.type === 'num' && e.value === 1;

function sum(parts: Expr[]): Expr {
  const kept = parts.filter((p) => !isZero(p));
  if (kept.length === 0) return num(0);
  return kept.length === 1 ? kept[0]! : add(...kept);
}

function product(parts: Expr[]): Expr {
  if (parts.some(isZero)) return num(0);
  const kept = parts.filter((p) => !isOne(p));
  if (kept.length === 0) return num(1);
  return kept.length === 1 ? kept[0]! : mul(...kept);
}

/** d(fn(u))/du for the one-argument functions, as an expression in u. */
function outerDerivative(fn: FunctionName, u: Expr): Expr | undefined {
  const one = num(1);
  const two = num(2);
  const sq = (e: Expr) => pow(e, two);
  const sqrt = (e: Expr) => call('sqrt', e);
  switch (fn) {
    case 'sin':
      return call('cos', u);
    case 'cos':
      return neg(call('sin', u));
    case 'tan':
      return sq(call('sec', u));
    case 'sec':
      return mul(call('sec', u), call('tan', u));
    case 'csc':
      return neg(mul(call('csc', u), call('cot', u)));
    case 'cot':
      return neg(sq(call('csc', u)));
    case 'asin':
      return div(one, sqrt(add(one, neg(sq(u)))));
    case 'acos':
      return neg(div(one, sqrt(add(one, neg(sq(u))))));
    case 'atan':
      return div(one, add(one, sq(u)));
    case 'acot':
      return neg(div(one, add(one, sq(u))));
    case 'asec':
      return div(one, mul(call('abs', u), sqrt(add(sq(u), neg(one)))));
    case 'acsc':
      return neg(div(one, mul(call('abs', u), sqrt(add(sq(u), neg(one))))));
    case 'sinh':
      return call('cosh', u);
    case 'cosh':
      return call('sinh', u);
    case 'tanh':
      return sq(call('sech', u));
    case 'sech':
      return neg(mul(call('sech', u), call('tanh', u)));
    case 'csch':
      return neg(mul(call('csch', u), call('coth', u)));
    case 'coth':
      return neg(sq(call('csch', u)));
    case 'asinh':
      return div(one, sqrt(add(sq(u), one)));
    case 'acosh':
      return div(one, sqrt(add(sq(u), neg(one))));
    case 'atanh':
    case 'acoth':
      return div(one, add(one, neg(sq(u))));
    case 'asech':
      return neg(div(one, mul(u, sqrt(add(one, neg(sq(u)))))));
    case 'acsch':
      return neg(div(one, mul(call('abs', u), sqrt(add(one, sq(u))))));
    case 'ln':
      return div(one, u);
    case 'log10':
      return div(one, mul(u, call('ln', num(10))));
    case 'log2':
      return div(one, mul(u, call('ln', two)));
    case 'exp':
      return call('exp', u);
    case 'sqrt':
      return div(one, mul(two, call('sqrt', u)));
    case 'abs':
      return call('sign', u);
    case 'sign':
      return num(0);
    default:
      return undefined;
  }
}

/**
 * Symbolic derivative with respect to `v`, unsimplified; undefined when the expression uses something
 * without a derivative rule here (factorial, a general log base or root with a variable index).
 */
export function derivative(expr: Expr, v: string): Expr | undefined {
  const d = (e: Expr) => derivative(e, v);
  const dependsOn = (e: Expr) => symbols(e).includes(v);
  switch (expr.type) {
    case 'num':
    case 'const':
      return num(0);
    case 'sym':
      return num(expr.name === v ? 1 : 0);
    case 'add': {
      const parts = expr.args.map(d);
      return parts.every((p) => p !== undefined) ? sum(parts as Expr[]) : undefined;
    }
    case 'neg': {
      const inner = d(expr.arg);
      return inner && (isZero(inner) ? inner : neg(inner));
    }
    case 'mul': {
      const parts: Expr[] = [];
      for (let i = 0; i < expr.args.length; i++) {
        const di = d(expr.args[i]!);
        if (!di) return undefined;
        if (isZero(di)) continue;
        parts.push(product(expr.args.map((a, j) => (j === i ? di : a))));
      }
      return sum(parts);
    }
    case 'div': {
      const dn = d(expr.num);
      const dd = d(expr.den);
      if (!dn || !dd) return undefined;
      if (isZero(dd)) return isZero(dn) ? dn : div(dn, expr.den);
      return div(add(mul(dn, expr.den), neg(mul(expr.num, dd))), pow(expr.den, num(2)));
    }
    case 'pow': {
      const { base, exp } = expr;
      if (!dependsOn(exp)) {
        const db = d(base);
        if (!db) return undefined;
        if (isZero(db)) return num(0);
        return product([exp, pow(base, add(exp, num(-1))), db]);
      }
      // b^g = e^(g ln b): d = b^g (g' ln b + g b'/b)
      const db = d(base);
      const dg = d(exp);
      if (!db || !dg) return undefined;
      const lnb = call('ln', base);
      return mul(expr, sum([product([dg, lnb]), product([exp, div(db, base)])]));
    }
    case 'call': {
      const [u, second] = expr.args as [Expr, Expr | undefined];
      if (expr.fn === 'logb') {
        if (second && dependsOn(second)) return undefined;
        const du = d(u);
        if (!du) return undefined;
        return isZero(du) ? du : div(du, mul(u, call('ln', second ?? num(10))));
      }
      if (expr.fn === 'root') {
        if (second && dependsOn(second)) return undefined;
        return d(pow(u, div(num(1), second ?? num(2))));
      }
      const du = d(u);
      if (!du) return undefined;
      if (isZero(du)) return du;
      const outer = outerDerivative(expr.fn, u);
      return outer && product([outer, du]);
    }
  }
}

/** Replaces symbols by expressions (used to set a constant of integration to 0). */
export function substitute(expr: Expr, values: Record<string, Expr>): Expr {
  const s = (e: Expr) => substitute(e, values);
  switch (expr.type) {
    case 'sym':
      return values[expr.name] ?? expr;
    case 'num':
    case 'const':
      return expr;
    case 'add':
      return add(...expr.args.map(s));
    case 'mul':
      return mul(...expr.args.map(s));
    case 'call':
      return { type: 'call', fn: expr.fn, args: expr.args.map(s) };
    case 'neg':
      return neg(s(expr.arg));
    case 'div':
      return div(s(expr.num), s(expr.den));
    case 'pow':
      return pow(s(expr.base), s(expr.exp));
  }
}

/**
 * The same expression with every logarithm's argument in an absolute value (`ln(x - 1)` -> `ln|x - 1|`):
 * used to recognise an antiderivative that is right except for the absolute value of ln|u|.
 */
export function absoluteLogs(expr: Expr): Expr {
  const a = absoluteLogs;
  switch (expr.type) {
    case 'num':
    case 'const':
    case 'sym':
      return expr;
    case 'add':
      return add(...expr.args.map(a));
    case 'mul':
      return mul(...expr.args.map(a));
    case 'neg':
      return neg(a(expr.arg));
    case 'div':
      return div(a(expr.num), a(expr.den));
    case 'pow':
      return pow(a(expr.base), a(expr.exp));
    case 'call': {
      const args = expr.args.map(a);
      const logarithm = expr.fn === 'ln' || expr.fn === 'log10' || expr.fn === 'log2' || expr.fn === 'logb';
      if (logarithm && args[0] && !(args[0].type === 'call' && args[0].fn === 'abs')) args[0] = call('abs', args[0]);
      return { type: 'call', fn: expr.fn, args };
    }
  }
}
