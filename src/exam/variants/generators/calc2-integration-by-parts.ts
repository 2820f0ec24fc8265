import { paren, poly, sum, term } from '../format.js';
import { defineGenerator } from '../generator.js';
import { tex } from '../latex.js';

const e = (a: number, v = 'x') => `e^(${term(a, v)})`;

/** ∫ x sin(bx) dx = −x cos(bx)/b + sin(bx)/b²;  ∫ x cos(bx) dx = x sin(bx)/b + cos(bx)/b² (the same + sign). */
function polyTimesTrig(b: number, f: string) {
  const other = f === 'sin' ? 'cos' : 'sin';
  const s = f === 'sin' ? -1 : 1;
  const g = (fn: string) => `${fn}(${b}x)`;
  const integrand = `x*${g(f)}`;
  const answer = `${sum(term(s, `x*${g(other)}`, b), term(1, g(f), b * b))} + C`;
  return {
    text: `Evaluate $\\displaystyle\\int ${tex(integrand).slice(1, -1)}\\,dx$.`,
    solution: [
      `Take $u = x$ and $dv = ${tex(g(f)).slice(1, -1)}\\,dx$, so $du = dx$ and $v = ${tex(term(s, g(other), b)).slice(1, -1)}$.`,
      `Then $\\int ${tex(integrand).slice(1, -1)}\\,dx = ${tex(term(s, `x*${g(other)}`, b)).slice(1, -1)} - \\int ${tex(term(s, g(other), b)).slice(1, -1)}\\,dx$.`,
      `Integrating the last term: ${tex(answer)}.`,
    ],
    answer: { kind: 'antiderivative' as const, value: answer },
    check: { type: 'antiderivative' as const, integrand, var: 'x' },
    mistakes: [
      {
        value: `${sum(term(s, `x*${g(other)}`, b), term(-1, g(f), b * b))} + C`,
        mistake: 'sign error in the remaining integral',
      },
      {
        value: `${sum(term(s, `x*${g(other)}`), g(f))} + C`,
        mistake: `forgot the factors 1/${b} from integrating ${f}(${b}x)`,
      },
      {
        value: `${term(1, `x^2*${g(other)}`, 2 * b)} + C`,
        mistake: 'integrated each factor separately, as if the integral of a product were the product of integrals',
      },
      { value: answer.replace(' + C', ''), mistake: 'left out the constant of integration' },
    ],
  };
}

export const polyTimesExp = defineGenerator({
  patternId: 'calc2-integration-by-parts-poly-times-exp-trig',
  difficulty: 2,
  difficultyReason:
    'Routine integration by parts (tabular for degree 2); the traps are the alternating signs and the factor 1/a from integrating the exponential.',
  estimatedMinutes: 7,
  techniques: ['integration by parts', 'tabular integration'],
  params: (d) => ({ n: d.int(1, 3), a: d.nonzero(-5, 5), f: d.pick(['sin', 'cos']) }),
  build: ({ n, a, f }) => {
    if (n === 3) return polyTimesTrig(Math.abs(a) + 1 + (f === 'sin' ? 0 : 1), a > 0 ? 'sin' : 'cos');
    const integrand = `${n === 1 ? 'x' : 'x^2'}*${e(a)}`;
    // Tabular: e^{ax} * sum_k (-1)^k p^(k)(x) / a^(k+1), written over the common denominator a^(n+1).
    const inner = n === 1 ? poly([a, -1]) : poly([a * a, -2 * a, 2]);
    const den = a ** (n + 1);
    const answer = `${term(1, `${paren(inner)}*${e(a)}`, den)} + C`;
    const noAlternation = n === 1 ? poly([a, 1]) : poly([a * a, 2 * a, 2]);
    const dropped =
      n === 1 ? `x*${e(a)}/${a} + C` : `${term(1, `${paren(poly([a * a, -2 * a, 0]))}*${e(a)}`, den)} + C`;
    const noFactor = n === 1 ? `(x - 1)*${e(a)} + C` : `(x^2 - 2x + 2)*${e(a)} + C`;
    return {
      text: `Evaluate $\\displaystyle\\int ${tex(integrand).slice(1, -1)}\\,dx$.`,
      solution: [
        `Take $u = ${n === 1 ? 'x' : 'x^2'}$ and $dv = ${tex(e(a)).slice(1, -1)}\\,dx$, so $v = ${tex(`${e(a)}/${a}`).slice(1, -1)}$.`,
        n === 1
          ? `Then $\\int ${tex(integrand).slice(1, -1)}\\,dx = ${tex(`x*${e(a)}/${a}`).slice(1, -1)} - \\int ${tex(`${e(a)}/${a}`).slice(1, -1)}\\,dx$.`
          : `Tabular method: the derivatives of $x^2$ are $2x, 2, 0$; the antiderivatives of $${tex(e(a)).slice(1, -1)}$ carry factors $\\frac{1}{${a}}, \\frac{1}{${a * a}}, \\frac{1}{${a ** 3}}$, with signs $+, -, +$.`,
        `Collect over the common denominator: ${tex(answer)}.`,
      ],
      answer: { kind: 'antiderivative', value: answer },
      check: { type: 'antiderivative', integrand, var: 'x' },
      mistakes: [
        {
          value: `${term(1, `${paren(noAlternation)}*${e(a)}`, den)} + C`,
          mistake: 'did not alternate the signs of the tabular method',
        },
        { value: dropped, mistake: 'dropped the last integral of the integration by parts' },
        { value: noFactor, mistake: `took e^(${a}x) as its own antiderivative, losing the factors 1/${a}` },
        { value: answer.replace(' + C', ''), mistake: 'left out the constant of integration' },
      ],
    };
  },
});

