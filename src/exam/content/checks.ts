import { all, create, type MathNode } from 'mathjs';
import type { AnswerCheck } from './schema.js';

/**
 * Independent checks of a bank answer against the question's integrand or function, computed with mathjs
 * (symbolic derivative, numeric quadrature). They guard the content, not student answers: the grader does that.
 */
const math = create(all!, { predictable: true });

/** Minimal plain-math to mathjs rewrite for content authored in the bank's documented syntax. */
export function toMathjs(text: string): string {
  let s = text.trim();
  // |u| -> (abs(u)), for non-nested bars; the parentheses make `ln|x|` a call.
  for (let i = 0; i < 5 && s.includes('|'); i++) s = s.replace(/\|([^|]+)\|/g, '(abs($1))');
  s = s.replace(/\bln\s*\(/g, 'log(');
  s = s.replace(/\barc(sin|cos|tan|sec|csc|cot)\b/g, 'a$1');
  return s;
}

function parse(text: string): MathNode {
  return math.parse(toMathjs(text));
}

// Quadrature evaluates one integrand up to ~10^6 times: compile each node once.
const compiled = new WeakMap<MathNode, ReturnType<MathNode['compile']>>();

function evaluate(node: MathNode, scope: Record<string, number>): number {
  let code = compiled.get(node);
  if (!code) {
    code = node.compile();
    compiled.set(node, code);
  }
  const v = code.evaluate({ ...scope });
  return typeof v === 'number' ? v : Number.NaN;
}

function close(a: number, b: number, rel = 1e-6): boolean {
  return Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Seeded LCG so checks are repeatable. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function agreeAtRandomPoints(
  a: MathNode,
  b: MathNode,
  vars: string[],
  domain: Record<string, [number, number]>,
  fixed: Record<string, number> = {},
): string | undefined {
  const next = rng(12345);
  let compared = 0;
  for (let i = 0; i < 60 && compared < 12; i++) {
    const scope: Record<string, number> = { ...fixed };
    for (const v of vars) {
      const [lo, hi] = domain[v] ?? [-2, 2];
      scope[v] = lo + (hi - lo) * next();
    }
    const va = evaluate(a, scope);
    const vb = evaluate(b, scope);
    if (!Number.isFinite(va) || !Number.isFinite(vb)) continue;
    compared++;
    if (!close(va, vb, 1e-6)) return `differ at ${JSON.stringify(scope)}: ${va} vs ${vb}`;
  }
  return compared < 6 ? `only ${compared} comparable points in the domain` : undefined;
}

function simpson(f: (x: number) => number, a: number, b: number, n: number): number {
  const h = (b - a) / n;
  let sum = f(a) + f(b);
  for (let i = 1; i < n; i++) sum += f(a + i * h) * (i % 2 === 0 ? 2 : 4);
  return (sum * h) / 3;
}

const parsedBounds = new Map<string, MathNode>();
function bound(text: string, scope: Record<string, number>): number {
  let node = parsedBounds.get(text);
  if (!node) {
    node = parse(text);
    parsedBounds.set(text, node);
  }
  return evaluate(node, scope);
}

function integral(check: Extract<AnswerCheck, { type: `${string}integral` }>): number {
  const f = parse(check.integrand);
  switch (check.type) {
    case 'definite-integral':
      return simpson((x) => evaluate(f, { [check.var]: x }), bound(check.from, {}), bound(check.to, {}), 4000);
    case 'double-integral': {
      const { outer, inner } = check;
      return simpson(
        (u) => {
          const s = { [outer.var]: u };
          return simpson((v) => evaluate(f, { ...s, [inner.var]: v }), bound(inner.from, s), bound(inner.to, s), 400);
        },
        bound(outer.from, {}),
        bound(outer.to, {}),
        400,
      );
    }
    case 'triple-integral': {
      const { outer, middle, inner } = check;
      return simpson(
        (u) => {
          const s1 = { [outer.var]: u };
          return simpson(
            (v) => {
              const s2 = { ...s1, [middle.var]: v };
              return simpson(
                (w) => evaluate(f, { ...s2, [inner.var]: w }),
                bound(inner.from, s2),
                bound(inner.to, s2),
                60,
              );
            },
            bound(middle.from, s1),
            bound(middle.to, s1),
            60,
          );
        },
        bound(outer.from, {}),
        bound(outer.to, {}),
        60,
      );
    }
  }
}

/**
 * Returns undefined when `answerValue` passes the check, else a sentence saying why not.
 * `answerValue` is the bank's plain-math answer (for antiderivatives it may contain `+ C`).
 */
export function runAnswerCheck(
  check: AnswerCheck,
  answerValue: string,
  domain: Record<string, [number, number]> = {},
): string | undefined {
  try {
    return runCheck(check, answerValue, domain);
  } catch (error) {
    return `could not be checked: ${(error as Error).message}`;
  }
}

function runCheck(
  check: AnswerCheck,
  answerValue: string,
  domain: Record<string, [number, number]>,
): string | undefined {
  const answer = parse(answerValue);
  switch (check.type) {
    case 'antiderivative': {
      const derived = math.derivative(answer, check.var, { simplify: false });
      return agreeAtRandomPoints(derived, parse(check.integrand), [check.var], domain);
    }
    case 'derivative': {
      const derived = math.derivative(parse(check.of), check.var, { simplify: false });
      if (check.at) {
        const expected = evaluate(derived, check.at);
        const got = evaluate(answer, {});
        return close(expected, got) ? undefined : `derivative at point is ${expected}, answer is ${got}`;
      }
      const vars = [...new Set([check.var, ...freeVariables(parse(check.of))])];
      return agreeAtRandomPoints(derived, answer, vars, domain);
    }
    case 'series-sum': {
      const term = parse(check.term);
      let sum = 0;
      for (let n = check.from; n < check.from + 200000; n++) sum += evaluate(term, { [check.var]: n });
      const got = evaluate(answer, {});
      return close(sum, got, 1e-4) ? undefined : `partial sum is ${sum}, answer is ${got}`;
    }
    default: {
      const expected = integral(check);
      const got = evaluate(answer, {});
      return close(expected, got, 1e-5) ? undefined : `integral is ${expected}, answer is ${got}`;
    }
  }
}

const constants = new Set(['e', 'pi', 'i', 'E', 'PI']);
export function freeVariables(node: MathNode): string[] {
  const names = new Set<string>();
  node.traverse((n, _path, parent) => {
    if (n.type === 'SymbolNode' && !(parent?.type === 'FunctionNode' && (parent as { fn?: unknown }).fn === n)) {
      const name = (n as unknown as { name: string }).name;
      if (!constants.has(name)) names.add(name);
    }
  });
  return [...names].sort();
}

/** Evaluates a plain-math number answer (`pi/4`, `2*sqrt(3)`, `ln(2)`), NaN when it is not a number. */
export function evaluateNumber(text: string): number {
  return evaluate(parse(text), {});
}
