import { describe, expect, it } from 'vitest';
import type { AnswerKind } from '../content/schema.js';
import { ExpectedAnswerError, type GradeInput, gradeAnswer } from './grade.js';
import type { OutcomeCode } from './outcomes.js';

type Row = [expected: string, answer: string, outcome: OutcomeCode, options?: Partial<GradeInput>];

function table(kind: AnswerKind, rows: Row[]): void {
  for (const [expected, answer, outcome, options] of rows) {
    it(`${kind}: "${answer}" for "${expected}" -> ${outcome}`, () => {
      const r = gradeAnswer({ kind, expected, answer, ...options });
      expect(r.outcome, r.feedback).toBe(outcome);
      expect(r.correct).toBe(outcome === 'correct');
      expect(r.feedback.length).toBeGreaterThan(5);
    });
  }
}

describe('antiderivative', () => {
  table('antiderivative', [
    // Equal up to a constant: both forms right.
    ['sin(x)^2/2 + C', 'sin^2(x)/2 + C', 'correct'],
    ['sin(x)^2/2 + C', '-cos^2(x)/2 + C', 'correct'],
    ['sin(x)^2/2 + C', '-\\frac{\\cos^2(x)}{2} + K', 'correct'],
    ['-cos(x)^2/2 + C', '\\frac{\\sin^{2}x}{2}+c', 'correct'],
    ['x^2/2 + C', '\\frac{x^2}{2}+C', 'correct'],
    ['x^2/2 + C', '(x^2 + 7)/2 + k', 'correct'],
    ['x^2/2 + C', 'x^2/2 - 3C', 'correct'],
    ['x*e^(2x)/2 - e^(2x)/4 + C', '(2x - 1)e^(2x)/4 + C', 'correct'],
    ['x*e^(2x)/2 - e^(2x)/4 + C', '\\frac{(2x-1)e^{2x}}{4} + K', 'correct'],
    ['ln|x| + C', 'ln|x| + C', 'correct'],
    ['ln|x| + C', '\\ln\\left|x\\right| + C', 'correct'],
    ['ln|x| + C', 'ln|2x| + C', 'correct'],
    ['ln|x| + C', 'log|x| + C', 'correct'],
    ['2*sqrt(x) + C', '2\\sqrt{x} + C', 'correct', { domain: { x: [0.5, 3] } }],
    ['e^(2x)/2 + C', '\\frac{1}{2}e^{2x} + C', 'correct'],
    ['-cos(3x)/3 + C', '-\\frac{1}{3}\\cos 3x + C', 'correct'],
    ['arctan(x) + C', 'tan^-1(x) + C', 'correct'],
    // + C required.
    ['x^2/2 + C', 'x^2/2', 'missing_constant'],
    ['sin(x)^2/2 + C', '-cos^2(x)/2', 'missing_constant'],
    ['x*e^(2x)/2 - e^(2x)/4 + C', 'x*e^(2x)/2 - e^(2x)/4', 'missing_constant'],
    // The constant must be arbitrary: added linearly, non-zero coefficient, independent of x.
    ['x^2/2 + C', 'x^2/2 + Cx', 'constant_not_arbitrary'],
    ['x^2/2 + C', 'x^2/2 + C^2', 'constant_not_arbitrary'],
    ['x^2/2 + C', 'x^2/2 + e^C', 'constant_not_arbitrary'],
    ['x^2/2 + C', 'x^2/2 + 0C', 'constant_not_arbitrary'],
    ['x^2/2 + C', 'x^2/2 + C + K', 'wrong_variable'],
    ['x^2/2 + C', 't^2/2 + C', 'wrong_variable'],
    // Mistakes named.
    ['sin(x)^2/2 + C', '-sin(x)^2/2 + C', 'sign_error'],
    ['x*e^(2x)/2 - e^(2x)/4 + C', 'x*e^(2x)/2 + e^(2x)/4 + C', 'sign_error'],
    ['sin(x)^2/2 + C', 'sin(x)^2 + C', 'off_by_constant_factor'],
    ['e^(2x)/2 + C', 'e^(2x) + C', 'off_by_constant_factor'],
    ['-cos(3x)/3 + C', '-cos(3x) + C', 'off_by_constant_factor'],
    ['x*e^(2x)/2 - e^(2x)/4 + C', 'x*e^(2x)/2 - e^(2x)/2 + C', 'off_by_constant_factor'],
    ['x*e^(2x)/2 - e^(2x)/4 + C', 'x*e^(2x)/2 + C', 'missing_term'],
    ['x^3/3 + C', 'x^2 + C', 'differentiated_instead'],
    ['x^3/3 + C', '2x', 'differentiated_instead'],
    ['sin(x)^2/2 + C', 'sin(x)cos(x) + C', 'differentiated_instead'],
    // Also "x^2 missing, up to a constant", but the integrand exactly (a fast-check counterexample).
    ['2x + x^2 + C', '2 + 2x + C', 'differentiated_instead'],
    ['ln|x| + C', 'ln(x) + C', 'missing_absolute_value'],
    ['x^3/3 + C', '0.33x^3 + C', 'not_simplified_numeric'],
    ['x^3/3 + C', '0.33333333x^3 + C', 'correct'],
    ['x^3/3 + C', 'x^4/4 + C', 'incorrect'],
    ['x^2/2 + C', 'x^2/2 +', 'unparsable'],
  ]);

  it('reminds about + C when the answer is otherwise nearly right', () => {
    const r = gradeAnswer({ kind: 'antiderivative', expected: 'x^2/2 + C', answer: '-x^2/2' });
    expect(r.outcome).toBe('sign_error');
    expect(r.feedback).toMatch(/\+ C/);
  });

  // An expected answer without a constant implies one (as teachers and STACK write it); the student still adds one.
  table('antiderivative', [
    ['x^3/3', 'x^3/3 + C', 'correct'],
    ['x^3/3', '(x^3 + C)/3', 'correct'],
    ['x^3/3', 'x^3/3', 'missing_constant'],
    ['x^3/3', '2x', 'differentiated_instead'],
    ['(x-2)^2/2', 'x^2/2 - 2x + 2 + c', 'correct'],
    ['(x-a)^2/2', '(x-a)^2/2 + C', 'correct', { vars: ['x'] }],
  ]);

  // A constant absorbed in a logarithm is arbitrary (its shift ln k covers every real), C^2 and e^C are not.
  table('antiderivative', [
    ['ln(x) + C', 'ln(k*x)', 'correct'],
    ['ln|x| + C', 'ln(k*abs(x))', 'correct'],
    ['ln|x| + C', 'ln|k*x|', 'correct'],
    ['ln|x| + C', 'ln(k*x)', 'missing_absolute_value'],
    ['ln(k*abs(x))', 'ln|x| + C', 'correct'],
    ['ln(k*abs(x))', 'ln|x|', 'missing_constant'],
    ['x^2/2 + C', 'x^2/2 + C^3', 'correct'],
    ['x^2/2 + C', 'x^2/2 + arctan(C)', 'constant_not_arbitrary'],
  ]);

  // ln(u) for ln|u| is caught beyond the question's sampling range, wherever the expected answer is real.
  table('antiderivative', [
    [
      '2*ln|x - 2| + 3*ln|x + 1| + C',
      '2ln(x - 2) + 3ln(x + 1) + C',
      'missing_absolute_value',
      { domain: { x: [2.5, 5] } },
    ],
    ['2*ln|x - 2| + 3*ln|x + 1| + C', '2ln|x - 2| + 3ln|x + 1| + C', 'correct', { domain: { x: [2.5, 5] } }],
    ['x*tan(x) + ln|cos(x)| + C', 'x tan x + ln(cos x) + C', 'missing_absolute_value', { domain: { x: [-1.2, 1.2] } }],
    // Condoned when the expected answer itself has no absolute value (STACK's reading).
    ['ln(x) + C', 'ln(x) + C', 'correct'],
  ]);

  // Huge exponents: sampled where the values are neither overflowing nor vanishing.
  table('antiderivative', [
    ['(x-a)^6001/6001', '(x-a)^6001/6001 + C', 'correct', { vars: ['x'] }],
    ['(x-a)^6001/6001', '(x-a)^6001/6001', 'missing_constant', { vars: ['x'] }],
    ['(x-a)^6001/6001', '6000*(x-a)^5999 + C', 'differentiated_instead', { vars: ['x'] }],
    ['(x-a)^6001/6001', '(x-a)^6000/6000 + C', 'incorrect', { vars: ['x'] }],
  ]);

  it('accepts a constant that differs between the pieces of the domain (equal derivatives)', () => {
    // atan((x-2)/(x-1)) - atan(2x-3) is -pi/4 for x > 1 and 3pi/4 for x < 1.
    const r = gradeAnswer({ kind: 'antiderivative', expected: 'atan(2x-3)', answer: 'atan((x-2)/(x-1)) + C' });
    expect(r.outcome).toBe('correct');
    const wrong = gradeAnswer({ kind: 'antiderivative', expected: 'atan(2x-3)', answer: 'atan((x-1)/(x-2)) + C' });
    expect(wrong.correct).toBe(false);
  });

  it('names only the stray letters, not the constant', () => {
    expect(gradeAnswer({ kind: 'antiderivative', expected: 'x^2/2 + C', answer: 't^2/2 + C' }).feedback).toMatch(
      /uses t, which/,
    );
  });

  it('respects the declared variables: a letter that is a variable is not the constant', () => {
    const r = gradeAnswer({ kind: 'antiderivative', expected: 'x*y + C', answer: 'x*y + K', vars: ['x', 'y'] });
    expect(r.outcome).toBe('correct');
    const s = gradeAnswer({ kind: 'antiderivative', expected: 'x*y + C', answer: 'x*y', vars: ['x', 'y'] });
    expect(s.outcome).toBe('missing_constant');
  });
});