export const logTimesPower = defineGenerator({
  patternId: 'calc2-integration-by-parts-log-inverse-trig',
  difficulty: 2,
  difficultyReason:
    'One integration by parts with the LIATE choice u = ln(cx); the remaining integral is a power of x.',
  estimatedMinutes: 6,
  techniques: ['integration by parts', 'LIATE'],
  params: (d) => ({ n: d.int(1, 6), c: d.int(1, 7) }),
  build: ({ n, c }) => {
    const m = n + 1;
    const log = c === 1 ? 'ln(x)' : `ln(${c}x)`;
    const integrand = `x^${n}*${log}`;
    const answer = `${sum(term(1, `x^${m}*${log}`, m), term(-1, `x^${m}`, m * m))} + C`;
    return {
      text: `Evaluate $\\displaystyle\\int ${tex(integrand).slice(1, -1)}\\,dx$ for $x > 0$.`,
      solution: [
        `Take $u = ${tex(log).slice(1, -1)}$ and $dv = x^{${n}}\\,dx$, so $du = \\frac{dx}{x}$ and $v = \\frac{x^{${m}}}{${m}}$.`,
        `Then $\\int ${tex(integrand).slice(1, -1)}\\,dx = ${tex(term(1, `x^${m}*${log}`, m)).slice(1, -1)} - \\int \\frac{x^{${n}}}{${m}}\\,dx$.`,
        `Since $\\int \\frac{x^{${n}}}{${m}}\\,dx = \\frac{x^{${m}}}{${m * m}}$, the integral is ${tex(answer)}.`,
      ],
      answer: { kind: 'antiderivative', value: answer, domain: { x: [0.5, 3] } },
      check: { type: 'antiderivative', integrand, var: 'x' },
      mistakes: [
        {
          value: `${sum(term(1, `x^${m}*${log}`, m), term(-1, `x^${m}`, m))} + C`,
          mistake: `forgot to divide by ${m} again when integrating x^${n}/${m}`,
        },
        {
          value: `${sum(term(1, `x^${m}*${log}`, m), term(1, `x^${m}`, m * m))} + C`,
          mistake: 'sign error: added the remaining integral instead of subtracting it',
        },
        {
          value: `${term(1, `x^${m}*${log}`, m)} + C`,
          mistake: 'stopped after the boundary term u v and dropped the remaining integral',
        },
        { value: answer.replace(' + C', ''), mistake: 'left out the constant of integration' },
      ],
    };
  },
});

