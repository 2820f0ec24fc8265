/**
 * The normalisation step between what a student types and the parsing libraries (parse.ts).
 *
 * Plain math goes to mathjs, which parses implicit multiplication (`2x`, `3sin(x)`, `x e^(2x)`) but not the
 * calculus habits `ln|x|`, `sin^2(x)`, `sin x`, `arcsin`, `xy` (one symbol for mathjs), `x(x+1)` (a call for
 * mathjs). LaTeX goes to the Compute Engine's LaTeX parser, which does not know bare `sin(2x)` (it reads
 * s*i*n), `e^(2x)` or `\sin^{-1}`, and reads `\log` as base 10. Both rewrites keep, for every output character,
 * the input position it came from, so a parse error can name where the student's input failed.
 */

export class MathParseError extends Error {
  constructor(
    message: string,
    /** 0-based character offset in the student's input, when known. */
    readonly position?: number,
  ) {
    super(message);
    this.name = 'MathParseError';
  }
}

/** A rewritten text with, for each of its characters, the offset in the original input it came from. */
export interface Normalised {
  text: string;
  origin: number[];
  /** Length of the original input (the position reported for errors at the end). */
  length: number;
}

class Builder {
  text = '';
  origin: number[] = [];
  push(s: string, pos: number): void {
    this.text += s;
    for (let i = 0; i < s.length; i++) this.origin.push(pos);
  }
  done(length: number): Normalised {
    return { text: this.text, origin: this.origin, length };
  }
}

/** Maps an offset in the normalised text back to the input. */
export function originalPosition(n: Normalised, offset: number): number {
  return n.origin[offset] ?? n.length;
}

/** Canonical function names (the same names as expr.ts) for everything a student may type. */
const functionWords: Record<string, string> = {
  sin: 'sin',
  cos: 'cos',
  tan: 'tan',
  sec: 'sec',
  csc: 'csc',
  cosec: 'csc',
  cot: 'cot',
  arcsin: 'asin',
  arccos: 'acos',
  arctan: 'atan',
  arcsec: 'asec',
  arccsc: 'acsc',
  arccot: 'acot',
  asin: 'asin',
  acos: 'acos',
  atan: 'atan',
  asec: 'asec',
  acsc: 'acsc',
  acot: 'acot',
  sinh: 'sinh',
  cosh: 'cosh',
  tanh: 'tanh',
  sech: 'sech',
  csch: 'csch',
  // British spelling, as cosec for csc.
  cosech: 'csch',
  coth: 'coth',
  arcsinh: 'asinh',
  arccosh: 'acosh',
  arctanh: 'atanh',
  arsinh: 'asinh',
  arcosh: 'acosh',
  artanh: 'atanh',
  arccoth: 'acoth',
  arcoth: 'acoth',
  arcsech: 'asech',
  arccsch: 'acsch',
  asinh: 'asinh',
  acosh: 'acosh',
  atanh: 'atanh',
  acoth: 'acoth',
  asech: 'asech',
  acsch: 'acsch',
  ln: 'ln',
  // `log` is the natural logarithm, as in calculus courses.
  log: 'ln',
  exp: 'exp',
  sqrt: 'sqrt',
  cbrt: 'cbrt',
  abs: 'abs',
  sgn: 'sign',
  root: 'root',
  factorial: 'factorial',
};

const inverseOf: Record<string, string> = {
  sin: 'asin',
  cos: 'acos',
  tan: 'atan',
  sec: 'asec',
  csc: 'acsc',
  cot: 'acot',
  sinh: 'asinh',
  cosh: 'acosh',
  tanh: 'atanh',
};

const greek = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'theta', 'lambda', 'rho', 'sigma', 'tau', 'phi', 'omega'];
const constantWords: Record<string, string> = { pi: 'pi', inf: 'inf', infinity: 'inf' };

const unicodeWords: Record<string, string> = {
  π: 'pi',
  θ: 'theta',
  α: 'alpha',
  β: 'beta',
  γ: 'gamma',
  δ: 'delta',
  ε: 'epsilon',
  λ: 'lambda',
  ρ: 'rho',
  σ: 'sigma',
  τ: 'tau',
  φ: 'phi',
  ω: 'omega',
  '∞': 'inf',
  '√': 'sqrt',
};
const unicodeOperators: Record<string, string> = {
  '·': '*',
  '×': '*',
  '⋅': '*',
  '∗': '*',
  '−': '-',
  '–': '-',
  '—': '-',
  '÷': '/',
};

