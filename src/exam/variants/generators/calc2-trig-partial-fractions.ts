import { over, poly, sum, term, when } from '../format.js';
import { defineGenerator, type VariantDraft } from '../generator.js';
import { tex } from '../latex.js';

const math = (plain: string) => tex(plain).slice(1, -1);
const withoutC = (answer: string) => answer.replace(/ \+ C$/, '');
const evaluate = (integrand: string) => `Evaluate $\\displaystyle\\int ${math(integrand)}\\,dx$.`;

export const sinCosPowers = defineGenerator({
  patternId: 'calc2-trig-integrals-sin-cos-powers',
  difficulty: 3,
  difficultyReason: 'The odd power is split off and the rest rewritten with sin^2 + cos^2 = 1 before a substitution.',
  estimatedMinutes: 8,
  techniques: ['trigonometric identities', 'substitution'],
  params: (d) => ({ odd: d.pick(['sin', 'cos']), n: d.int(1, 8), k: d.int(1, 2) }),
  build: ({ odd, n, k }): VariantDraft => {
    const other = odd === 'sin' ? 'cos' : 'sin';
    const arg = term(k, 'x');
    const f = (g: string, p: number) => (p === 1 ? `${g}(${arg})` : `${g}(${arg})^${p}`);
    const integrand = `${f(odd, 3)}*${f(other, n)}`;
    // sin^3 cos^n = (1 − cos^2) cos^n sin, u = cos: −u^{n+1}/(n+1) + u^{n+3}/(n+3); for cos^3 sin^n the signs flip.
    const s = odd === 'sin' ? -1 : 1;
    const answer = `${sum(term(s, f(other, n + 1), k * (n + 1)), term(-s, f(other, n + 3), k * (n + 3)))} + C`;
    return {
      text: evaluate(integrand),
      solution: [
        `Split off one factor $${math(`${odd}(${arg})`)}$ and write $${math(f(odd, 2))} = 1 - ${math(f(other, 2))}$.`,
        `Substitute $u = ${math(`${other}(${arg})`)}$, $du = ${math(term(-s * k, `${odd}(${arg})`))}\\,dx$: the integral becomes $${math(term(-s, `(u^${n} - u^${n + 2})`, k))}\\,du$ integrated in $u$.`,
        `Integrate and substitute back: ${tex(answer)}.`,
      ],
      answer: { kind: 'antiderivative', value: answer },
      check: { type: 'antiderivative', integrand, var: 'x' },
      mistakes: [
        {
          value: `${sum(term(-s, f(other, n + 1), k * (n + 1)), term(s, f(other, n + 3), k * (n + 3)))} + C`,
          mistake: `lost the minus sign of du = d(${other})`,
        },
        ...when([
          k > 1,
          {
            value: `${sum(term(s, f(other, n + 1), n + 1), term(-s, f(other, n + 3), n + 3))} + C`,
            mistake: `forgot the factor 1/${k} from the chain rule`,
          },
        ]),
        {
          value: `${sum(term(s, f(other, n), k * n), term(-s, f(other, n + 2), k * (n + 2)))} + C`,
          mistake: 'integrated u^n as u^n/n, without raising the power',
        },
        { value: withoutC(answer), mistake: 'left out the constant of integration' },
      ],
    };
  },
});