export const cyclic = defineGenerator({
  patternId: 'calc2-integration-by-parts-cyclic',
  difficulty: 3,
  difficultyReason:
    'Integration by parts twice with consistent choices, then solving for the original integral; the coefficients make the algebra error-prone.',
  estimatedMinutes: 10,
  techniques: ['integration by parts twice', 'solving for the integral'],
  params: (d) => {
    const a = d.pick([-3, -2, -1, 1, 2, 3]);
    const b = d.pick([1, 2, 3, 4, 5].filter((v) => v !== Math.abs(a)));
    return { a, b, f: d.pick(['sin', 'cos']) };
  },
  build: ({ a, b, f }) => {
    const trig = (g: string) => `${g}(${term(b, 'x')})`;
    const integrand = `${e(a)}*${trig(f)}`;
    const den = a * a + b * b;
    // ∫e^{ax}cos(bx) = e^{ax}(a cos + b sin)/(a²+b²); ∫e^{ax}sin(bx) = e^{ax}(a sin − b cos)/(a²+b²).
    const combo = (sb: number, d2 = den) =>
      f === 'cos'
        ? `${e(a)}*(${sum(term(a, trig('cos')), term(sb * b, trig('sin')))})/${paren(String(d2))}`
        : `${e(a)}*(${sum(term(a, trig('sin')), term(-sb * b, trig('cos')))})/${paren(String(d2))}`;
    const answer = `${combo(1)} + C`;
    return {
      text: `Evaluate $\\displaystyle\\int ${tex(integrand).slice(1, -1)}\\,dx$.`,
      solution: [
        `Call the integral $I$. Integrate by parts with $u = ${tex(trig(f)).slice(1, -1)}$, $dv = ${tex(e(a)).slice(1, -1)}\\,dx$, so $v = ${tex(`${e(a)}/${a}`).slice(1, -1)}$.`,
        `Integrate by parts again, with $u$ the other trigonometric function and the same $dv$: the original integral comes back with the factor $-\\frac{${b * b}}{${a * a}}$.`,
        `So $\\left(1 + \\frac{${b * b}}{${a * a}}\\right)I$ equals the boundary terms; solving, $I = ${tex(answer).slice(1, -1)}$.`,
      ],
      answer: { kind: 'antiderivative', value: answer },
      check: { type: 'antiderivative', integrand, var: 'x' },
      mistakes: [
        { value: `${combo(-1)} + C`, mistake: `sign error in the derivative of ${f}(${b}x) in the first step` },
        {
          value: `${combo(1, a * a - b * b)} + C`,
          mistake: `moved the -${b * b}/${a * a} I term to the wrong side, giving a^2 - b^2 instead of a^2 + b^2`,
        },
        {
          value: `${term(1, `${e(a)}*${trig(f)}`, a)} + C`,
          mistake: 'stopped after the boundary term of the first integration by parts',
        },
        { value: answer.replace(' + C', ''), mistake: 'left out the constant of integration' },
      ],
    };
  },
});

