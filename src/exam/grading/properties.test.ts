import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type GradeInput, gradeAnswer } from './grade.js';
import { outcomeCodes } from './outcomes.js';

/** A non-constant polynomial with small integer coefficients, as coefficient list c0..c4. */
const polynomial = fc
  .array(fc.integer({ min: -6, max: 6 }), { minLength: 5, maxLength: 5 })
  .filter((c) => c.slice(1).some((v) => v !== 0));

type Style = 'plain' | 'implicit' | 'latex';

/** Writes the polynomial in one of the ways students do, terms in the given order. */
function write(c: number[], style: Style, order: number[] = [0, 1, 2, 3, 4]): string {
  const terms = order
    .filter((k) => c[k] !== 0)
    .map((k) => {
      const a = c[k]!;
      const mag = Math.abs(a);
      const power = k === 0 ? '' : k === 1 ? 'x' : style === 'latex' ? `x^{${k}}` : `x^${k}`;
      const coef = k === 0 ? `${mag}` : mag === 1 ? '' : style === 'plain' ? `${mag}*` : `${mag}`;
      return { sign: a < 0 ? '-' : '+', body: `${coef}${power}` };
    });
  if (terms.length === 0) return '0';
  return terms.map((t, i) => (i === 0 ? (t.sign === '-' ? `-${t.body}` : t.body) : ` ${t.sign} ${t.body}`)).join('');
}

const style = fc.constantFrom<Style>('plain', 'implicit', 'latex');
const order = fc.shuffledSubarray([0, 1, 2, 3, 4], { minLength: 5, maxLength: 5 });
const constantName = fc.constantFrom('C', 'K', 'c', 'k', 'A');
const runs = { numRuns: 60 };

const grade = (input: GradeInput) => gradeAnswer(input);

describe('antiderivatives of random polynomials', () => {
  it('p + C vs p + K (any form, any order, any constant letter) is correct', () => {
    fc.assert(
      fc.property(polynomial, style, order, constantName, (c, s, o, k) => {
        const r = grade({
          kind: 'antiderivative',
          expected: `${write(c, 'plain')} + C`,
          answer: `${write(c, s, o)} + ${k}`,
        });
        expect(r.outcome).toBe('correct');
      }),
      runs,
    );
  });

  it('p + C vs p + C + an integer is still correct (differs by a constant)', () => {
    fc.assert(
      fc.property(polynomial, fc.integer({ min: -50, max: 50 }), (c, d) => {
        const r = grade({
          kind: 'antiderivative',
          expected: `${write(c, 'plain')} + C`,
          answer: `${write(c, 'plain')} + ${d} + C`,
        });
        expect(r.outcome).toBe('correct');
      }),
      runs,
    );
  });

  it('p without a constant is flagged missing_constant', () => {
    fc.assert(
      fc.property(polynomial, style, (c, s) => {
        const r = grade({ kind: 'antiderivative', expected: `${write(c, 'plain')} + C`, answer: write(c, s) });
        expect(r.outcome).toBe('missing_constant');
        expect(r.correct).toBe(false);
      }),
      runs,
    );
  });

  it('-p + C is a sign error', () => {
    fc.assert(
      fc.property(polynomial, (c) => {
        const r = grade({
          kind: 'antiderivative',
          expected: `${write(c, 'plain')} + C`,
          answer: `-(${write(c, 'plain')}) + C`,
        });
        expect(r.outcome).toBe('sign_error');
      }),
      runs,
    );
  });

  it('k*p + C (k = 2, 3, 1/2, 5) is off by a constant factor, and the factor is named', () => {
    fc.assert(
      fc.property(polynomial, fc.constantFrom('2', '3', '1/2', '5'), (c, k) => {
        const r = grade({
          kind: 'antiderivative',
          expected: `${write(c, 'plain')} + C`,
          answer: `${k}*(${write(c, 'plain')}) + C`,
        });
        expect(r.outcome).toBe('off_by_constant_factor');
        expect(r.feedback).toContain(`factor of ${k}`);
      }),
      runs,
    );
  });

  it("the derivative p' given for the antiderivative p + C is differentiated_instead", () => {
    fc.assert(
      fc.property(
        polynomial.filter((c) => c.slice(2).some((v) => v !== 0)),
        (c) => {
          const derivative = [c[1]!, 2 * c[2]!, 3 * c[3]!, 4 * c[4]!, 0];
          const r = grade({
            kind: 'antiderivative',
            expected: `${write(c, 'plain')} + C`,
            answer: `${write(derivative, 'plain')} + C`,
          });
          // p' can coincide with a multiple of p only for degree-1 p (excluded by the filter).
          expect(r.outcome).toBe('differentiated_instead');
        },
      ),
      runs,
    );
  });
});