type PieceKind = 'fn' | 'const' | 'name';
interface Piece {
  kind: PieceKind;
  /** Canonical text: a function name (expr.ts), `pi`/`e`/`inf`, or a variable name. */
  text: string;
  /** The letters as typed. */
  raw: string;
  pos: number;
}

const dictionary: Array<[string, PieceKind, string]> = [
  ...Object.entries(functionWords).map(([w, f]): [string, PieceKind, string] => [w, 'fn', f]),
  ...Object.entries(constantWords).map(([w, c]): [string, PieceKind, string] => [w, 'const', c]),
  ...greek.map((g): [string, PieceKind, string] => [g, 'name', g]),
].sort((a, b) => b[0].length - a[0].length);

/**
 * Splits a run of letters into function names, constants and one-letter variables, longest match first:
 * `xsin` -> x, sin; `xy` -> x, y; `pix` -> pi, x; `sinh` -> sinh. A whole word in capitals or title case
 * (`Sin`, `LN`, `PI`) is matched without regard to case; otherwise single capitals stay variables (`C`, `K`).
 */
export function splitWord(word: string, pos: number): Piece[] {
  const lower = word.toLowerCase();
  const whole = dictionary.find(([w]) => w === lower);
  if (whole && word.length > 1) return [{ kind: whole[1], text: whole[2], raw: word, pos }];
  if (lower === 'oo') return [{ kind: 'const', text: 'inf', raw: word, pos }];
  const pieces: Piece[] = [];
  let i = 0;
  while (i < word.length) {
    const match = dictionary.find(([w]) => word.startsWith(w, i));
    if (match) {
      pieces.push({ kind: match[1], text: match[2], raw: match[0], pos: pos + i });
      i += match[0].length;
    } else {
      const letter = word[i]!;
      pieces.push({ kind: letter === 'e' ? 'const' : 'name', text: letter, raw: letter, pos: pos + i });
      i++;
    }
  }
  return pieces;
}

// ---------------------------------------------------------------------------------------------------------------
// Plain math -> mathjs syntax

type TokKind = 'num' | 'fn' | 'const' | 'name' | 'op' | 'open' | 'close' | 'bar' | 'comma' | 'bang' | 'under';
interface Tok {
  kind: TokKind;
  text: string;
  pos: number;
}

function tokenizePlain(input: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(input[i + 1] ?? ''))) {
      const m = /^(\d+\.?\d*|\.\d+)/.exec(input.slice(i))!;
      toks.push({ kind: 'num', text: m[0], pos: i });
      i += m[0].length;
      continue;
    }
    if (/[A-Za-z]/.test(c)) {
      const m = /^[A-Za-z]+/.exec(input.slice(i))!;
      const pieces = splitWord(m[0], i);
      i += m[0].length;
      // log10(x), log2(x): the digits belong to the name.
      const base = /^(10|2)(?![0-9])/.exec(input.slice(i));
      const last = pieces.at(-1);
      if (base && last?.raw.toLowerCase() === 'log') {
        last.text = `log${base[0]}`;
        i += base[0].length;
      }
      for (const p of pieces) toks.push({ kind: p.kind, text: p.text, pos: p.pos });
      continue;
    }
    const word = unicodeWords[c];
    if (word) {
      toks.push(...splitWord(word, i).map((p) => ({ kind: p.kind, text: p.text, pos: i })));
      i++;
      continue;
    }
    if (c === '²' || c === '³') {
      toks.push({ kind: 'op', text: '^', pos: i }, { kind: 'num', text: c === '²' ? '2' : '3', pos: i });
      i++;
      continue;
    }
    if (c === '*' && input[i + 1] === '*') {
      toks.push({ kind: 'op', text: '^', pos: i });
      i += 2;
      continue;
    }
    const op = unicodeOperators[c] ?? c;
    if ('+-*/^'.includes(op)) toks.push({ kind: 'op', text: op, pos: i });
    else if (c === '(' || c === '[') toks.push({ kind: 'open', text: '(', pos: i });
    else if (c === ')' || c === ']') toks.push({ kind: 'close', text: ')', pos: i });
    else if (c === '|') toks.push({ kind: 'bar', text: '|', pos: i });
    else if (c === ',') toks.push({ kind: 'comma', text: ',', pos: i });
    else if (c === '!') toks.push({ kind: 'bang', text: '!', pos: i });
    else if (c === '_') toks.push({ kind: 'under', text: '_', pos: i });
    else throw new MathParseError(`unexpected character '${c}'`, i);
    i++;
  }
  return toks;
}