describe('expression', () => {
  table('expression', [
    ['2x*y + y^2', 'y(2x + y)', 'correct'],
    ['2x*y + y^2', '2xy+y^2', 'correct'],
    ['2x*y + y^2', '2xy + y^2 + 1', 'off_by_constant'],
    ['2x*y + y^2', '-2xy - y^2', 'sign_error'],
    ['2x*y + y^2', '4xy + 2y^2', 'off_by_constant_factor'],
    ['2x*y + y^2', '-2xy + y^2', 'sign_error'],
    ['2x*y + y^2', 'x*y + y^2', 'off_by_constant_factor'],
    ['2x*y + y^2', 'y^2', 'missing_term'],
    ['e^(2x)', 'e^{2x}', 'correct'],
    ['e^(2x)', 'exp(2x)', 'correct'],
    ['e^(2x)', 'e^2x', 'incorrect'],
    ['2x', '2*x', 'correct'],
    ['2x', 'x+x', 'correct'],
    ['3sin(x)', '3\\sin x', 'correct'],
    ['3sin(x)', '3sin x', 'correct'],
    ['2*sqrt(x)', 'sqrt(4x)', 'correct', { domain: { x: [0.5, 3] } }],
    ['sin(x)/x', 'sin(t)/t', 'wrong_variable'],
    ['x/3', '0.3333x', 'correct'],
    ['x/3', '0.33x', 'not_simplified_numeric'],
    ['sqrt(x^2)', 'abs(x)', 'correct'],
    ['abs(x)', 'sqrt(x)^2', 'undefined_at_points'],
    ['2^x', 'e^(x ln 2)', 'correct'],
    ['x^(1/3)', 'cbrt(x)', 'correct'],
    ['1/(1 - x)', 'sum', 'wrong_variable'],
    // A constant or a sign error is caught even when small.
    ['x^2', 'x^2 * 10001/10000', 'numerically_close'],
    ['x^2', 'x^2 + 0.001', 'off_by_constant'],
    ['x^2', 'x^2 + 1', 'off_by_constant'],
    ['sin(x)', '-sin(x)', 'sign_error'],
    ['cos(x)', 'cos(-x)', 'correct'],
    ['x^n/n!', 'x^n/factorial(n)', 'correct', { vars: ['x', 'n'] }],
    ['(-1)^n x^(2n)/(2n)!', '(-1)^n x^(2n)/(2n)!', 'correct'],
    ['x^2', 'x^^2', 'unparsable'],
  ]);

  it('is deterministic: the same input gives the same result', () => {
    const input: GradeInput = { kind: 'expression', expected: 'sin(x)/x', answer: 'sin(x)/(x + 1e-9)' };
    expect(gradeAnswer(input)).toEqual(gradeAnswer(input));
  });

  it('samples the domain given per variable', () => {
    // ln(x) and ln|x| agree on [0.5, 3]; on the default [-2, 2] ln(x) is undefined where ln|x| is defined.
    expect(
      gradeAnswer({ kind: 'expression', expected: 'ln|x|', answer: 'ln(x)', domain: { x: [0.5, 3] } }).outcome,
    ).toBe('correct');
    expect(gradeAnswer({ kind: 'expression', expected: 'ln|x|', answer: 'ln(x)' }).outcome).toBe('undefined_at_points');
  });

  it('names where the student is undefined', () => {
    const r = gradeAnswer({ kind: 'expression', expected: 'ln|x|', answer: 'ln(x)' });
    expect(r.feedback).toMatch(/undefined at x = -/);
  });

  it('throws when the expected answer is undefined on the whole domain (content error)', () => {
    expect(() => gradeAnswer({ kind: 'expression', expected: 'sqrt(-1 - x^2)', answer: 'x' })).toThrow(
      ExpectedAnswerError,
    );
  });

  it('samples wider when the expected answer is undefined on the default range', () => {
    // ln(x - 5) is real only for x > 5: sampled on [-10, 10].
    expect(gradeAnswer({ kind: 'expression', expected: 'ln(x - 5)', answer: 'ln(x - 5)' }).outcome).toBe('correct');
    expect(gradeAnswer({ kind: 'expression', expected: 'ln(x - 5)', answer: 'ln(x - 4)' }).correct).toBe(false);
  });

  it('accepts an answer that does not depend on letters the question lacks (an identity)', () => {
    expect(gradeAnswer({ kind: 'expression', expected: '1', answer: 'sin(y)^2 + cos(y)^2' }).outcome).toBe('correct');
    expect(gradeAnswer({ kind: 'expression', expected: '1', answer: 'sqrt(k/m)*sqrt(m/k)' }).outcome).toBe('correct');
    expect(gradeAnswer({ kind: 'expression', expected: '2x', answer: '2x*(sin(t)^2 + cos(t)^2)' }).outcome).toBe(
      'correct',
    );
    expect(gradeAnswer({ kind: 'expression', expected: '1', answer: 'sin(y)^2' }).outcome).toBe('wrong_variable');
  });

  it('follows STACK on expressions equal only where both are real', () => {
    const grade = (expected: string, answer: string) => gradeAnswer({ kind: 'expression', expected, answer }).outcome;
    // (a^2)^(1/2) is |a|, a^1 is a: not equal. sqrt(x-3)*sqrt(x-5) is -sqrt((x-3)(x-5)) for x < 3.
    expect(grade('a^(b*c)', '(a^b)^c')).toBe('incorrect');
    expect(grade('(a^b)^c', 'a^(b*c)')).toBe('incorrect');
    expect(grade('sqrt(x-3)*sqrt(x-5)', 'sqrt((x-3)*(x-5))')).toBe('incorrect');
    // Equal along principal branches wherever the expected answer is real.
    expect(grade('a^(b+c)', 'a^b*a^c')).toBe('correct');
    expect(grade('2*ln(a) + ln(b)', 'ln(a^2*b)')).toBe('correct');
    expect(grade('(-cos(x))^n', '(-1)^n*cos(x)^n')).toBe('correct');
    expect(grade('cbrt(x)', 'x^(1/3)')).toBe('correct');
  });

  it('compares huge powers where they are representable', () => {
    expect(gradeAnswer({ kind: 'expression', expected: '(x-a)^6000', answer: '(a-x)^6000' }).outcome).toBe('correct');
    expect(gradeAnswer({ kind: 'expression', expected: '(x-a)^6000', answer: '(x-a)^5999' }).correct).toBe(false);
    // At 60000 every sampled value used to overflow or vanish to 0, and 0 = 0 passed.
    expect(gradeAnswer({ kind: 'expression', expected: '(x-a)^60000', answer: '(x-a)^59999' }).correct).toBe(false);
    expect(gradeAnswer({ kind: 'expression', expected: '(x-a)^60000', answer: '(a-x)^60000' }).correct).toBe(true);
    const derivative = gradeAnswer({
      kind: 'antiderivative',
      expected: '(x-a)^60001/60001',
      answer: '60000*(x-a)^59999 + C',
      vars: ['x'],
    });
    expect(derivative.correct).toBe(false);
  });
});

