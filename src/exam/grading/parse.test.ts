import { describe, expect, it } from 'vitest';
import { compile, derivative, type Env } from './expr.js';
import { looksLikeLatex, normalisePlain, splitWord } from './normalize.js';
import { MathParseError, maxInputLength, parseMath } from './parse.js';

const at = (text: string, env: Env = {}) => compile(parseMath(text).expr)(env);
const point: Env = { x: 0.7, y: -1.3, t: 0.4, C: 0, K: 0, n: 5, C_1: 0.25 };

function parseError(text: string): MathParseError {
  try {
    parseMath(text);
  } catch (error) {
    if (error instanceof MathParseError) return error;
    throw error;
  }
  throw new Error(`"${text}" parsed`);
}

describe('parseMath: plain math and LaTeX to one evaluable form', () => {
  // Each row: forms that must evaluate to the same value as the reference at the sample point.
  const equivalent: Array<[string, string[]]> = [
    ['x^2/2', ['\\frac{x^2}{2}', '\\frac{x^{2}}{2}', 'x**2/2', '0.5x^2', 'x²/2']],
    ['2*sqrt(x)', ['2sqrt(x)', '2\\sqrt{x}', '2 sqrt x', '2√x']],
    ['ln(abs(x))', ['ln|x|', '\\ln\\left|x\\right|', '\\ln|x|', 'log|x|', '\\log|x|', 'ln(|x|)', 'LN|x|']],
    ['exp(2*x)', ['e^(2x)', 'e^{2x}', '\\mathrm{e}^{2x}', 'e^(2 x)', '\\exp(2x)']],
    ['sin(x)^2', ['sin^2(x)', 'sin^2 x', '\\sin^2(x)', '\\sin^{2}x', '(sin x)^2', 'sin(x)sin(x)']],
    ['2*x', ['2x', '2 x', '2\\cdot x', '2 \\times x']],
    ['3*sin(x)', ['3sin(x)', '3 sin x', '3\\sin x', '3\\sin(x)', '3\\,\\sin x']],
    ['sin(2*x)', ['sin(2x)', 'sin 2x', '\\sin(2x)', '\\sin 2x', '\\frac{1}{1}sin(2x)']],
    [
      'x*exp(2*x)/2 - exp(2*x)/4',
      ['x*e^(2x)/2 - e^(2x)/4', '(2x - 1)e^(2x)/4', '\\frac{(2x-1)e^{2x}}{4}', 'xe^(2x)/2 - e^(2x)/4'],
    ],
    ['asin(x)', ['arcsin(x)', 'sin^-1(x)', 'sin^(-1)(x)', '\\arcsin x', '\\sin^{-1}x', '\\sin^{-1}(x)']],
    ['atan(x)', ['arctan x', 'tan^-1 x', '\\arctan(x)', '\\tan^{-1}\\left(x\\right)']],
    ['pi/2 - atan(x)', ['arccot(x)', 'acot(x)', '\\operatorname{arccot}(x)', '\\arccot x']],
    ['x*y', ['xy', 'x y', 'x*y', 'xy']],
    ['x*(x+1)', ['x(x+1)', 'x (x + 1)', 'x\\left(x+1\\right)']],
    ['ln(x)/ln(10)', ['log10(x)', 'log_10(x)', 'log_{10}(x)', '\\log_{10} x', '\\lg x']],
    ['ln(x)/ln(2)', ['log2(x)', 'log_2(x)', '\\log_2 x', 'log_2 x']],
    ['1/(2*x)', ['\\frac{1}{2x}', '1/(2x)']],
    ['(1/2)*x', ['1/2x', '1/2 x', '\\frac12 x', '\\tfrac{1}{2}x', '\\dfrac{1}{2}x']],
    ['sec(x)*tan(x)', ['sec x tan x', '\\sec x\\tan x', 'sec(x)tan(x)']],
    ['pi/4', ['π/4', '\\pi/4', '\\frac{\\pi}{4}', 'PI/4']],
    ['sqrt(3)/2', ['\\frac{\\sqrt{3}}{2}', 'sqrt 3 / 2', '3^(1/2)/2']],
    ['sqrt(x+1)', ['\\sqrt(x+1)', '\\sqrt{x+1}', 'sqrt(x+1)', '(x+1)^{1/2}']],
    ['(x+1)^2', ['[x+1]^2', '\\left[x+1\\right]^2', '\\left(x+1\\right)^{2}', '(x+1)(x+1)']],
    ['cos(t)', ['cos t', '\\cos(t)', '\\cos t']],
    ['x^(1/3)', ['cbrt(x)', '\\sqrt[3]{x}', 'root(x, 3)']],
    ['abs(x - 1)', ['|x-1|', '\\left|x-1\\right|', 'abs(x-1)', '\\lvert x-1\\rvert']],
    ['n!', ['(n)!', '\\left(n\\right)!']],
    ['sinh(x) + cosh(x)', ['exp(x)', 'e^x', '\\sinh x + \\cosh x']],
    ['C_1 + x', ['x + C_1']],
  ];
  for (const [reference, forms] of equivalent) {
    it(`${reference} ≡ ${forms.join(' ≡ ')}`, () => {
      const expected = at(reference, point);
      expect(Number.isFinite(expected)).toBe(true);
      for (const f of forms) expect(at(f, point), f).toBeCloseTo(expected, 10);
    });
  }

  it('routes input with a backslash or braces to the LaTeX parser, the rest to mathjs', () => {
    expect(parseMath('\\frac{x}{2}').syntax).toBe('latex');
    expect(parseMath('e^{2x}').syntax).toBe('latex');
    expect(parseMath('x/2').syntax).toBe('plain');
    expect(looksLikeLatex('sin(2x)')).toBe(false);
  });

  it('uses real semantics: undefined outside the domain, real odd roots of negatives', () => {
    expect(at('ln(x)', { x: -1 })).toBeNaN();
    expect(at('sqrt(x)', { x: -1 })).toBeNaN();
    expect(at('1/x', { x: 0 })).toBe(Number.POSITIVE_INFINITY);
    expect(at('x^(1/3)', { x: -8 })).toBeCloseTo(-2, 12);
    expect(at('x^(2/3)', { x: -8 })).toBeCloseTo(4, 12);
    expect(at('x^(1/2)', { x: -4 })).toBeNaN();
    expect(at('\\log x', { x: Math.E })).toBeCloseTo(1, 12);
  });

  it('marks decimals (they get the looser tolerance) but not integers or fractions', () => {
    expect(parseMath('0.3333').expr).toMatchObject({ type: 'num', decimal: true });
    expect(parseMath('1/3').expr).toMatchObject({ type: 'div' });
    expect(JSON.stringify(parseMath('\\frac{1}{3}x').expr)).not.toContain('"decimal":true');
    expect(JSON.stringify(parseMath('2.5x').expr)).toContain('"decimal":true');
  });

  it('splits letter runs into functions, constants and one-letter variables', () => {
    expect(splitWord('xsin', 0).map((p) => p.text)).toEqual(['x', 'sin']);
    expect(splitWord('pix', 0).map((p) => p.text)).toEqual(['pi', 'x']);
    expect(splitWord('sinh', 0).map((p) => p.text)).toEqual(['sinh']);
    expect(splitWord('xe', 0).map((p) => [p.kind, p.text])).toEqual([
      ['name', 'x'],
      ['const', 'e'],
    ]);
    expect(splitWord('Cx', 0).map((p) => p.text)).toEqual(['C', 'x']);
    expect(splitWord('theta', 0).map((p) => p.text)).toEqual(['theta']);
  });

  it('keeps the input position of every normalised character', () => {
    const n = normalisePlain('ln|x|');
    expect(n.text.replace(/\s/g, '')).toBe('ln(abs(x))');
    expect(n.origin[n.text.indexOf('x')]).toBe(3);
  });
});