const endsOperand = (t: Tok | undefined) =>
  t !== undefined && (t.kind === 'num' || t.kind === 'name' || t.kind === 'const' || t.kind === 'bang');

/** Pairs parentheses and absolute-value bars; returns, for each opening token, the index of its closing one. */
function pairGroups(toks: Tok[]): Map<number, number> {
  const pairs = new Map<number, number>();
  const stack: number[] = [];
  const closedBars = new Set<number>();
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.kind === 'open') stack.push(i);
    else if (t.kind === 'close') {
      const top = stack.pop();
      if (top === undefined) throw new MathParseError("unmatched ')'", t.pos);
      if (toks[top]!.kind !== 'open') throw new MathParseError("unmatched '|' before ')'", toks[top]!.pos);
      pairs.set(top, i);
    } else if (t.kind === 'bar') {
      const top = stack[stack.length - 1];
      const prev = toks[i - 1];
      const prevEnds = endsOperand(prev) || prev?.kind === 'close' || (prev?.kind === 'bar' && closedBars.has(i - 1));
      if (top !== undefined && toks[top]!.kind === 'bar' && prevEnds) {
        stack.pop();
        pairs.set(top, i);
        closedBars.add(i);
      } else stack.push(i);
    }
  }
  const open = stack.pop();
  if (open !== undefined) {
    const t = toks[open]!;
    throw new MathParseError(t.kind === 'bar' ? "unmatched '|'" : "unmatched '('", t.pos);
  }
  return pairs;
}

class PlainEmitter {
  private readonly out = new Builder();
  private readonly pairs: Map<number, number>;
  constructor(
    private readonly toks: Tok[],
    private readonly length: number,
  ) {
    this.pairs = pairGroups(toks);
  }

  run(): Normalised {
    this.emitRange(0, this.toks.length);
    return this.out.done(this.length);
  }

  private tok(i: number): Tok {
    return this.toks[i]!;
  }

  /** Emits toks[start, end); returns nothing, throws on a function without argument. */
  private emitRange(start: number, end: number): void {
    let i = start;
    let lastOperand = false;
    while (i < end) {
      const t = this.tok(i);
      switch (t.kind) {
        case 'fn':
          i = this.emitFunction(i, end);
          lastOperand = true;
          continue;
        case 'name':
        case 'const': {
          const next = this.toks[i + 1];
          if (i + 1 < end && next?.kind === 'under' && t.kind === 'name') {
            // A subscript: C_1, a_n
            const sub = this.toks[i + 2];
            if (i + 2 >= end || !sub || (sub.kind !== 'num' && sub.kind !== 'name'))
              throw new MathParseError("'_' must be followed by a subscript", next.pos);
            this.out.push(` ${t.text}_${sub.text} `, t.pos);
            i += 3;
          } else {
            this.out.push(` ${t.text === 'inf' ? 'Infinity' : t.text} `, t.pos);
            i++;
          }
          // A variable followed by a parenthesis multiplies it (mathjs would read x(x+1) as a call).
          if (i < end && this.tok(i).kind === 'open') this.out.push('*', this.tok(i).pos);
          lastOperand = true;
          continue;
        }
        case 'open':
        case 'bar': {
          const close = this.pairs.get(i)!;
          this.out.push(t.kind === 'bar' ? 'abs(' : '(', t.pos);
          this.emitRange(i + 1, close);
          this.out.push(')', this.tok(close).pos);
          i = close + 1;
          lastOperand = true;
          continue;
        }
        case 'under':
          throw new MathParseError("unexpected '_'", t.pos);
        default:
          if (t.kind === 'num' && lastOperand && this.toks[i - 1]?.kind === 'num')
            throw new MathParseError(`missing operator before '${t.text}'`, t.pos);
          this.out.push(t.text, t.pos);
          lastOperand = t.kind === 'num' || t.kind === 'bang';
          i++;
      }
    }
  }