export const tanSecPowers = defineGenerator({
  patternId: 'calc2-trig-integrals-tan-sec-powers',
  difficulty: 3,
  difficultyReason:
    'The student must choose the substitution from the parities: u = tan x when sec has an even power, u = sec x when tan has an odd power.',
  estimatedMinutes: 8,
  techniques: ['trigonometric identities', 'substitution'],
  params: (d) => ({ form: d.pick(['sec4', 'tan3']), m: d.int(1, 8), k: d.int(1, 2) }),
  build: ({ form, m, k }): VariantDraft => {
    const arg = term(k, 'x');
    const p = (g: string, e: number) => (e === 1 ? `${g}(${arg})` : `${g}(${arg})^${e}`);
    if (form === 'sec4') {
      // tan^m sec^4 = tan^m (1 + tan^2) sec^2, u = tan.
      const integrand = `${p('tan', m)}*${p('sec', 4)}`;
      const answer = `${sum(term(1, p('tan', m + 1), k * (m + 1)), term(1, p('tan', m + 3), k * (m + 3)))} + C`;
      return {
        text: evaluate(integrand),
        solution: [
          `Keep $${math(p('sec', 2))}$ for $du$ and write $${math(p('sec', 2))} = 1 + ${math(p('tan', 2))}$.`,
          `With $u = ${math(p('tan', 1))}$, $du = ${math(term(k, p('sec', 2)))}\\,dx$, the integral is $${math(term(1, `(u^${m} + u^${m + 2})`, k))}$ integrated in $u$.`,
          `So the integral is ${tex(answer)}.`,
        ],
        answer: { kind: 'antiderivative', value: answer, domain: { x: [-0.6, 0.6] } },
        check: { type: 'antiderivative', integrand, var: 'x' },
        mistakes: [
          {
            value: `${sum(term(1, p('tan', m + 1), k * (m + 1)), term(-1, p('tan', m + 3), k * (m + 3)))} + C`,
            mistake: 'used sec^2 = 1 - tan^2 instead of 1 + tan^2',
          },
          {
            value: `${term(1, p('tan', m + 1), k * (m + 1))} + C`,
            mistake: 'treated sec^4 as the du factor sec^2 alone',
          },
          ...when([
            k > 1,
            {
              value: `${sum(term(1, p('tan', m + 1), m + 1), term(1, p('tan', m + 3), m + 3))} + C`,
              mistake: `forgot the factor 1/${k} from the chain rule`,
            },
          ]),
          { value: withoutC(answer), mistake: 'left out the constant of integration' },
        ],
      };
    }
    // tan^3 sec^m = (sec^2 − 1) sec^{m−1} (sec tan), u = sec: u^{m+2}/(m+2) − u^m/m.
    const integrand = `${p('tan', 3)}*${p('sec', m)}`;
    const answer = `${sum(term(1, p('sec', m + 2), k * (m + 2)), term(-1, p('sec', m), k * m))} + C`;
    return {
      text: evaluate(integrand),
      solution: [
        `Keep $${math(`sec(${arg})*tan(${arg})`)}$ for $du$ and write $${math(p('tan', 2))} = ${math(p('sec', 2))} - 1$.`,
        `With $u = ${math(p('sec', 1))}$, $du = ${math(term(k, `sec(${arg})*tan(${arg})`))}\\,dx$, the integral is $${math(term(1, `(u^${m + 1} - u^${m - 1})`, k))}$ integrated in $u$.`,
        `So the integral is ${tex(answer)}.`,
      ],
      answer: { kind: 'antiderivative', value: answer, domain: { x: [-0.6, 0.6] } },
      check: { type: 'antiderivative', integrand, var: 'x' },
      mistakes: [
        {
          value: `${sum(term(1, p('sec', m + 2), k * (m + 2)), term(1, p('sec', m), k * m))} + C`,
          mistake: 'used tan^2 = sec^2 + 1 instead of sec^2 - 1',
        },
        {
          value: `${term(1, p('tan', 4), 4 * k)} + C`,
          mistake: 'integrated tan^3 as a power of tan, ignoring the sec factor',
        },
        ...when([
          k > 1,
          {
            value: `${sum(term(1, p('sec', m + 2), m + 2), term(-1, p('sec', m), m))} + C`,
            mistake: `forgot the factor 1/${k} from the chain rule`,
          },
        ]),
        { value: withoutC(answer), mistake: 'left out the constant of integration' },
      ],
    };
  },
});