describe('number', () => {
  table('number', [
    ['1/3', '0.3333', 'correct'],
    ['1/3', '0.333333', 'correct'],
    ['1/3', '\\frac{1}{3}', 'correct'],
    ['1/3', '2/6', 'correct'],
    ['1/3', '0.33', 'not_simplified_numeric'],
    ['1/3', '0.3', 'not_simplified_numeric'],
    ['1/3', '0.34', 'incorrect'],
    ['pi/4', '0.7854', 'correct'],
    ['pi/4', '0.785', 'not_simplified_numeric'],
    ['pi/4', '\\frac{\\pi}{4}', 'correct'],
    ['pi/4', 'arctan(1)', 'correct'],
    ['pi/4', '-pi/4', 'sign_error'],
    ['pi/4', 'pi/2', 'off_by_constant_factor'],
    ['8pi', '8', 'off_by_constant_factor'],
    ['pi', '22/7', 'numerically_close'],
    ['2*sqrt(3)', '\\sqrt{12}', 'correct'],
    ['2*sqrt(3)', 'sqrt(12)', 'correct'],
    ['ln(2)', '\\ln 2', 'correct'],
    ['ln(2)', '\\log 2', 'correct'],
    ['ln(2)', 'log(2)', 'correct'],
    ['3/2', 'x = 3/2', 'correct'],
    ['3/2', '3x/2', 'wrong_form'],
    ['3/2', '1/0', 'undefined_at_points'],
    ['3/2', 'ln(-1)', 'undefined_at_points'],
    ['0', '0.0', 'correct'],
    ['0', '0.000000000001', 'correct'],
    ['0', '0.001', 'incorrect'],
    ['e^2', 'e*e', 'correct'],
    ['1/3', '1/3 +', 'unparsable'],
  ]);

  it('says a decimal was accepted, without revealing the exact value', () => {
    const r = gradeAnswer({ kind: 'number', expected: 'pi/4', answer: '0.785398' });
    expect(r.correct).toBe(true);
    expect(r.feedback).toMatch(/decimal/);
    expect(r.feedback).not.toMatch(/pi/);
  });
});