  /** The index just after a group or single token starting at i (an exponent or subscript atom). */
  private atomEnd(i: number, end: number): number {
    const t = this.toks[i];
    if (!t || i >= end) return i;
    if (t.kind === 'open' || t.kind === 'bar') return this.pairs.get(i)! + 1;
    if (t.kind === 'op' && (t.text === '-' || t.text === '+')) return this.atomEnd(i + 1, end);
    if (t.kind === 'num' || t.kind === 'name' || t.kind === 'const') return i + 1;
    return i;
  }

  private textOf(start: number, stop: number): string {
    return this.toks
      .slice(start, stop)
      .map((t) => t.text)
      .join('')
      .replace(/[()]/g, '');
  }

  private emitFunction(i: number, end: number): number {
    const fnTok = this.tok(i);
    let name = fnTok.text;
    let k = i + 1;
    let base: [number, number] | undefined;
    // log_2(x), log_10 x, log_b(x)
    if (fnTok.text === 'ln' && k < end && this.tok(k).kind === 'under') {
      const stop = this.atomEnd(k + 1, end);
      if (stop === k + 1)
        throw new MathParseError("'_' must be followed by the base of the logarithm", this.tok(k).pos);
      base = [k + 1, stop];
      k = stop;
    }
    // sin^2(x) -> sin(x)^2 ; sin^-1(x) -> asin(x)
    let exponent: [number, number] | undefined;
    if (k < end && this.tok(k).kind === 'op' && this.tok(k).text === '^') {
      const stop = this.atomEnd(k + 1, end);
      if (stop === k + 1) throw new MathParseError(`'^' after ${fnTok.text} needs an exponent`, this.tok(k).pos);
      const inverse = inverseOf[name];
      if (inverse && this.textOf(k + 1, stop) === '-1') name = inverse;
      else exponent = [k + 1, stop];
      k = stop;
    }
    let argStart: number;
    let argEnd: number;
    let next: number;
    let wrapAbs = false;
    const t = this.toks[k];
    if (k < end && t && (t.kind === 'open' || t.kind === 'bar')) {
      const close = this.pairs.get(k)!;
      argStart = k + 1;
      argEnd = close;
      next = close + 1;
      wrapAbs = t.kind === 'bar';
    } else {
      // An argument without parentheses: sin x, ln 2, sin 2x, sin x^2 (stops at an operator or a function).
      let j = k;
      while (j < end) {
        const u = this.tok(j);
        if (u.kind === 'num' || u.kind === 'name' || u.kind === 'const') j++;
        else if (u.kind === 'op' && u.text === '^' && j > k) {
          const stop = this.atomEnd(j + 1, end);
          if (stop === j + 1) break;
          j = stop;
        } else break;
      }
      if (j === k) throw new MathParseError(`${fnTok.text === 'ln' ? 'ln' : fnTok.text} needs an argument`, fnTok.pos);
      argStart = k;
      argEnd = j;
      next = j;
    }
    const canonical = base ? 'logb' : name === 'cbrt' ? 'root' : name;
    this.out.push(` ${canonical}(`, fnTok.pos);
    if (wrapAbs) this.out.push('abs(', this.tok(argStart - 1).pos);
    this.emitRange(argStart, argEnd);
    if (wrapAbs) this.out.push(')', this.tok(argEnd).pos);
    if (base) {
      this.out.push(',', fnTok.pos);
      this.emitRange(base[0], base[1]);
    } else if (name === 'cbrt') this.out.push(',3', fnTok.pos);
    this.out.push(')', this.toks[argEnd]?.pos ?? fnTok.pos);
    if (exponent) {
      this.out.push('^(', this.tok(exponent[0]).pos);
      this.emitRange(exponent[0], exponent[1]);
      this.out.push(')', this.tok(exponent[1] - 1).pos);
    }
    // f(x)(...) or f(x) y: multiply explicitly.
    if (next < end && this.tok(next).kind === 'open') this.out.push('*', this.tok(next).pos);
    return next;
  }
}