export const trigSubstitution = defineGenerator({
  patternId: 'calc2-trig-integrals-trig-substitution',
  difficulty: 4,
  difficultyReason: 'The substitution x = a sin t (or a tan t) must be followed by a triangle to return to x.',
  estimatedMinutes: 10,
  techniques: ['trigonometric substitution', 'reference triangle'],
  params: (d) => ({ form: d.pick(['x2sqrt', 'x2over', 'pow32', 'sqrt']), a: d.int(1, 7) }),
  build: ({ form, a }): VariantDraft => {
    const a2 = a * a;
    const root = `sqrt(${a2} - x^2)`;
    const domain = { x: [0.1 * a, 0.9 * a] as [number, number] };
    const asin = a === 1 ? 'arcsin(x)' : `arcsin(x/${a})`;
    const cases: Record<string, { integrand: string; answer: string; sub: string; wrong: Array<[string, string]> }> = {
      x2sqrt: {
        integrand: `1/(x^2*${root})`,
        answer: `-${root}/(${a2}x) + C`,
        sub: `x = ${a === 1 ? '' : a}\\sin t`,
        wrong: [
          [`${root}/(${a2}x) + C`, 'sign error: the integral of csc^2 t is -cot t'],
          ...when<[string, string]>([
            a > 1,
            [`-${root}/x + C`, `forgot the factor 1/${a2} in front of the csc^2 t integral`],
          ]),
          [`-x/(${a2}*${root}) + C`, 'read cot t off the triangle upside down (adjacent and opposite swapped)'],
        ],
      },
      x2over: {
        integrand: `x^2/${root}`,
        answer: `${sum(term(a2, asin, 2), term(-1, `x*${root}`, 2))} + C`,
        sub: `x = ${a === 1 ? '' : a}\\sin t`,
        wrong: [
          [`${sum(term(a2, asin, 2), term(1, `x*${root}`, 2))} + C`, 'sign error in sin^2 t = (1 - cos 2t)/2'],
          [`${sum(term(a2, asin), term(-1, `x*${root}`))} + C`, 'forgot the factor 1/2 from the half-angle formula'],
          ...when<[string, string]>([
            a > 1,
            [
              `${sum(term(1, asin, 2), term(-1, `x*${root}`, 2))} + C`,
              `dropped the factor ${a2} = a^2 from x^2 = a^2 sin^2 t`,
            ],
          ]),
        ],
      },
      pow32: {
        integrand: `1/(x^2 + ${a2})^(3/2)`,
        answer: `x/(${a2}*sqrt(x^2 + ${a2})) + C`,
        sub: `x = ${a === 1 ? '' : a}\\tan t`,
        wrong: [
          [`-x/(${a2}*sqrt(x^2 + ${a2})) + C`, 'sign error: the integral of cos t is sin t'],
          ...when<[string, string]>([a > 1, [`x/sqrt(x^2 + ${a2}) + C`, `forgot the factor 1/${a2}`]]),
          [`sqrt(x^2 + ${a2})/(${a2}x) + C`, 'read sin t off the triangle upside down'],
        ],
      },
      sqrt: {
        integrand: root,
        answer: `${sum(term(1, `x*${root}`, 2), term(a2, asin, 2))} + C`,
        sub: `x = ${a === 1 ? '' : a}\\sin t`,
        wrong: [
          [`${sum(term(1, `x*${root}`, 2), term(-a2, asin, 2))} + C`, 'sign error in cos^2 t = (1 + cos 2t)/2'],
          [`${sum(term(1, `x*${root}`), term(a2, asin))} + C`, 'forgot the factor 1/2 from the half-angle formula'],
          [`${term(a2, asin, 2)} + C`, 'dropped the sin 2t term after the half-angle formula'],
        ],
      },
    };
    const c = cases[form]!;
    return {
      text: `Evaluate $\\displaystyle\\int ${math(c.integrand)}\\,dx$ for $0 < x < ${a}$.`,
      solution: [
        `Substitute $${c.sub}$; then the root becomes a multiple of one trigonometric function and $dx$ follows.`,
        'Integrate in $t$ (a half-angle formula or a standard integral), then return to $x$ with a right triangle.',
        `The result is ${tex(c.answer)}.`,
      ],
      answer: { kind: 'antiderivative', value: c.answer, domain },
      check: { type: 'antiderivative', integrand: c.integrand, var: 'x' },
      mistakes: [
        ...c.wrong.map(([value, mistake]) => ({ value, mistake })),
        { value: withoutC(c.answer), mistake: 'left out the constant of integration' },
      ],
    };
  },
});

/** Expands a product of polynomials given by coefficients (highest power first). */
function mul(p: number[], q: number[]): number[] {
  const out = Array<number>(p.length + q.length - 1).fill(0);
  p.forEach((a, i) => {
    q.forEach((b, j) => {
      out[i + j]! += a * b;
    });
  });
  return out;
}
function add(p: number[], q: number[]): number[] {
  const n = Math.max(p.length, q.length);
  const pad = (r: number[]) => [...Array<number>(n - r.length).fill(0), ...r];
  const [a, b] = [pad(p), pad(q)];
  return a.map((v, i) => v + b[i]!);
}
const scale = (p: number[], k: number) => p.map((v) => v * k);
const lin = (a: number) => [1, -a];
const ln = (a: number) => `ln|${sum('x', term(-a))}|`;
const fracOf = (num: number[], den: number[]) => `(${poly(num)})/(${poly(den)})`;
const pfText = (num: number[], den: number[]) => evaluate(fracOf(num, den));