describe('equation', () => {
  table('equation', [
    ['y = 3e^(x^2)', 'y = 3e^(x^2)', 'correct'],
    ['y = 3e^(x^2)', 'y = 3\\exp(x^2)', 'correct'],
    ['y = 3e^(x^2)', '3e^{x^2} = y', 'correct'],
    ['y = 3e^(x^2)', 'y/3 = e^(x^2)', 'correct'],
    ['y = 3e^(x^2)', 'ln(y) = ln(3) + x^2', 'correct'],
    ['y = 3e^(x^2)', 'y = -3e^(x^2)', 'sign_error'],
    ['y = 3e^(x^2)', 'y = 3e^(x^2) + 1', 'off_by_constant'],
    ['y = 3e^(x^2)', 'y = e^(x^2)', 'off_by_constant_factor'],
    ['y = 3e^(x^2)', '3e^(x^2)', 'wrong_form'],
    ['2x + y - z = 4', '2x + y - z = 4', 'correct'],
    ['2x + y - z = 4', 'z = 2x + y - 4', 'correct'],
    ['2x + y - z = 4', '4x + 2y - 2z = 8', 'correct'],
    ['2x + y - z = 4', '2(x - 1) + (y - 2) - z = 0', 'correct'],
    ['2x + y - z = 4', '2x + y - z = 5', 'incorrect'],
    ['2x + y - z = 4', '2x + y + z = 4', 'incorrect'],
    ['2x + y - z = 4', '2x + y - w = 4', 'wrong_variable'],
    ['x^2 + y^2 = 4', 'y^2 = 4 - x^2', 'correct'],
    ['x^2 + y^2 = 4', 'x^2 + y^2 = 2', 'incorrect'],
    ['y = 2x + 1', 'y = 2x + 1 = 3', 'unparsable'],
  ]);
});