describe('expressions: random polynomials', () => {
  it('p in any form and order equals p', () => {
    fc.assert(
      fc.property(polynomial, style, order, (c, s, o) => {
        expect(grade({ kind: 'expression', expected: write(c, 'plain'), answer: write(c, s, o) }).outcome).toBe(
          'correct',
        );
      }),
      runs,
    );
  });

  it('p + d (d ≠ 0) is off by a constant: a constant error is caught', () => {
    fc.assert(
      fc.property(polynomial, fc.integer({ min: 1, max: 9 }), fc.boolean(), (c, d, negative) => {
        const answer = `${write(c, 'plain')} ${negative ? '-' : '+'} ${d}`;
        const r = grade({ kind: 'expression', expected: write(c, 'plain'), answer });
        expect(r.correct).toBe(false);
        expect(r.outcome).toBe('off_by_constant');
      }),
      runs,
    );
  });

  it('-p is a sign error: a sign error is caught', () => {
    fc.assert(
      fc.property(polynomial, (c) => {
        expect(
          grade({ kind: 'expression', expected: write(c, 'plain'), answer: `-(${write(c, 'latex')})` }).outcome,
        ).toBe('sign_error');
      }),
      runs,
    );
  });

  it('a different polynomial is never graded correct, whatever the seed', () => {
    fc.assert(
      fc.property(polynomial, polynomial, fc.integer({ min: 0, max: 2 ** 31 - 1 }), (a, b, seed) => {
        fc.pre(a.some((v, i) => v !== b[i]));
        expect(
          grade({ kind: 'expression', expected: write(a, 'plain'), answer: write(b, 'plain'), seed }).correct,
        ).toBe(false);
      }),
      runs,
    );
  });

  it('an equivalent answer is correct whatever the seed (sampling is robust)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        expect(grade({ kind: 'expression', expected: 'sin(x)^2', answer: '1 - cos^2(x)', seed }).outcome).toBe(
          'correct',
        );
        expect(
          grade({ kind: 'antiderivative', expected: 'sin(x)^2/2 + C', answer: '-cos^2(x)/2 + C', seed }).outcome,
        ).toBe('correct');
        expect(grade({ kind: 'expression', expected: 'ln|x|', answer: '\\ln\\left|x\\right|', seed }).outcome).toBe(
          'correct',
        );
      }),
      { numRuns: 30 },
    );
  });
});