export const distinctLinear = defineGenerator({
  patternId: 'calc2-partial-fractions-distinct-linear',
  difficulty: 2,
  difficultyReason: 'Factor the denominator, find the two coefficients (cover-up), integrate each as a logarithm.',
  estimatedMinutes: 7,
  techniques: ['partial fractions', 'logarithmic integrals'],
  params: (d) => {
    const [a, b] = d.distinct(2, -4, 4);
    const A = d.nonzero(-4, 4);
    return { a: a!, b: b!, A, B: d.pick([-4, -3, -2, -1, 1, 2, 3, 4].filter((v) => v !== A)) };
  },
  build: ({ a, b, A, B }): VariantDraft => {
    const den = mul(lin(a), lin(b));
    const num = add(scale(lin(b), A), scale(lin(a), B));
    const answer = `${sum(term(A, ln(a)), term(B, ln(b)))} + C`;
    return {
      text: pfText(num, den),
      solution: [
        `Factor: $${math(poly(den))} = ${math(`(${sum('x', term(-a))})*(${sum('x', term(-b))})`)}$, and write the integrand as $\\frac{A}{${math(sum('x', term(-a)))}} + \\frac{B}{${math(sum('x', term(-b)))}}$.`,
        `Cover-up: $A = ${A}$ (at $x = ${a}$) and $B = ${B}$ (at $x = ${b}$).`,
        `Integrate each term: ${tex(answer)}.`,
      ],
      answer: { kind: 'antiderivative', value: answer },
      check: { type: 'antiderivative', integrand: fracOf(num, den), var: 'x' },
      mistakes: [
        {
          value: `${sum(term(B, ln(a)), term(A, ln(b)))} + C`,
          mistake: 'attached each coefficient to the wrong factor',
        },
        ...when([
          a !== 0 && b !== 0,
          {
            value: `${sum(term(A, ln(-a)), term(B, ln(-b)))} + C`,
            mistake: 'read the roots of the denominator with the wrong sign',
          },
        ]),
        {
          value: `${sum(term(-A, `1/(${sum('x', term(-a))})^2`), term(-B, `1/(${sum('x', term(-b))})^2`))} + C`,
          mistake: 'integrated 1/(x - a) as a power instead of a logarithm',
        },
        { value: withoutC(answer), mistake: 'left out the constant of integration' },
      ],
    };
  },
  verify: ({ a, b }) => (a === b ? 'repeated root' : undefined),
});

export const repeatedLinear = defineGenerator({
  patternId: 'calc2-partial-fractions-repeated-linear',
  difficulty: 3,
  difficultyReason:
    'A repeated factor needs both A/(x - a) and B/(x - a)^2; the second integrates to a power, not a logarithm.',
  estimatedMinutes: 8,
  techniques: ['partial fractions', 'repeated linear factors'],
  params: (d) => {
    const [a, b] = d.distinct(2, -3, 3);
    return { a: a!, b: b!, A: d.nonzero(-3, 3), B: d.nonzero(-3, 3), D: d.nonzero(-3, 3) };
  },
  build: ({ a, b, A, B, D }): VariantDraft => {
    const den = mul(mul(lin(a), lin(a)), lin(b));
    const num = add(add(scale(mul(lin(a), lin(b)), A), scale(lin(b), B)), scale(mul(lin(a), lin(a)), D));
    const xa = sum('x', term(-a));
    const answer = `${sum(term(A, ln(a)), over(-B, xa), term(D, ln(b)))} + C`;
    return {
      text: pfText(num, den),
      solution: [
        `Write the integrand as $\\frac{A}{${math(xa)}} + \\frac{B}{(${math(xa)})^2} + \\frac{D}{${math(sum('x', term(-b)))}}$.`,
        `Matching coefficients (cover-up for $B$ and $D$): $A = ${A}$, $B = ${B}$, $D = ${D}$.`,
        `Integrate; $\\int \\frac{dx}{(${math(xa)})^2} = -\\frac{1}{${math(xa)}}$: ${tex(answer)}.`,
      ],
      answer: { kind: 'antiderivative', value: answer },
      check: { type: 'antiderivative', integrand: fracOf(num, den), var: 'x' },
      mistakes: [
        {
          value: `${sum(term(A, ln(a)), over(B, xa), term(D, ln(b)))} + C`,
          mistake: 'integrated (x - a)^-2 as +(x - a)^-1, losing the minus sign',
        },
        {
          value: `${sum(term(A + B, ln(a)), term(D, ln(b)))} + C`,
          mistake: 'integrated the repeated term as a logarithm too',
        },
        ...when([
          b !== 0,
          {
            value: `${sum(term(A, ln(a)), over(-B, xa), term(D, ln(-b)))} + C`,
            mistake: 'read the simple root with the wrong sign',
          },
        ]),
        { value: withoutC(answer), mistake: 'left out the constant of integration' },
      ],
    };
  },
});