describe('interval', () => {
  table('interval', [
    // A union with overlapping or touching pieces is its merged set (STACK's real sets).
    ['(1, 3)', '(1, 2] U [2, 3)', 'correct'],
    ['(-inf, 4)', '(-inf, 0] U (-1, 4)', 'correct'],
    ['(1, 3)', '(1, 2) U (2, 3)', 'incorrect'],
    ['[1, 3]', '(1, 2] U [2, 3)', 'wrong_brackets'],
    ['(-1, 3]', '(-1, 3]', 'correct'],
    ['(-1, 3]', '(-1,3]', 'correct'],
    ['(-1, 3]', '\\left(-1, 3\\right]', 'correct'],
    ['(-1, 3]', '-1 < x <= 3', 'correct'],
    ['(-1, 3]', '-1 < x \\le 3', 'correct'],
    ['(-1, 3]', '3 >= x > -1', 'correct'],
    ['(-1, 3]', '[-1, 3]', 'wrong_brackets'],
    ['(-1, 3]', '(-1, 3)', 'wrong_brackets'],
    ['(-1, 3]', '(-1, 2]', 'wrong_endpoints'],
    ['(-1, 3]', '[-1, 2)', 'wrong_endpoints'],
    ['(-1, 3]', '(-1, 3] U (4, 5)', 'incorrect'],
    ['(-inf, 2)', '(-\\infty, 2)', 'correct'],
    ['(-inf, 2)', '(-oo, 2)', 'correct'],
    ['(-inf, 2)', 'x < 2', 'correct'],
    ['(-inf, 2)', '[-inf, 2)', 'wrong_brackets'],
    ['[-1, 1)', '[-1,1)', 'correct'],
    ['(-inf, -1) U (1, inf)', '(-\\infty,-1)\\cup(1,\\infty)', 'correct'],
    ['(-inf, inf)', 'R', 'correct'],
    ['[0, pi/2]', '[0, 1.5708]', 'correct'],
    ['(-1, 3]', '(-1; 3]', 'unparsable'],
    ['(-1, 3]', '(-1, 3, 5]', 'unparsable'],
  ]);
});