describe('parseMath: errors name where the input failed', () => {
  const cases: Array<[string, RegExp, number | undefined]> = [
    ['x^', /ends too early/, 2],
    ['2*(x+1', /unmatched '\('/, 2],
    ['x + * 2', /missing/, 4],
    ['sin', /needs an argument/, 0],
    ['\\sin', /sin needs an argument/, undefined],
    ['x $ 2', /unexpected character '\$'/, 2],
    [')x(', /unmatched '\)'/, 0],
    ['|x', /unmatched '\|'/, 0],
    ['2 3', /missing operator/, 2],
    ['x = 2', /unexpected character '='/, 2],
    ['\\frac{x}{', /closing/, 8],
    ['\\foo{x}', /unknown LaTeX command/, 0],
    ['', /empty/, 0],
    ['   ', /empty/, 0],
  ];
  for (const [input, message, position] of cases) {
    it(`"${input}" -> ${message} at ${position}`, () => {
      const e = parseError(input);
      expect(e.message).toMatch(message);
      expect(e.position).toBe(position);
    });
  }

  it('rejects notation that is not an answer (matrices, units, derivative notation, unknown functions)', () => {
    for (const input of ['[1, 2; 3, 4]', 'f(x)(', '\\frac{dy}{dx}', "y'", 'x.y', '"x"', 'x % 2', 'x ? 1 : 2']) {
      expect(() => parseMath(input), input).toThrow(MathParseError);
    }
    // Unknown letters before a parenthesis are products: f(x) = f*x, foo(x) = f*o*o*x (graded as wrong variables).
    expect(parseMath('f(x)').expr.type).toBe('mul');
    expect(parseMath('foo(x)').expr.type).toBe('mul');
  });

  it('offsets positions of a piece inside a longer answer', () => {
    expect(() => parseMath('x^', 10)).toThrow(expect.objectContaining({ position: 12 }));
  });

  it('refuses overly long input', () => {
    expect(() => parseMath('x+'.repeat(maxInputLength))).toThrow(/longer than/);
  });
});

describe('derivative (symbolic, for differentiated_instead)', () => {
  const cases: Array<[string, string]> = [
    ['x^3/3', 'x^2'],
    ['sin(x)^2/2', 'sin(x)cos(x)'],
    ['x*e^(2x)/2 - e^(2x)/4', 'x*e^(2x)'],
    ['ln|x|', '1/x'],
    ['arctan(x)', '1/(1+x^2)'],
    ['arccot(x)', '-1/(1+x^2)'],
    ['2^x', '2^x ln(2)'],
    ['x^x', 'x^x (ln(x) + 1)'],
    ['sqrt(1 - x^2)', '-x/sqrt(1-x^2)'],
    ['sec(x)', 'sec(x)tan(x)'],
    ['log_2(x)', '1/(x ln(2))'],
    ['asinh(x)', '1/sqrt(x^2+1)'],
  ];
  for (const [f, df] of cases) {
    it(`d/dx ${f} = ${df}`, () => {
      const d = derivative(parseMath(f).expr, 'x');
      expect(d).toBeDefined();
      for (const x of [0.3, 0.6, 0.9]) expect(compile(d!)({ x })).toBeCloseTo(at(df, { x }), 10);
    });
  }
});