describe('numbers, intervals, sets, vectors', () => {
  const fraction = fc
    .tuple(fc.integer({ min: -40, max: 40 }), fc.integer({ min: 2, max: 17 }))
    .filter(([a]) => a !== 0);

  it('a fraction given as a decimal with 6 significant digits is correct; 1 decimal place is not', () => {
    fc.assert(
      fc.property(fraction, ([a, b]) => {
        const v = a / b;
        expect(grade({ kind: 'number', expected: `${a}/${b}`, answer: v.toPrecision(6) }).correct).toBe(true);
        const coarse = v.toFixed(1);
        fc.pre(Math.abs(Number(coarse) - v) > 1.01e-4 * Math.abs(v));
        const r = grade({ kind: 'number', expected: `${a}/${b}`, answer: coarse });
        expect(r.correct).toBe(false);
      }),
      runs,
    );
  });

  const interval = fc
    .tuple(fc.integer({ min: -9, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.boolean(), fc.boolean())
    .map(([a, w, l, r]) => ({ lo: a, hi: a + w, l: l ? '[' : '(', r: r ? ']' : ')' }));

  it('an interval equals itself and its inequality; a flipped bracket is wrong_brackets', () => {
    fc.assert(
      fc.property(interval, ({ lo, hi, l, r }) => {
        const expected = `${l}${lo}, ${hi}${r}`;
        expect(grade({ kind: 'interval', expected, answer: `${l}${lo},${hi}${r}` }).outcome).toBe('correct');
        const inequality = `${lo} ${l === '[' ? '<=' : '<'} x ${r === ']' ? '<=' : '<'} ${hi}`;
        expect(grade({ kind: 'interval', expected, answer: inequality }).outcome).toBe('correct');
        const flipped = `${l === '[' ? '(' : '['}${lo}, ${hi}${r}`;
        expect(grade({ kind: 'interval', expected, answer: flipped }).outcome).toBe('wrong_brackets');
        expect(grade({ kind: 'interval', expected, answer: `${l}${lo - 1}, ${hi}${r}` }).outcome).toBe(
          'wrong_endpoints',
        );
      }),
      runs,
    );
  });

  const values = fc.uniqueArray(fc.integer({ min: -20, max: 20 }), { minLength: 2, maxLength: 6 });

  it('a set equals any permutation of itself; dropping an element is missing_elements, adding one extra_elements', () => {
    fc.assert(
      fc.property(values, fc.integer({ min: 21, max: 40 }), (xs, extra) => {
        const expected = `{${xs.join(', ')}}`;
        const shuffled = [...xs].reverse();
        expect(grade({ kind: 'set', expected, answer: `\\{${shuffled.join(',')}\\}` }).outcome).toBe('correct');
        expect(grade({ kind: 'set', expected, answer: `{${xs.slice(1).join(', ')}}` }).outcome).toBe(
          'missing_elements',
        );
        expect(grade({ kind: 'set', expected, answer: `{${[...xs, extra].join(', ')}}` }).outcome).toBe(
          'extra_elements',
        );
      }),
      runs,
    );
  });

  // At least two non-zero components: with one, a negated vector is just one wrong component (and named so).
  const vector = fc
    .array(fc.integer({ min: -9, max: 9 }), { minLength: 2, maxLength: 4 })
    .filter((v) => v.filter((x) => x !== 0).length >= 2);

  it('a vector equals itself in any bracket style; negated is sign_error; one component changed is named', () => {
    fc.assert(
      fc.property(vector, fc.nat(), (v, which) => {
        const expected = `<${v.join(', ')}>`;
        expect(grade({ kind: 'vector', expected, answer: `(${v.join(',')})` }).outcome).toBe('correct');
        expect(grade({ kind: 'vector', expected, answer: `\\langle ${v.join(', ')} \\rangle` }).outcome).toBe(
          'correct',
        );
        expect(grade({ kind: 'vector', expected, answer: `<${v.map((x) => -x).join(', ')}>` }).outcome).toBe(
          'sign_error',
        );
        const i = which % v.length;
        const changed = v.map((x, j) => (j === i ? x + 100 : x));
        const r = grade({ kind: 'vector', expected, answer: `<${changed.join(', ')}>` });
        expect(r.outcome).toBe('wrong_components');
        expect(r.feedback).toContain(`${i + 1}`);
      }),
      runs,
    );
  });
});

describe('robustness', () => {
  const mathChars = fc
    .array(fc.constantFrom(...'0123456789xyzCK+-*/^()[]{}|,.=<> \\sincolgqrtepfa_!'.split('')), { maxLength: 30 })
    .map((cs) => cs.join(''));
  const kinds = fc.constantFrom(
    ['number', '3/2'],
    ['expression', 'x^2 + 1'],
    ['antiderivative', 'x^2/2 + C'],
    ['equation', 'y = 2x'],
    ['interval', '(-1, 3]'],
    ['convergence', 'converges'],
    ['vector', '<1, 2>'],
    ['set', '{1, 2}'],
  );

  it('any typed input gets a known outcome, never an exception or a grading_error', () => {
    fc.assert(
      fc.property(kinds, mathChars, ([kind, expected], answer) => {
        const r = gradeAnswer({ kind: kind as GradeInput['kind'], expected: expected!, answer });
        expect(outcomeCodes).toContain(r.outcome);
        expect(r.outcome).not.toBe('grading_error');
        expect(typeof r.feedback).toBe('string');
        if (r.outcome === 'unparsable') {
          expect(r.parseError).toBeDefined();
          if (r.parseError?.position !== undefined) {
            expect(r.parseError.position).toBeGreaterThanOrEqual(0);
            expect(r.parseError.position).toBeLessThanOrEqual(answer.length);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('is deterministic: grading twice gives the same result', () => {
    fc.assert(
      fc.property(kinds, mathChars, ([kind, expected], answer) => {
        const input = { kind: kind as GradeInput['kind'], expected: expected!, answer };
        expect(gradeAnswer(input)).toEqual(gradeAnswer(input));
      }),
      { numRuns: 100 },
    );
  });
});