describe('convergence', () => {
  table('convergence', [
    ['converges', 'converges', 'correct'],
    ['converges', 'Convergent', 'correct'],
    ['converges', '\\text{converges}', 'correct'],
    ['converges', 'converges by the ratio test', 'correct'],
    ['converges', 'converges absolutely', 'correct'],
    ['converges', 'diverges', 'wrong_verdict'],
    ['diverges', 'divergent', 'correct'],
    ['diverges', 'does not converge', 'correct'],
    ['diverges', 'converges', 'wrong_verdict'],
    ['converges absolutely', 'absolutely convergent', 'correct'],
    ['converges absolutely', 'converges', 'incomplete_verdict'],
    ['converges absolutely', 'converges conditionally', 'wrong_verdict'],
    ['converges conditionally', 'conditionally convergent', 'correct'],
    ['converges conditionally', 'diverges', 'wrong_verdict'],
    ['converges', 'maybe', 'unparsable'],
  ]);
});

describe('vector', () => {
  table('vector', [
    ['<1, 2, 3>', '<1, 2, 3>', 'correct'],
    ['<1, 2, 3>', '(1,2,3)', 'correct'],
    ['<1, 2, 3>', '[1, 2, 3]', 'correct'],
    ['<1, 2, 3>', '\\langle 1, 2, 3\\rangle', 'correct'],
    ['<1, 2, 3>', '\\left\\langle 1, 2, 3 \\right\\rangle', 'correct'],
    ['<1, 2, 3>', 'i + 2j + 3k', 'correct'],
    ['<1, 2, 3>', '<2/2, sqrt(4), 3>', 'correct'],
    ['<1, 2, 3>', '<1, 2>', 'wrong_dimension'],
    ['<1, 2, 3>', '<1, 2, 3, 4>', 'wrong_dimension'],
    ['<1, 2, 3>', '<-1, -2, -3>', 'sign_error'],
    ['<1, 2, 3>', '<2, 4, 6>', 'off_by_constant_factor'],
    ['<1, 2, 3>', '<1, 2, 4>', 'wrong_components'],
    ['<1, 2, 3>', '<3, 1, 2>', 'incorrect'],
    ['(1, -2, 3)', '<1, -2, 3>', 'correct'],
    ['<cos(t), sin(t), 1>', '<cos t, sin t, 1>', 'correct'],
    ['<cos(t), sin(t), 1>', '<-sin t, cos t, 0>', 'incorrect'],
    ['<cos(t), sin(t), 1>', '<cos t, sin t, 1>', 'correct', { vars: ['t'] }],
    ['<1, 2, 3>', '<1, 2, >', 'unparsable'],
  ]);
});