/** Plain math (as the bank's `value` and students write it) to a string mathjs parses with the meaning intended. */
export function normalisePlain(input: string): Normalised {
  return new PlainEmitter(tokenizePlain(input), input.length).run();
}

// ---------------------------------------------------------------------------------------------------------------
// LaTeX (possibly mixed with plain habits) -> LaTeX the Compute Engine parses with the meaning intended

const spacingCommands = new Set([',', ';', ':', '!', ' ', 'quad', 'qquad', 'displaystyle', 'textstyle']);
const verbatimGroupCommands = new Set([
  'operatorname',
  'mathrm',
  'text',
  'textrm',
  'mathbf',
  'mathit',
  'boldsymbol',
  'vec',
  'hat',
  'mathbb',
]);
const latexInverse: Record<string, string> = {
  sin: '\\arcsin',
  cos: '\\arccos',
  tan: '\\arctan',
  sec: '\\arcsec',
  csc: '\\arccsc',
  cot: '\\operatorname{arccot}',
  sinh: '\\operatorname{arsinh}',
  cosh: '\\operatorname{arcosh}',
  tanh: '\\operatorname{artanh}',
};
/** Bare function words -> LaTeX commands the Compute Engine knows. */
const latexFunction: Record<string, string> = {
  sin: '\\sin',
  cos: '\\cos',
  tan: '\\tan',
  sec: '\\sec',
  csc: '\\csc',
  cot: '\\cot',
  asin: '\\arcsin',
  acos: '\\arccos',
  atan: '\\arctan',
  asec: '\\arcsec',
  acsc: '\\arccsc',
  acot: '\\operatorname{arccot}',
  sinh: '\\sinh',
  cosh: '\\cosh',
  tanh: '\\tanh',
  sech: '\\operatorname{sech}',
  csch: '\\operatorname{csch}',
  coth: '\\coth',
  asinh: '\\operatorname{arsinh}',
  acosh: '\\operatorname{arcosh}',
  atanh: '\\operatorname{artanh}',
  ln: '\\ln',
  exp: '\\exp',
  sqrt: '\\sqrt',
  abs: '\\operatorname{abs}',
  sign: '\\operatorname{sgn}',
};

