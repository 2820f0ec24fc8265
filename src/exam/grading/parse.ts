import { LatexSyntax } from '@cortex-js/compute-engine/latex-syntax';
import { create, type FactoryFunctionMap, type MathNode, parseDependencies } from 'mathjs';
import { add, call, div, type Expr, type FunctionName, functionNames, mul, neg, num, pow, sym } from './expr.js';
import {
  looksLikeLatex,
  MathParseError,
  type Normalised,
  normaliseLatex,
  normalisePlain,
  originalPosition,
} from './normalize.js';

/**
 * The single wrapper around the parsing libraries: plain math and LaTeX in, one evaluable form (expr.ts) out.
 *
 * - Plain math (`x^2/2 + C`, `2*sqrt(x)`, `ln|x|`, `e^(2x)`, `3sin(x)`) is normalised (normalize.ts) and parsed
 *   by mathjs (only its parser: evaluation is ours, real-valued, see expr.ts).
 * - LaTeX (`\frac{x^2}{2}+C`, `\ln\left|x\right|`) is normalised and parsed by the Compute Engine's standalone
 *   LaTeX parser (`@cortex-js/compute-engine/latex-syntax`, LaTeX -> MathJSON), then converted.
 * Anything either library accepts but calculus answers never contain (matrices, units, assignments, derivative
 * notation) is rejected with a MathParseError, as is any parse failure; errors carry the input position.
 */

export { MathParseError } from './normalize.js';

export interface ParsedMath {
  expr: Expr;
  syntax: 'plain' | 'latex';
}

/** Longest answer accepted, in characters: longer input is refused before parsing. */
export const maxInputLength = 400;

let latexSyntax: LatexSyntax | undefined;
function latexParser(): LatexSyntax {
  latexSyntax ??= new LatexSyntax();
  return latexSyntax;
}

/**
 * Parses one mathematical expression (no `=`, no top-level comma: structure is split off by structure.ts).
 * `offset` is added to error positions (the expression's place in a longer answer).
 */