export const substitutionThenParts = defineGenerator({
  patternId: 'calc2-integration-by-parts-substitution-then-parts',
  difficulty: 3,
  difficultyReason:
    'The integrand is not a ready-made product: a substitution (w = x^2 or t = sqrt(x)) comes first, then one integration by parts.',
  estimatedMinutes: 8,
  techniques: ['substitution', 'integration by parts'],
  params: (d) => {
    const form = d.pick(['x3exp', 'expsqrt', 'x3trig']);
    return { form, a: form === 'x3trig' ? d.int(1, 6) : d.nonzero(-4, 4), f: d.pick(['sin', 'cos']) };
  },
  build: ({ form, a, f }) => {
    if (form === 'x3trig') {
      // ∫x³ sin(k x²) dx = (sin(k x²) − k x² cos(k x²))/(2k²); ∫x³ cos(k x²) dx = (cos(k x²) + k x² sin(k x²))/(2k²).
      const k = a;
      const arg = term(k, 'x^2');
      const integrand = `x^3*${f}(${arg})`;
      const body =
        f === 'sin' ? sum(`sin(${arg})`, term(-k, `x^2*cos(${arg})`)) : sum(`cos(${arg})`, term(k, `x^2*sin(${arg})`));
      const flip =
        f === 'sin' ? sum(`sin(${arg})`, term(k, `x^2*cos(${arg})`)) : sum(`cos(${arg})`, term(-k, `x^2*sin(${arg})`));
      const answer = `(${body})/${2 * k * k} + C`;
      return {
        text: `Evaluate $\\displaystyle\\int ${tex(integrand).slice(1, -1)}\\,dx$.`,
        solution: [
          `Substitute $w = x^2$, $dw = 2x\\,dx$: the integral is $\\frac{1}{2}\\int w\\,${f}(${k === 1 ? '' : k}w)\\,dw$.`,
          `By parts with $u = w$ and $dv = ${f}(${k === 1 ? '' : k}w)\\,dw$, then back to $x$.`,
          `The result is ${tex(answer)}.`,
        ],
        answer: { kind: 'antiderivative', value: answer },
        check: { type: 'antiderivative', integrand, var: 'x' },
        mistakes: [
          { value: `(${flip})/${2 * k * k} + C`, mistake: 'sign error in the integration by parts' },
          { value: `(${body})/${k * k} + C`, mistake: 'forgot the factor 1/2 from dw = 2x dx' },
          {
            value: `${f === 'sin' ? term(-1, `x^2*cos(${arg})`, 2 * k) : term(1, `x^2*sin(${arg})`, 2 * k)} + C`,
            mistake: 'kept only the boundary term u v and dropped the remaining integral',
          },
          { value: answer.replace(' + C', ''), mistake: 'left out the constant of integration' },
        ],
      };
    }
    if (form === 'expsqrt') {
      // ∫e^{a√x} dx = 2e^{a√x}(a√x − 1)/a² (t = √x, dx = 2t dt).
      const ex = `e^(${term(a, 'sqrt(x)')})`;
      const answer = `${term(2, `${ex}*(${sum(term(a, 'sqrt(x)'), '-1')})`, a * a)} + C`;
      return {
        text: `Evaluate $\\displaystyle\\int ${tex(ex).slice(1, -1)}\\,dx$ for $x > 0$.`,
        solution: [
          `Substitute $t = \\sqrt{x}$: $x = t^2$, $dx = 2t\\,dt$, so the integral is $\\int 2t\\,${tex(`e^(${term(a, 't')})`).slice(1, -1)}\\,dt$.`,
          `By parts with $u = 2t$, $dv = ${tex(`e^(${term(a, 't')})`).slice(1, -1)}\\,dt$: $\\frac{2t}{${a}}e^{${a}t} - \\frac{2}{${a * a}}e^{${a}t}$.`,
          `Back to $x$: ${tex(answer)}.`,
        ],
        answer: { kind: 'antiderivative', value: answer, domain: { x: [0.2, 3] } },
        check: { type: 'antiderivative', integrand: ex, var: 'x' },
        mistakes: [
          {
            value: `${term(2, `${ex}*(${sum(term(a, 'sqrt(x)'), '1')})`, a * a)} + C`,
            mistake: 'sign error in the integration by parts',
          },
          {
            value: `${term(1, `${ex}*(${sum(term(a, 'sqrt(x)'), '-1')})`, a * a)} + C`,
            mistake: 'forgot the factor 2 from dx = 2t dt',
          },
          { value: `${term(1, ex, a)} + C`, mistake: 'integrated as if the exponent were linear in x' },
          { value: answer.replace(' + C', ''), mistake: 'left out the constant of integration' },
        ],
      };
    }
    // ∫x³ e^{a x²} dx = e^{a x²}(a x² − 1)/(2a²).
    const ex = `e^(${term(a, 'x^2')})`;
    const integrand = `x^3*${ex}`;
    const answer = `${term(1, `(${sum(term(a, 'x^2'), '-1')})*${ex}`, 2 * a * a)} + C`;
    return {
      text: `Evaluate $\\displaystyle\\int ${tex(integrand).slice(1, -1)}\\,dx$.`,
      solution: [
        `Write $${tex(integrand).slice(1, -1)} = x^2\\cdot x${tex(ex).slice(1, -1)}$ and take $u = x^2$, $dv = x${tex(ex).slice(1, -1)}\\,dx$, so $v = ${tex(`${ex}/${2 * a}`).slice(1, -1)}$.`,
        `Then the integral is $${tex(`x^2*${ex}/${2 * a}`).slice(1, -1)} - \\int ${tex(`x*${ex}/${a}`).slice(1, -1)}\\,dx$, and $\\int ${tex(`x*${ex}/${a}`).slice(1, -1)}\\,dx = ${tex(`${ex}/${2 * a * a}`).slice(1, -1)}$.`,
        `So the result is ${tex(answer)}.`,
      ],
      answer: { kind: 'antiderivative', value: answer, domain: { x: [-1.5, 1.5] } },
      check: { type: 'antiderivative', integrand, var: 'x' },
      mistakes: [
        {
          value: `${term(1, `(${sum(term(a, 'x^2'), '1')})*${ex}`, 2 * a * a)} + C`,
          mistake: 'sign error in the integration by parts',
        },
        {
          value: `${term(1, `(${sum(term(a, 'x^2'), '-1')})*${ex}`, a * a)} + C`,
          mistake: 'forgot the factor 1/2 from the substitution w = x^2',
        },
        {
          value: `${term(1, `x^2*${ex}`, 2 * a)} + C`,
          mistake: 'stopped after the boundary term and dropped the remaining integral',
        },
        { value: answer.replace(' + C', ''), mistake: 'left out the constant of integration' },
      ],
    };
  },
});

export const generators = [polyTimesExp, logTimesPower, cyclic, substitutionThenParts];