/** Index of the ')' matching the '(' at `open`, or -1. */
function matchingParen(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

/** Index of the '}' matching the '{' at `open`, or -1. */
function matchingBrace(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '\\') {
      i++;
      continue;
    }
    if (s[i] === '{') depth++;
    else if (s[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** Reads `^{-1}`, `^-1` or `^{(-1)}` at i; returns the index after it, or -1. */
function inverseSuperscript(s: string, i: number): number {
  const m = /^\^\s*(\{\s*-\s*1\s*\}|-\s*1(?![0-9])|\{\s*\(\s*-\s*1\s*\)\s*\})/.exec(s.slice(i));
  return m ? i + m[0].length : -1;
}

export function normaliseLatex(input: string): Normalised {
  const out = new Builder();
  /** Original indices of ')' to be written as something else (closing a group opened as '{'). */
  const closers = new Map<number, string>();
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    const closer = closers.get(i);
    if (closer !== undefined) {
      out.push(closer, i);
      i++;
      continue;
    }
    if (c === '\\') {
      const m = /^\\([A-Za-z]+|.)/.exec(input.slice(i));
      if (!m) {
        out.push(c, i);
        i++;
        continue;
      }
      const cmd = m[1]!;
      const after = i + m[0].length;
      if (spacingCommands.has(cmd)) {
        out.push(' ', i);
        i = after;
        continue;
      }
      if (verbatimGroupCommands.has(cmd)) {
        const open = input.slice(after).search(/\S/) + after;
        if (input[open] === '{') {
          const close = matchingBrace(input, open);
          if (close < 0) throw new MathParseError(`missing '}' after \\${cmd}`, open);
          out.push(input.slice(i, close + 1), i);
          i = close + 1;
          continue;
        }
      }
      if (cmd === 'log' && !/^\s*_/.test(input.slice(after))) {
        // \log is the natural logarithm in calculus courses; \log_b keeps its base.
        out.push('\\ln', i);
        i = after;
        continue;
      }
      if (cmd === 'arccot') {
        out.push('\\operatorname{arccot}', i);
        i = after;
        continue;
      }
      if (cmd === 'sqrt') {
        const open = input.slice(after).search(/\S/) + after;
        if (open >= after && input[open] === '[') {
          // \sqrt[3]{x}: the index stays in brackets (other brackets become parentheses below).
          const close = input.indexOf(']', open);
          if (close < 0) throw new MathParseError("missing ']' after \\sqrt[", open);
          out.push(input.slice(i, close + 1), i);
          i = close + 1;
          continue;
        }
        if (open >= after && input[open] === '(') {
          // \sqrt(x+1): the parenthesised argument becomes the {...} group LaTeX expects.
          const close = matchingParen(input, open);
          if (close > 0) {
            out.push('\\sqrt{', i);
            closers.set(close, '}');
            i = open + 1;
            continue;
          }
        }
      }
      const inverse = latexInverse[cmd];
      const past = inverse ? inverseSuperscript(input, after) : -1;
      if (inverse && past >= 0) {
        out.push(`${inverse} `, i);
        i = past;
        continue;
      }
      out.push(m[0], i);
      i = after;
      continue;
    }
    if (/[A-Za-z]/.test(c)) {
      const word = /^[A-Za-z]+/.exec(input.slice(i))![0];
      const wordEnd = i + word.length;
      const pieces = splitWord(word, i);
      let next = wordEnd;
      pieces.forEach((p, index) => {
        const last = index === pieces.length - 1;
        if (p.kind === 'fn') {
          const inverse = last ? latexInverse[p.text] : undefined;
          const past = inverse ? inverseSuperscript(input, wordEnd) : -1;
          if (inverse && past >= 0) {
            out.push(`${inverse} `, p.pos);
            next = past;
          } else if (p.raw === 'log' && last && input[wordEnd] === '_') out.push('\\log', p.pos);
          else out.push(`${latexFunction[p.text] ?? `\\operatorname{${p.text}}`} `, p.pos);
        } else if (p.kind === 'const') out.push(p.text === 'pi' ? '\\pi ' : p.text === 'inf' ? '\\infty ' : 'e', p.pos);
        else if (p.text.length > 1) out.push(`\\${p.text} `, p.pos);
        else out.push(p.text, p.pos);
      });
      i = next;
      // A bare sqrt(...) takes its parenthesised argument as the {...} group LaTeX expects.
      if (pieces.at(-1)?.text === 'sqrt' && next === wordEnd) {
        const open = input.slice(i).search(/\S/) + i;
        if (open >= i && input[open] === '(') {
          const close = matchingParen(input, open);
          if (close > 0) {
            out.push('{', open);
            closers.set(close, '}');
            i = open + 1;
          }
        }
      }
      continue;
    }
    if (c === '^') {
      // e^(2x) -> e^{(2x)}: LaTeX takes only one token as a bare exponent.
      const open = input.slice(i + 1).search(/\S/) + i + 1;
      if (input[open] === '(') {
        const close = matchingParen(input, open);
        if (close > 0) {
          out.push('^{(', i);
          closers.set(close, ')}');
          i = open + 1;
          continue;
        }
      }
      out.push('^', i);
      i++;
      continue;
    }
    if (c === '*' && input[i + 1] === '*') {
      out.push('^', i);
      i += 2;
      continue;
    }
    const word = unicodeWords[c];
    if (word) {
      out.push(word === 'inf' ? '\\infty ' : word === 'sqrt' ? '\\sqrt ' : `\\${word} `, i);
      i++;
      continue;
    }
    const op = unicodeOperators[c];
    if (op) {
      out.push(op === '*' ? '\\cdot ' : op === '/' ? '\\div ' : op, i);
      i++;
      continue;
    }
    if (c === '[' || c === ']') {
      // Brackets in an expression are parentheses ([x+1]^2); the LaTeX parser would read an interval.
      out.push(c === '[' ? '(' : ')', i);
      i++;
      continue;
    }
    if (c === '≤' || c === '≥') {
      out.push(c === '≤' ? '\\le ' : '\\ge ', i);
      i++;
      continue;
    }
    out.push(c, i);
    i++;
  }
  return out.done(input.length);
}

/** LaTeX if it has a command or a brace group; everything else is plain math. */
export function looksLikeLatex(text: string): boolean {
  return /[\\{}]/.test(text);
}