export function parseMath(text: string, offset = 0): ParsedMath {
  try {
    if (text.length > maxInputLength)
      throw new MathParseError(`the answer is longer than ${maxInputLength} characters`);
    if (text.trim() === '') throw new MathParseError('the answer is empty', 0);
    return looksLikeLatex(text)
      ? { expr: parseLatex(text), syntax: 'latex' }
      : { expr: parsePlain(text), syntax: 'plain' };
  } catch (error) {
    if (error instanceof MathParseError)
      throw new MathParseError(error.message, error.position === undefined ? undefined : error.position + offset);
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Plain: mathjs

// Built on first use: mathjs's ready-made instance builds all of its functions at import, a third of a second of CPU
// that would count against a Cloudflare Worker's startup limit; grading needs only the parser.
let plainParser: ((expression: string) => MathNode) | undefined;
const mathjsParse = (expression: string): MathNode => {
  plainParser ??= create({ parseDependencies } as FactoryFunctionMap).parse;
  return plainParser(expression);
};

function parsePlain(text: string): Expr {
  const normalised = normalisePlain(text);
  if (normalised.text.trim() === '') throw new MathParseError('the answer is empty', 0);
  let node: MathNode;
  try {
    node = mathjsParse(normalised.text);
  } catch (error) {
    const e = error as Error & { char?: number };
    const message = e.message.replace(/\s*\(char \d+\)\s*$/, '');
    const at = typeof e.char === 'number' ? Math.max(0, e.char - 1) : undefined;
    throw new MathParseError(
      describeMathjsError(message),
      at === undefined ? undefined : clampPosition(normalised, at),
    );
  }
  return fromMathjs(node, normalised);
}

function clampPosition(n: Normalised, at: number): number {
  return at >= n.text.length ? n.length : originalPosition(n, at);
}

function describeMathjsError(message: string): string {
  if (/Unexpected end of expression/i.test(message))
    return 'the answer ends too early (something is missing at the end)';
  if (/Parenthesis \) expected/i.test(message)) return "a ')' is missing";
  if (/Value expected/i.test(message)) return 'a number or variable is missing here';
  if (/Unexpected operator/i.test(message)) return message.replace('Unexpected operator', 'unexpected operator');
  return message.charAt(0).toLowerCase() + message.slice(1);
}

const knownFunctions = new Set<string>(functionNames);
const arity = (fn: FunctionName) => (fn === 'logb' || fn === 'root' ? 2 : 1);

/** mathjs node (as typed here: only the parts we use) to Expr. */
function fromMathjs(node: MathNode, source: Normalised): Expr {
  const convert = (n: MathNode): Expr => fromMathjs(n, source);
  switch (node.type) {
    case 'ConstantNode': {
      const value = (node as unknown as { value: unknown }).value;
      if (typeof value !== 'number') throw new MathParseError('unexpected text');
      return num(value, !Number.isInteger(value));
    }
    case 'SymbolNode': {
      const name = (node as unknown as { name: string }).name;
      if (name === 'pi') return { type: 'const', name: 'pi' };
      if (name === 'e') return { type: 'const', name: 'e' };
      if (name === 'Infinity') return { type: 'const', name: 'inf' };
      return sym(name);
    }
    case 'ParenthesisNode':
      return convert((node as unknown as { content: MathNode }).content);
    case 'OperatorNode': {
      const { fn, args, op } = node as unknown as { fn: string; args: MathNode[]; op: string };
      const a = args.map(convert);
      switch (fn) {
        case 'add':
          return add(a[0]!, a[1]!);
        case 'subtract':
          return add(a[0]!, neg(a[1]!));
        case 'multiply':
          return mul(a[0]!, a[1]!);
        case 'divide':
          return div(a[0]!, a[1]!);
        case 'pow':
          return pow(a[0]!, a[1]!);
        case 'unaryMinus':
          return neg(a[0]!);
        case 'unaryPlus':
          return a[0]!;
        case 'factorial':
          return call('factorial', a[0]!);
        default:
          throw new MathParseError(`the operator '${op}' is not allowed in an answer`);
      }
    }
    case 'FunctionNode': {
      const { fn, args } = node as unknown as { fn: { name?: string }; args: MathNode[] };
      const name = fn.name ?? '';
      if (!knownFunctions.has(name)) throw new MathParseError(`unknown function '${name}'`);
      const f = name as FunctionName;
      if (args.length !== arity(f))
        throw new MathParseError(`${name} takes ${arity(f)} argument${arity(f) > 1 ? 's' : ''}`);
      return call(f, ...args.map(convert));
    }
    default:
      throw new MathParseError('this notation is not allowed in an answer');
  }
}

// ---------------------------------------------------------------------------------------------------------------
// LaTeX: Compute Engine latex-syntax (LaTeX -> MathJSON)

type Json = unknown;

function parseLatex(text: string): Expr {
  const normalised = normaliseLatex(text);
  const json = latexParser().parse(normalised.text);
  if (json === null) throw new MathParseError('the answer is empty', 0);
  const error = findError(json);
  if (error)
    throw new MathParseError(error.message, error.at === undefined ? undefined : clampPosition(normalised, error.at));
  return fromMathJson(json);
}

interface Found {
  message: string;
  at?: number;
}

function headOf(x: Json): string | undefined {
  if (Array.isArray(x)) return typeof x[0] === 'string' ? x[0] : undefined;
  if (x && typeof x === 'object' && 'fn' in x) return headOf((x as { fn: Json }).fn);
  return undefined;
}

function argsOf(x: Json): Json[] {
  if (Array.isArray(x)) return x.slice(1);
  if (x && typeof x === 'object' && 'fn' in x) return argsOf((x as { fn: Json }).fn);
  return [];
}

function offsetsOf(x: Json): [number, number] | undefined {
  if (x && typeof x === 'object' && !Array.isArray(x) && 'sourceOffsets' in x)
    return (x as { sourceOffsets: [number, number] }).sourceOffsets;
  return undefined;
}

const errorMessages: Record<string, string> = {
  'unexpected-command': 'unknown LaTeX command',
  'expected-closing-delimiter': "a closing '}' or ')' is missing",
  'expected-open-delimiter': "an opening '(' or '{' is missing",
  'unexpected-delimiter': 'unbalanced parenthesis or bracket',
  'unexpected-operator': 'an operator is missing an operand',
  'unexpected-token': 'unexpected symbol',
  missing: 'something is missing',
};

function findError(x: Json): Found | undefined {
  if (headOf(x) === 'Error') {
    const [code, latex] = argsOf(x);
    const codeText = stringValue(code) ?? 'syntax-error';
    const what = stringValue(argsOf(latex)[0]);
    const base = errorMessages[codeText] ?? codeText.replace(/-/g, ' ');
    const message = what && what !== '' ? `${base}: '${what}'` : base;
    return { message, at: offsetsOf(x)?.[0] };
  }
  for (const a of argsOf(x)) {
    const found = findError(a);
    if (found) return found;
  }
  return undefined;
}

function stringValue(x: Json): string | undefined {
  if (typeof x === 'string') return x.replace(/^'|'$/g, '');
  if (x && typeof x === 'object' && 'str' in x) return String((x as { str: unknown }).str);
  return undefined;
}

const mathJsonFunctions: Record<string, FunctionName> = {
  Sin: 'sin',
  Cos: 'cos',
  Tan: 'tan',
  Sec: 'sec',
  Csc: 'csc',
  Cot: 'cot',
  Arcsin: 'asin',
  Arccos: 'acos',
  Arctan: 'atan',
  Arcsec: 'asec',
  Arccsc: 'acsc',
  Arccot: 'acot',
  Sinh: 'sinh',
  Cosh: 'cosh',
  Tanh: 'tanh',
  Sech: 'sech',
  Csch: 'csch',
  Coth: 'coth',
  Arsinh: 'asinh',
  Arcosh: 'acosh',
  Artanh: 'atanh',
  Arsech: 'asech',
  Arcsch: 'acsch',
  Arcoth: 'acoth',
  Ln: 'ln',
  Lb: 'log2',
  Lg: 'log10',
  Exp: 'exp',
  Sqrt: 'sqrt',
  Abs: 'abs',
  Sign: 'sign',
  Factorial: 'factorial',
};

/** Function names the LaTeX parser leaves as plain symbols (`\operatorname{arccot}`), applied to what follows. */
const symbolFunctions: Record<string, FunctionName> = {
  arccot: 'acot',
  acot: 'acot',
  sech: 'sech',
  csch: 'csch',
  cbrt: 'root',
  abs: 'abs',
  sgn: 'sign',
  sign: 'sign',
};

const greekNames = new Set([
  'alpha',
  'beta',
  'gamma',
  'delta',
  'epsilon',
  'varepsilon',
  'theta',
  'vartheta',
  'lambda',
  'rho',
  'sigma',
  'tau',
  'phi',
  'varphi',
  'omega',
]);

function symbolFrom(name: string): Expr {
  switch (name) {
    case 'Pi':
      return { type: 'const', name: 'pi' };
    case 'e':
    case 'ExponentialE':
      return { type: 'const', name: 'e' };
    case 'PositiveInfinity':
    case 'ComplexInfinity':
      return { type: 'const', name: 'inf' };
    case 'NegativeInfinity':
      return neg({ type: 'const', name: 'inf' });
    case 'ImaginaryUnit':
      return sym('i');
    case 'Nothing':
      throw new MathParseError('something is missing');
  }
  if (name.startsWith("'")) throw new MathParseError(`unexpected text ${name}`);
  const decorated = /^([A-Za-z])_(bold|upright|hat)$/.exec(name);
  if (decorated) return sym(decorated[1]!);
  if (/^[A-Za-z](_[A-Za-z0-9]+)?$/.test(name)) return sym(name);
  if (greekNames.has(name)) return sym(name.replace(/^var/, ''));
  const head = mathJsonFunctions[name];
  if (head || symbolFunctions[name] || knownFunctions.has(name))
    throw new MathParseError(`${head ?? name} needs an argument`);
  throw new MathParseError(`unknown name '${name}'`);
}

function numberFrom(text: string): Expr {
  if (text === '+Infinity') return { type: 'const', name: 'inf' };
  if (text === '-Infinity') return neg({ type: 'const', name: 'inf' });
  const repeating = /^(-?\d*)\.(\d*)\((\d+)\)$/.exec(text);
  if (repeating) {
    const [, whole, fixed, cycle] = repeating as unknown as [string, string, string, string];
    const value =
      Number(`${whole || '0'}.${fixed}`) +
      (Math.sign(Number(`${whole}1`)) * Number(cycle)) / (10 ** fixed.length * (10 ** cycle.length - 1));
    return num(value, true);
  }
  const value = Number(text);
  if (!Number.isFinite(value)) throw new MathParseError(`cannot read the number ${text}`);
  return num(value, /[.eE]/.test(text));
}

function fromMathJson(x: Json): Expr {
  if (typeof x === 'number') return num(x, !Number.isInteger(x));
  if (typeof x === 'string') return symbolFrom(x);
  if (x && typeof x === 'object' && !Array.isArray(x)) {
    if ('num' in x) return numberFrom(String((x as { num: unknown }).num));
    if ('sym' in x) return symbolFrom(String((x as { sym: unknown }).sym));
    if ('str' in x) throw new MathParseError('unexpected text');
  }
  const head = headOf(x);
  const args = argsOf(x);
  if (!head) throw new MathParseError('unreadable expression');
  const one = (): Expr => {
    if (args.length !== 1) throw new MathParseError(`${head.toLowerCase()} takes one argument`);
    return fromMathJson(args[0]);
  };
  const fn = mathJsonFunctions[head];
  if (fn) return call(fn, one());
  switch (head) {
    case 'Add':
      return add(...args.map(fromMathJson));
    case 'Subtract': {
      const [first, ...rest] = args.map(fromMathJson);
      if (!first) throw new MathParseError('something is missing');
      return rest.length === 0 ? neg(first) : add(first, ...rest.map(neg));
    }
    case 'Negate':
      return neg(one());
    case 'Multiply':
    case 'InvisibleOperator':
      return product(args);
    case 'Divide':
    case 'Rational': {
      if (args.length !== 2) throw new MathParseError('a fraction needs a numerator and a denominator');
      return div(fromMathJson(args[0]), fromMathJson(args[1]));
    }
    case 'Power': {
      if (args.length !== 2) throw new MathParseError('a power needs a base and an exponent');
      return pow(fromMathJson(args[0]), fromMathJson(args[1]));
    }
    case 'Square':
      return pow(one(), num(2));
    case 'Root':
      return call('root', fromMathJson(args[0]), fromMathJson(args[1]));
    case 'Log':
      // One argument: \log_{10} or \lg (a bare \log was rewritten to \ln by the normalisation).
      if (args.length === 1) return call('log10', fromMathJson(args[0]));
      return call('logb', fromMathJson(args[0]), fromMathJson(args[1]));
    case 'Delimiter': {
      const inner = args[0];
      if (inner === undefined) throw new MathParseError('empty parentheses');
      if (headOf(inner) === 'Sequence' && argsOf(inner).length > 1)
        throw new MathParseError('a list in parentheses is not a single expression');
      return fromMathJson(inner);
    }
    case 'Sequence': {
      if (args.length === 1) return fromMathJson(args[0]);
      throw new MathParseError(args.length === 0 ? 'something is missing' : "unexpected ','");
    }
    case 'OverHat':
    case 'OverVector':
      return one();
    case 'Equal':
    case 'Less':
    case 'LessEqual':
    case 'Greater':
    case 'GreaterEqual':
    case 'NotEqual':
      throw new MathParseError('an equation or inequality is not expected here');
    case 'Interval':
    case 'Set':
    case 'AngleBracket':
    case 'List':
    case 'Tuple':
    case 'Pair':
    case 'Triple':
      throw new MathParseError('an interval, set or vector is not expected here');
    case 'D':
    case 'Prime':
    case 'Derivative':
    case 'Integrate':
      throw new MathParseError('give the result, not derivative or integral notation');
    default:
      throw new MathParseError(`unsupported notation (${head})`);
  }
}

/** A product in which a function name left as a symbol (`arccot`) applies to the factor after it. */
function product(items: Json[]): Expr {
  const factors: Expr[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (headOf(item) === 'HorizontalSpacing') continue;
    const name = typeof item === 'string' ? item : undefined;
    const fn = name === undefined ? undefined : symbolFunctions[name];
    if (fn) {
      const arg = items[i + 1];
      if (arg === undefined) throw new MathParseError(`${name} needs an argument`);
      const inner = headOf(arg) === 'Delimiter' ? argsOf(arg)[0] : arg;
      factors.push(fn === 'root' ? call('root', fromMathJson(inner), num(3)) : call(fn, fromMathJson(inner)));
      i++;
      continue;
    }
    factors.push(fromMathJson(item));
  }
  if (factors.length === 0) throw new MathParseError('something is missing');
  return factors.length === 1 ? factors[0]! : mul(...factors);
}