describe('set', () => {
  table('set', [
    ['{-1, 2}', '{-1, 2}', 'correct'],
    ['{-1, 2}', '{2, -1}', 'correct'],
    ['{-1, 2}', '\\{-1, 2\\}', 'correct'],
    ['{-1, 2}', '\\left\\{2, -1\\right\\}', 'correct'],
    ['{-1, 2}', '2, -1', 'correct'],
    ['{-1, 2}', '{2, -1, 2}', 'correct'],
    ['{-1, 2}', '{2}', 'missing_elements'],
    ['{-1, 2}', '{-1, 2, 3}', 'extra_elements'],
    ['{-1, 2}', '{1, 2, 3}', 'incorrect'],
    ['{-1, 2}', '{}', 'missing_elements'],
    ['{pi/6, 5pi/6}', '{\\frac{5\\pi}{6}, \\frac{\\pi}{6}}', 'correct'],
    ['{(0,0), (1,-1)}', '{(1,-1), (0,0)}', 'correct'],
    ['{(0,0), (1,-1)}', '{(0,0)}', 'missing_elements'],
    ['{(0,0), (1,-1)}', '{0, 1}', 'wrong_dimension'],
    ['{}', '\\emptyset', 'correct'],
    ['{-1, 2}', '{-1, 2', 'unparsable'],
  ]);
});

describe('never a crash', () => {
  it('turns odd input into unparsable or a verdict, never an exception', () => {
    const inputs = [
      '',
      ' ',
      '(((',
      ')',
      '\\',
      '{',
      '}',
      '\\frac',
      '^^',
      '|||',
      'x'.repeat(500),
      '1/0',
      '0/0',
      '\u0000',
      '∞',
    ];
    for (const kind of ['number', 'expression', 'antiderivative', 'equation', 'interval', 'vector', 'set'] as const) {
      const expected = {
        number: '1',
        expression: 'x',
        antiderivative: 'x + C',
        equation: 'y = x',
        interval: '(0, 1)',
        vector: '<1, 2>',
        set: '{1}',
      }[kind];
      for (const answer of inputs) {
        const r = gradeAnswer({ kind, expected, answer });
        expect(r.correct, `${kind} ${JSON.stringify(answer)}`).toBe(false);
        expect(r.outcome, `${kind} ${JSON.stringify(answer)}`).not.toBe('grading_error');
        if (r.outcome === 'unparsable') expect(r.parseError?.message).toBeTruthy();
      }
    }
  });

  it('reports an unusable expected answer by throwing ExpectedAnswerError', () => {
    expect(() => gradeAnswer({ kind: 'expression', expected: 'x +', answer: 'x' })).toThrow(ExpectedAnswerError);
    expect(() => gradeAnswer({ kind: 'number', expected: 'x', answer: '1' })).toThrow(ExpectedAnswerError);
    expect(() => gradeAnswer({ kind: 'equation', expected: 'x + 1', answer: 'x' })).toThrow(ExpectedAnswerError);
    expect(() => gradeAnswer({ kind: 'convergence', expected: 'maybe', answer: 'converges' })).toThrow(
      ExpectedAnswerError,
    );
  });
});

describe('unparsable feedback', () => {
  it('shows an example of the kind of answer the question expects', () => {
    const interval = gradeAnswer({ kind: 'interval', expected: '(-1, 3]', answer: '(-1; 3]' });
    expect(interval.outcome).toBe('unparsable');
    expect(interval.feedback).not.toMatch(/2x\*y/);
    const antiderivative = gradeAnswer({ kind: 'antiderivative', expected: 'x^2/2 + C', answer: 'x^2/2 +' });
    expect(antiderivative.feedback).toMatch(/\+ C/);
  });
});