export const irreducibleQuadratic = defineGenerator({
  patternId: 'calc2-partial-fractions-irreducible-quadratic',
  difficulty: 3,
  difficultyReason:
    'The quadratic factor needs a (Bx + C) numerator, split into a logarithm and an arctangent with its 1/k factor.',
  estimatedMinutes: 10,
  techniques: ['partial fractions', 'irreducible quadratic factors', 'arctangent'],
  params: (d) => ({ a: d.int(-3, 3), k: d.int(1, 3), A: d.nonzero(-3, 3), B: d.nonzero(-3, 3), Cc: d.nonzero(-4, 4) }),
  build: ({ a, k, A, B, Cc }): VariantDraft => {
    const q = [1, 0, k * k];
    const den = mul(lin(a), q);
    const num = add(scale(q, A), mul([B, Cc], lin(a)));
    const at = k === 1 ? 'arctan(x)' : `arctan(x/${k})`;
    const quad = `ln(x^2 + ${k * k})`;
    const answer = `${sum(term(A, ln(a)), term(B, quad, 2), term(Cc, at, k))} + C`;
    return {
      text: pfText(num, den),
      solution: [
        `Write the integrand as $\\frac{A}{${math(sum('x', term(-a)))}} + \\frac{Bx + C}{x^2 + ${k * k}}$; matching coefficients gives $A = ${A}$, $B = ${B}$, $C = ${Cc}$.`,
        `Then $\\int \\frac{${B}x}{x^2 + ${k * k}}\\,dx = ${math(term(B, quad, 2))}$ and $\\int \\frac{${Cc}}{x^2 + ${k * k}}\\,dx = ${math(term(Cc, at, k))}$.`,
        `Altogether: ${tex(answer)}.`,
      ],
      answer: { kind: 'antiderivative', value: answer },
      check: { type: 'antiderivative', integrand: fracOf(num, den), var: 'x' },
      mistakes: [
        {
          value: `${sum(term(A, ln(a)), term(B, quad), term(Cc, at, k))} + C`,
          mistake: 'forgot the factor 1/2 in the logarithm of x^2 + k^2',
        },
        ...when([
          k > 1,
          {
            value: `${sum(term(A, ln(a)), term(B, quad, 2), term(Cc, 'arctan(x)'))} + C`,
            mistake: 'integrated 1/(x^2 + k^2) as arctan x, ignoring k',
          },
        ]),
        {
          value: `${sum(term(A, ln(a)), term(B + Cc, quad, 2))} + C`,
          mistake: 'treated the constant part of the numerator as part of the logarithm',
        },
        { value: withoutC(answer), mistake: 'left out the constant of integration' },
      ],
    };
  },
});

export const improperRational = defineGenerator({
  patternId: 'calc2-partial-fractions-improper-rational',
  difficulty: 3,
  difficultyReason:
    'The degree of the numerator is not smaller: polynomial division first, then the remainder over the linear factor.',
  estimatedMinutes: 8,
  techniques: ['polynomial long division', 'partial fractions'],
  params: (d) => ({ a: d.nonzero(-4, 4), p: d.int(-4, 4), r: d.nonzero(-6, 6) }),
  build: ({ a, p, r }): VariantDraft => {
    // (x^2 + p x + q)/(x − a) = x + (p + a) + r/(x − a), with q chosen so the remainder is r.
    const q = r - a * a - p * a;
    const num = [1, p, q];
    const den = lin(a);
    const answer = `${sum(term(1, 'x^2', 2), term(p + a, 'x'), term(r, ln(a)))} + C`;
    return {
      text: pfText(num, den),
      solution: [
        `Divide: $${math(poly(num))} = (${math(sum('x', term(-a)))})(${math(sum('x', term(p + a)))}) + ${r}$.`,
        `So the integrand is $${math(sum('x', term(p + a), `${r}/(${sum('x', term(-a))})`))}$.`,
        `Integrate term by term: ${tex(answer)}.`,
      ],
      answer: { kind: 'antiderivative', value: answer },
      check: { type: 'antiderivative', integrand: fracOf(num, den), var: 'x' },
      mistakes: [
        { value: `${term(r, ln(a))} + C`, mistake: 'skipped the polynomial division and kept only the remainder term' },
        {
          value: `${sum(term(1, 'x^2', 2), term(p - a, 'x'), term(r, ln(a)))} + C`,
          mistake: 'sign error in the division (used x + a)',
        },
        {
          value: `${sum(term(1, 'x^2', 2), term(p + a, 'x'), term(r, ln(-a)))} + C`,
          mistake: 'read the root of the denominator with the wrong sign',
        },
        { value: withoutC(answer), mistake: 'left out the constant of integration' },
      ],
    };
  },
});

export const generators = [
  sinCosPowers,
  tanSecPowers,
  trigSubstitution,
  distinctLinear,
  repeatedLinear,
  irreducibleQuadratic,
  improperRational,
];
