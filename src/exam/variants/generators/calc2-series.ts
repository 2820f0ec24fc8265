import { frac, sum, term } from '../format.js';
import { defineGenerator, type VariantDraft } from '../generator.js';
import { tex } from '../latex.js';
import { at, close, integralConverges, limitAtZero, partialSum, seriesConvergesAbsolutely } from './numeric.js';

const math = (plain: string) => tex(plain).slice(1, -1);
const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));
const numberIs = (value: string, expected: number, rel = 1e-6) =>
  close(at(value, {}), expected, rel) ? undefined : `answer ${at(value, {})} but computed ${expected}`;

export const infiniteInterval = defineGenerator({
  patternId: 'calc2-improper-integrals-infinite-interval',
  difficulty: 2,
  difficultyReason: 'Repeated integration by parts inside a limit; the boundary terms vanish at infinity.',
  estimatedMinutes: 7,
  techniques: ['improper integrals', 'integration by parts', 'limits'],
  params: (d) => ({ n: d.int(0, 3), k: d.int(1, 8) }),
  build: ({ n, k }): VariantDraft => {
    const integrand = `${n === 0 ? '' : n === 1 ? 'x*' : `x^${n}*`}e^(${term(-k, 'x')})`;
    const value = term(factorial(n), '', k ** (n + 1));
    return {
      text: `Evaluate $\\displaystyle\\int_0^{\\infty} ${math(integrand)}\\,dx$, or show that it diverges.`,
      solution: [
        `Write it as $\\lim_{t\\to\\infty}\\int_0^{t} ${math(integrand)}\\,dx$.`,
        n === 0
          ? `$\\int_0^t ${math(integrand)}\\,dx = \\frac{1 - e^{-${k}t}}{${k}} \\to \\frac{1}{${k}}$.`
          : `Integrate by parts ${n} time${n > 1 ? 's' : ''}; every boundary term vanishes at both ends, each step bringing a factor $\\frac{1}{${k}}$ and the power of $x$ down by one.`,
        `So the integral converges to $${math(value)}$.`,
      ],
      answer: { kind: 'number', value },
      mistakes: [
        { value: term(factorial(n), '', k ** n), mistake: 'lost one factor 1/k' },
        { value: term(-factorial(n), '', k ** (n + 1)), mistake: 'sign error in the boundary terms' },
        n >= 2
          ? { value: term(1, '', k ** (n + 1)), mistake: 'forgot the factor n! from the repeated parts' }
          : { value: term(2 * factorial(n), '', k ** (n + 1)), mistake: 'counted the boundary term at 0 twice' },
      ],
    };
  },
  // Quadrature over [0, 60/k] (the tail beyond is below e^-50), independently of the closed form.
  verify: ({ n, k }, draft) => {
    let s = 0;
    const b = 60 / k;
    const m = 6000;
    const f = (x: number) => x ** n * Math.exp(-k * x);
    for (let i = 0; i <= m; i++) s += f((b * i) / m) * (i === 0 || i === m ? 1 : i % 2 ? 4 : 2);
    return numberIs(draft.answer.value, (s * b) / m / 3, 1e-6);
  },
});

export const unboundedIntegrand = defineGenerator({
  patternId: 'calc2-improper-integrals-unbounded-integrand',
  difficulty: 2,
  difficultyReason:
    'The integrand blows up at x = 0: the integral is a limit, and the power rule with exponent above -1 converges.',
  estimatedMinutes: 6,
  techniques: ['improper integrals', 'power rule', 'limits'],
  params: (d) => {
    const [q, p] = d.pick([
      [2, 1],
      [3, 1],
      [3, 2],
      [4, 1],
      [4, 3],
    ] as const);
    return { q, p, m: d.int(1, 5) };
  },
  build: ({ q, p, m }): VariantDraft => {
    // ∫_0^{m^q} x^(−p/q) dx = q m^(q−p)/(q − p), for p < q.
    const b = m ** q;
    const e = q - p;
    const value = term(q * m ** e, '', e);
    const integrand = `1/x^(${p}/${q})`;
    return {
      text: `Evaluate $\\displaystyle\\int_0^{${b}} ${math(integrand)}\\,dx$, or show that it diverges.`,
      solution: [
        `The integrand is unbounded at $x = 0$: $\\int_0^{${b}} = \\lim_{t\\to 0^+}\\int_t^{${b}} x^{-${p}/${q}}\\,dx$.`,
        `An antiderivative is $\\frac{${q}}{${e}}x^{${e}/${q}}$, and $t^{${e}/${q}} \\to 0$.`,
        `So the integral converges to $\\frac{${q}}{${e}}\\cdot ${b}^{${e}/${q}} = ${math(value)}$.`,
      ],
      answer: { kind: 'number', value },
      mistakes: [
        {
          value: term(e * m ** e, '', q),
          mistake: `divided by ${q}/${e} instead of multiplying (took the antiderivative as (${e}/${q}) x^(${e}/${q}))`,
        },
        {
          value: term(q * m ** (q + p), '', q + p),
          mistake: `added 1 to the exponent the wrong way (x^(${p}/${q} + 1))`,
        },
        { value: term(m ** e), mistake: 'forgot the factor from the power rule' },
      ],
    };
  },
  verify: ({ q, p, m }, draft) => {
    // Substituting x = u^q removes the singularity: ∫_0^m q u^(q−1−p) du.
    const e = q - 1 - p;
    return p >= q ? 'divergent' : numberIs(draft.answer.value, (q * m ** (e + 1)) / (e + 1));
  },
});

export const comparisonTestIntegral = defineGenerator({
  patternId: 'calc2-improper-integrals-comparison-test',
  difficulty: 3,
  difficultyReason: 'Compare with the dominant power x^(n/2 - m) and apply the p-test.',
  estimatedMinutes: 6,
  techniques: ['comparison test', 'limit comparison', 'p-test'],
  params: (d) => ({ m: d.int(0, 2), n: d.int(1, 9), c: d.int(1, 5), k: d.int(1, 5) }),
  build: ({ m, n, c, k }): VariantDraft => {
    const integrand = `(${sum(m === 0 ? '1' : m === 1 ? 'x' : `x^${m}`, term(c))})/sqrt(${sum(`x^${n}`, term(k))})`;
    const power = n / 2 - m;
    const verdict = power > 1 ? 'converges' : 'diverges';
    return {
      text: `Determine whether $\\displaystyle\\int_1^{\\infty} ${math(integrand)}\\,dx$ converges or diverges.`,
      solution: [
        `For large $x$ the integrand behaves like $\\frac{x^{${m}}}{x^{${n}/2}} = \\frac{1}{x^{${power}}}$.`,
        `By limit comparison with $\\int_1^\\infty \\frac{dx}{x^{${power}}}$ (ratio tending to 1), both behave alike; that integral ${power > 1 ? 'converges' : 'diverges'} since $p = ${power} ${power > 1 ? '>' : '\\le'} 1$.`,
        `So the integral ${verdict}.`,
      ],
      answer: { kind: 'convergence', value: verdict },
      mistakes: [
        {
          value: verdict === 'converges' ? 'diverges' : 'converges',
          mistake: 'compared with the wrong power (p-test threshold misread)',
        },
      ],
    };
  },
  verify: (p, draft) => {
    const f = `(x^${p.m} + ${p.c})/sqrt(x^${p.n} + ${p.k})`;
    return integralConverges(f) === (draft.answer.value === 'converges')
      ? undefined
      : 'tails disagree with the verdict';
  },
});

export const parameterValues = defineGenerator({
  patternId: 'calc2-improper-integrals-parameter-values',
  difficulty: 4,
  difficultyReason: 'Both the behaviour at 0 and at infinity constrain p; the answer is their intersection.',
  estimatedMinutes: 8,
  techniques: ['p-test', 'comparison', 'splitting an improper integral'],
  params: (d) => ({ k: d.int(1, 5), a: d.int(1, 9) }),
  build: ({ k, a }): VariantDraft => {
    // ∫_0^∞ dx / (x^p (a + x^k)): near 0 needs p < 1, at ∞ needs p + k > 1: (1 − k, 1).
    const integrand = `1/(x^p*(${a} + x^${k}))`;
    const value = `(${1 - k}, 1)`;
    return {
      text: `Find all real numbers $p$ for which $\\displaystyle\\int_0^{\\infty} ${math(integrand)}\\,dx$ converges. Give your answer as an interval.`,
      solution: [
        `Near $0$ the integrand is about $\\frac{1}{${a}x^p}$: convergent iff $p < 1$.`,
        `Near $\\infty$ it is about $\\frac{1}{x^{p + ${k}}}$: convergent iff $p + ${k} > 1$, i.e. $p > ${1 - k}$.`,
        `Both: $p \\in (${1 - k}, 1)$.`,
      ],
      answer: { kind: 'interval', value, latex: `(${1 - k}, 1)` },
      mistakes: [
        { value: `(${1 - k}, 1]`, mistake: 'included p = 1, where the integral diverges at 0 like 1/x' },
        { value: `(-inf, 1)`, mistake: 'checked only the behaviour near 0' },
        { value: `(${1 - k}, inf)`, mistake: 'checked only the behaviour at infinity' },
      ],
    };
  },
  verify: ({ k, a }) => {
    // Inside the interval the tails shrink; just outside on either side a part diverges.
    const f = (p: number) => `1/(x^${p}*(${a} + x^${k}))`;
    const mid = (1 - k + 1) / 2;
    if (!integralConverges(f(mid))) return 'diverges inside the interval';
    if (integralConverges(f(1 - k - 0.2))) return 'converges below the interval at infinity';
    const near0 = (p: number) => `${a}^(-1)*x^(${-p})`;
    return at(near0(1), { x: 1e-9 }) > 1e8 ? undefined : 'no blow-up at 0 for p = 1';
  },
});

export const indeterminateLimit = defineGenerator({
  patternId: 'calc2-sequences-indeterminate-limit',
  difficulty: 3,
  difficultyReason: 'A 1^infinity form: take logarithms and use ln(1 + u) ~ u.',
  estimatedMinutes: 6,
  techniques: ['limits of sequences', 'logarithms', "L'Hopital"],
  params: (d) => ({ a: d.nonzero(-3, 3), b: d.int(1, 3), c: d.int(1, 2) }),
  build: ({ a, b, c }): VariantDraft => {
    const an = `(1 + ${a}/${c === 1 ? 'n' : `(${c}n)`})^(${term(b, 'n')})`;
    const value = `e^(${frac(a * b, c)})`;
    return {
      text: `Determine whether the sequence $a_n = ${math(an)}$ converges. If it converges, find its limit.`,
      solution: [
        `$\\ln a_n = ${b}n\\ln\\left(1 + \\frac{${a}}{${c === 1 ? '' : c}n}\\right)$, an $\\infty\\cdot 0$ form.`,
        `Since $\\ln(1 + u) \\sim u$, $\\ln a_n \\to ${b}\\cdot\\frac{${a}}{${c}} = ${math(frac(a * b, c))}$.`,
        `So $a_n \\to ${math(value)}$.`,
      ],
      answer: { kind: 'number', value },
      mistakes: [
        { value: '1', mistake: 'took 1^infinity to be 1' },
        { value: `e^(${frac(a, c)})`, mistake: `forgot the factor ${b} in the exponent` },
        { value: `e^(${a * b})`, mistake: `forgot the ${c} in the denominator` },
        { value: `e^(${frac(a * c, b)})`, mistake: 'inverted the ratio in the exponent' },
      ].filter(
        (m, i, all) =>
          at(m.value, {}) !== at(value, {}) && all.findIndex((o) => at(o.value, {}) === at(m.value, {})) === i,
      ),
    };
  },
  verify: ({ a, b, c }, draft) => numberIs(draft.answer.value, Math.exp(b * 1e7 * Math.log1p(a / (c * 1e7))), 1e-5),
});

export const recursiveMonotone = defineGenerator({
  patternId: 'calc2-sequences-recursive-monotone',
  difficulty: 3,
  difficultyReason: 'Show monotone and bounded, then solve L = f(L) and discard the negative root.',
  estimatedMinutes: 8,
  techniques: ['monotone convergence theorem', 'fixed points', 'induction'],
  params: (d) => {
    const L = d.int(2, 7);
    return { L, p: d.int(1, L - 1), a1: d.int(1, L - 1) };
  },
  build: ({ L, p, a1 }): VariantDraft => {
    const q = L * L - p * L;
    return {
      text: `A sequence is defined by $a_1 = ${a1}$ and $a_{n+1} = \\sqrt{${p === 1 ? '' : p}a_n + ${q}}$ for $n \\ge 1$. Show that it converges and find $\\displaystyle\\lim_{n\\to\\infty} a_n$.`,
      solution: [
        `By induction $a_n < ${L}$ and $a_{n+1} > a_n$ (the sequence increases and is bounded above), so it converges to some $L \\ge ${a1}$.`,
        `Passing to the limit: $L = \\sqrt{${p}L + ${q}}$, so $L^2 - ${p}L - ${q} = 0$, i.e. $(L - ${L})(L + ${q / L}) = 0$.`,
        `The limit is positive: $L = ${L}$.`,
      ],
      answer: { kind: 'number', value: String(L) },
      mistakes: [
        { value: String(-q / L), mistake: 'kept the negative root of the quadratic' },
        {
          value: String(Math.sqrt(q) % 1 === 0 ? Math.sqrt(q) + 0.5 : Math.round(Math.sqrt(q) * 1000) / 1000),
          mistake: `solved L = sqrt(${q}), dropping the ${p}L term`,
        },
        { value: `sqrt(${p * a1 + q})`, mistake: 'gave a_2 instead of the limit' },
      ],
    };
  },
  verify: ({ p, L, a1 }, draft) => {
    let a = a1;
    for (let i = 0; i < 500; i++) a = Math.sqrt(p * a + (L * L - p * L));
    return numberIs(draft.answer.value, a, 1e-9);
  },
});

export const squeeze = defineGenerator({
  patternId: 'calc2-sequences-squeeze',
  difficulty: 2,
  difficultyReason: 'Factor out the largest base and squeeze the rest between 1 and a constant to the power 1/n.',
  estimatedMinutes: 5,
  techniques: ['squeeze theorem', 'limits of sequences'],
  params: (d) => {
    const [a, b] = d.distinct(2, 2, 9);
    return { a: a!, b: b!, c: d.int(1, 3) };
  },
  build: ({ a, b, c }): VariantDraft => {
    const M = Math.max(a, b);
    const an = `(${term(c, `${a}^n`)} + ${b}^n)^(1/n)`;
    return {
      text: `Find $\\displaystyle\\lim_{n\\to\\infty} ${math(an)}$.`,
      solution: [
        `Factor out $${M}^n$: the sequence is $${M}\\left(\\ldots\\right)^{1/n}$ with the bracket between $1$ and $${c + 1}$.`,
        `Since $1^{1/n} = 1$ and $${c + 1}^{1/n} \\to 1$, the squeeze theorem gives the limit of the bracket to the power $1/n$: $1$.`,
        `So the limit is $${M}$.`,
      ],
      answer: { kind: 'number', value: String(M) },
      mistakes: [
        { value: String(a + b), mistake: 'took the n-th root term by term' },
        { value: String(Math.min(a, b)), mistake: 'factored out the smaller base' },
        { value: '1', mistake: 'assumed anything to the power 1/n tends to 1' },
      ],
    };
  },
  verify: ({ a, b, c }, draft) => {
    const n = 3000;
    const M = Math.max(a, b);
    const v = M * (c * (a / M) ** n + (b / M) ** n) ** (1 / n);
    return numberIs(draft.answer.value, v, 1e-3);
  },
});

/** Verdict forms for ratio/root-type series, with whether they converge. */
const ratioForms = [
  { term: (c: number, p: number) => `n^${p}/${c}^n`, conv: (c: number) => c > 1 },
  { term: (c: number, p: number) => `${c}^n/n^${p}`, conv: (_c: number) => false },
  { term: (c: number, _p: number) => `${c}^n/factorial(n)`, conv: () => true },
  { term: (c: number, p: number) => `factorial(n)/(${c}^n*n^${p})`, conv: () => false },
];

export const ratioRoot = defineGenerator({
  patternId: 'calc2-series-tests-ratio-root',
  difficulty: 3,
  difficultyReason: 'Factorials and exponentials call for the ratio test; the limit of the ratio decides.',
  estimatedMinutes: 6,
  techniques: ['ratio test', 'root test'],
  params: (d) => ({ form: d.int(0, 3), c: d.int(2, 9), p: d.int(1, 5) }),
  build: ({ form, c, p }): VariantDraft => {
    const f = ratioForms[form]!;
    const t = f.term(c, p);
    const verdict = f.conv(c) ? 'converges' : 'diverges';
    const limit = form === 0 ? `\\frac{1}{${c}}` : form === 1 ? `${c}` : form === 2 ? '0' : '\\infty';
    return {
      text: `Determine whether the series $\\displaystyle\\sum_{n=1}^{\\infty} ${math(t).replace(/n!/g, 'n!')}$ converges or diverges.`,
      solution: [
        'Apply the ratio test: compute $\\lim_{n\\to\\infty} \\left|\\frac{a_{n+1}}{a_n}\\right|$.',
        `The ratio tends to $${limit}$, which is ${verdict === 'converges' ? 'less than 1' : 'greater than 1'}.`,
        `So the series ${verdict}.`,
      ],
      answer: { kind: 'convergence', value: verdict },
      mistakes: [
        { value: verdict === 'converges' ? 'diverges' : 'converges', mistake: 'inverted the ratio a_n / a_(n+1)' },
      ],
    };
  },
  verify: ({ form, c, p }, draft) => {
    const t = ratioForms[form]!.term(c, p);
    const r = at(t, { n: 61 }) / at(t, { n: 60 });
    return r < 1 === (draft.answer.value === 'converges') ? undefined : `ratio at n = 60 is ${r}`;
  },
});

export const comparisonSeries = defineGenerator({
  patternId: 'calc2-series-tests-comparison',
  difficulty: 3,
  difficultyReason: 'Keep the dominant powers, compare with a p-series by limit comparison.',
  estimatedMinutes: 6,
  techniques: ['limit comparison test', 'p-series'],
  params: (d) => ({ m: d.int(0, 2), n: d.int(1, 9), c: d.int(1, 5), k: d.int(1, 5) }),
  build: ({ m, n, c, k }): VariantDraft => {
    const an = `(${sum(m === 0 ? '1' : m === 1 ? 'n' : `n^${m}`, term(c))})/sqrt(${sum(`n^${n}`, term(k))})`;
    const power = n / 2 - m;
    const verdict = power > 1 ? 'converges' : 'diverges';
    return {
      text: `Determine whether the series $\\displaystyle\\sum_{n=1}^{\\infty} ${math(an)}$ converges or diverges.`,
      solution: [
        `For large $n$, $a_n \\approx \\frac{n^{${m}}}{n^{${n}/2}} = \\frac{1}{n^{${power}}}$.`,
        `Limit comparison with $\\sum \\frac{1}{n^{${power}}}$: the ratio tends to 1, and that p-series ${verdict} ($p = ${power}$).`,
        `So the series ${verdict}.`,
      ],
      answer: { kind: 'convergence', value: verdict },
      mistakes: [
        { value: verdict === 'converges' ? 'diverges' : 'converges', mistake: 'misapplied the p-series threshold' },
      ],
    };
  },
  verify: ({ m, n, c, k }, draft) =>
    seriesConvergesAbsolutely(`(n^${m} + ${c})/sqrt(n^${n} + ${k})`) === (draft.answer.value === 'converges')
      ? undefined
      : 'partial sums disagree with the verdict',
});

export const absoluteConditional = defineGenerator({
  patternId: 'calc2-series-tests-absolute-conditional',
  difficulty: 3,
  difficultyReason: 'Test the absolute values with the p-test first, then the alternating series test.',
  estimatedMinutes: 6,
  techniques: ['alternating series test', 'absolute convergence', 'p-series'],
  params: (d) => ({ p: d.pick(['1/3', '1/2', '2/3', '3/4', '1', '3/2', '2', '3']), c: d.int(0, 4) }),
  build: ({ p, c }): VariantDraft => {
    const pv = at(String(p), {});
    const an = `(-1)^n/(n^(${p})${c ? ` + ${c}` : ''})`;
    const verdict = pv > 1 ? 'converges absolutely' : 'converges conditionally';
    return {
      text: `Determine whether the series $\\displaystyle\\sum_{n=1}^{\\infty} ${math(an)}$ converges absolutely, converges conditionally, or diverges.`,
      solution: [
        `The absolute values behave like $\\frac{1}{n^{${p}}}$: ${pv > 1 ? 'a convergent p-series' : 'a divergent p-series'}, by limit comparison.`,
        pv > 1
          ? 'So the series converges absolutely.'
          : 'The terms decrease to 0, so the alternating series test gives convergence.',
        `Answer: the series ${verdict}.`,
      ],
      answer: { kind: 'convergence', value: verdict },
      mistakes: [
        {
          value: pv > 1 ? 'converges conditionally' : 'converges absolutely',
          mistake: 'misapplied the p-test to the absolute values',
        },
        { value: 'diverges', mistake: 'took the divergence of the absolute values for divergence of the series' },
      ],
    };
  },
  verify: ({ p, c }, draft) => {
    const abs = `1/(n^(${p}) + ${c})`;
    const absolutely = seriesConvergesAbsolutely(abs);
    const expected = absolutely ? 'converges absolutely' : 'converges conditionally';
    return expected === draft.answer.value && at(abs, { n: 1e6 }) < at(abs, { n: 1e3 })
      ? undefined
      : 'verdict disagrees';
  },
});

export const intervalOfConvergence = defineGenerator({
  patternId: 'calc2-power-series-interval-of-convergence',
  difficulty: 3,
  difficultyReason: 'The ratio test gives the radius; each endpoint is a separate series test.',
  estimatedMinutes: 8,
  techniques: ['ratio test', 'interval of convergence', 'endpoint tests'],
  params: (d) => ({ form: d.int(0, 3), a: d.int(-3, 3), b: d.int(2, 5) }),
  build: ({ form, a, b }): VariantDraft => {
    const xa = sum('x', term(-a));
    const [lo, hi] = [a - b, a + b];
    const forms = [
      {
        t: `(${xa})^n/(n*${b}^n)`,
        v: `[${lo}, ${hi})`,
        why: 'at the left end the alternating harmonic series converges, at the right end the harmonic series diverges',
      },
      { t: `(${xa})^n/(n^2*${b}^n)`, v: `[${lo}, ${hi}]`, why: 'at both ends the series converges absolutely (p = 2)' },
      { t: `(${xa})^n/${b}^n`, v: `(${lo}, ${hi})`, why: 'at both ends the terms do not tend to 0' },
      {
        t: `(-1)^n*(${xa})^n/(n*${b}^n)`,
        v: `(${lo}, ${hi}]`,
        why: 'at the right end the alternating harmonic series converges, at the left end the harmonic series diverges',
      },
    ];
    const f = forms[form]!;
    return {
      text: `Find the interval of convergence of the power series $\\displaystyle\\sum_{n=1}^{\\infty} ${math(f.t)}$.`,
      solution: [
        `Ratio test: $\\left|\\frac{a_{n+1}}{a_n}\\right| \\to \\frac{|${math(xa)}|}{${b}}$, so the radius is $${b}$ around $${a}$.`,
        `Endpoints $x = ${lo}$ and $x = ${hi}$: ${f.why}.`,
        `Interval of convergence: $${f.v}$.`,
      ],
      answer: { kind: 'interval', value: f.v },
      mistakes: forms
        .filter((_, i) => i !== form)
        .map((g) => ({ value: g.v, mistake: 'misjudged an endpoint of the interval' })),
    };
  },
  verify: ({ form, a, b }, draft) => {
    // Numerically: inside converges, outside the terms grow; each endpoint by its own series.
    const terms = [
      (x: number) => `((${x - a})/${b})^n/n`,
      (x: number) => `((${x - a})/${b})^n/n^2`,
      (x: number) => `((${x - a})/${b})^n`,
      (x: number) => `(-1)^n*((${x - a})/${b})^n/n`,
    ];
    const t = terms[form]!;
    const endpoint = (x: number) => {
      const s1 = partialSum(t(x), 1, 2000);
      const s2 = partialSum(t(x), 2000, 4000);
      return Math.abs(s2) < 0.05 && Number.isFinite(s1) && Math.abs(at(t(x), { n: 4000 })) < 1e-2;
    };
    const [lo, hi] = [a - b, a + b];
    const v = `${endpoint(lo) ? '[' : '('}${lo}, ${hi}${endpoint(hi) ? ']' : ')'}`;
    return v === draft.answer.value ? undefined : `endpoints say ${v}`;
  },
});

export const sumFromGeometric = defineGenerator({
  patternId: 'calc2-power-series-sum-from-geometric',
  difficulty: 3,
  difficultyReason: 'Differentiate or integrate the geometric series term by term, then evaluate at the given x.',
  estimatedMinutes: 7,
  techniques: ['geometric series', 'term-by-term differentiation', 'term-by-term integration'],
  params: (d) => ({ form: d.int(0, 1), p: d.nonzero(-3, 3), q: d.int(4, 7) }),
  build: ({ form, p, q }): VariantDraft => {
    const x = `${p}/${q}`;
    if (form === 0) {
      // Σ n x^n = x/(1 − x)^2.
      const value = term(p * q, '', (q - p) ** 2);
      const t = `n*(${x})^n`;
      return {
        text: `Starting from $\\frac{1}{1 - x} = \\sum_{n=0}^{\\infty} x^n$ for $|x| < 1$, find the exact sum $\\displaystyle\\sum_{n=1}^{\\infty} ${math(t)}$.`,
        solution: [
          'Differentiate: $\\frac{1}{(1 - x)^2} = \\sum_{n=1}^{\\infty} n x^{n-1}$, and multiply by $x$: $\\sum n x^n = \\frac{x}{(1 - x)^2}$.',
          `At $x = ${math(x)}$ (inside the interval of convergence): $\\frac{${math(x)}}{(1 - ${math(x)})^2}$.`,
          `So the sum is $${math(value)}$.`,
        ],
        answer: { kind: 'number', value },
        mistakes: [
          { value: term(q * q, '', (q - p) ** 2), mistake: 'forgot to multiply by x after differentiating' },
          { value: term(p, '', q - p), mistake: 'summed the geometric series x/(1 - x) instead' },
          { value: term(p * q * q, '', (q - p) ** 3), mistake: 'differentiated twice' },
        ],
      };
    }
    // Σ x^n / n = −ln(1 − x).
    const value = `ln(${q}/${q - p})`;
    const t = `(${x})^n/n`;
    return {
      text: `Use the power series of $-\\ln(1 - x)$, obtained by integrating $\\frac{1}{1 - x} = \\sum_{n=0}^\\infty x^n$ term by term, to find the exact sum $\\displaystyle\\sum_{n=1}^{\\infty} ${math(t)}$.`,
      solution: [
        'Integrate from 0 to $x$: $-\\ln(1 - x) = \\sum_{n=1}^{\\infty} \\frac{x^n}{n}$ for $|x| < 1$.',
        `At $x = ${math(x)}$: $-\\ln\\left(1 - ${math(x)}\\right) = \\ln\\frac{${q}}{${q - p}}$.`,
        `So the sum is $${math(value)}$.`,
      ],
      answer: { kind: 'number', value },
      mistakes: [
        { value: `ln(${q - p}/${q})`, mistake: 'dropped the minus sign of -ln(1 - x)' },
        { value: `ln(${q + p}/${q})`, mistake: 'used ln(1 + x) instead of -ln(1 - x)' },
        { value: term(p, '', q - p), mistake: 'summed the geometric series instead' },
      ],
    };
  },
  // Partial sums of the series as printed (|x| <= 3/4: 400 terms leave less than 1e-40).
  verify: ({ form, p, q }, draft) =>
    numberIs(draft.answer.value, partialSum(form === 0 ? `n*(${p}/${q})^n` : `(${p}/${q})^n/n`, 1, 400), 1e-9),
});

export const derivativeFromSeries = defineGenerator({
  patternId: 'calc2-taylor-series-derivative-from-known-series',
  difficulty: 3,
  difficultyReason: 'Read the coefficient of x^N from the known series and multiply by N!.',
  estimatedMinutes: 6,
  techniques: ['Maclaurin series', 'coefficients and derivatives'],
  params: (d) => ({ m: d.int(1, 3), c: d.nonzero(-3, 3), j: d.int(2, 5) }),
  build: ({ m, c, j }): VariantDraft => {
    const N = m + j;
    // x^m e^{cx} = Σ c^k x^{k+m}/k!: the coefficient of x^N is c^j/j!, so f^(N)(0) = N! c^j / j!.
    const value = String((factorial(N) * c ** j) / factorial(j));
    const fx = `x^${m}*e^(${term(c, 'x')})`;
    return {
      text: `Let $f(x) = ${math(fx)}$. Use the Maclaurin series of $f$ to find $f^{(${N})}(0)$.`,
      solution: [
        `$e^{${c}x} = \\sum_{k=0}^{\\infty} \\frac{(${c})^k x^k}{k!}$, so $f(x) = \\sum_{k=0}^{\\infty} \\frac{(${c})^k x^{k+${m}}}{k!}$.`,
        `The coefficient of $x^{${N}}$ (at $k = ${j}$) is $\\frac{(${c})^{${j}}}{${j}!}$, and $f^{(${N})}(0) = ${N}!\\cdot$ that coefficient.`,
        `So $f^{(${N})}(0) = ${value}$.`,
      ],
      answer: { kind: 'number', value },
      mistakes: [
        { value: String(c ** j / factorial(j)), mistake: 'gave the coefficient without multiplying by N!' },
        { value: String((factorial(N) * c ** N) / factorial(N)), mistake: `ignored the factor x^${m} (took k = N)` },
        {
          value: String((factorial(N) * c ** (j - 1)) / factorial(j - 1)),
          mistake: 'picked the coefficient at the wrong index (k = N - m - 1)',
        },
      ],
    };
  },
  // Cauchy's formula on a circle of radius 1: f^(N)(0) = N!/(2π) ∫ f(e^{iθ}) e^{−iNθ} dθ, computed numerically.
  verify: ({ m, c, j }, draft) => {
    const N = m + j;
    const K = 256;
    let re = 0;
    for (let i = 0; i < K; i++) {
      const th = (2 * Math.PI * i) / K;
      const [cr, ci] = [Math.cos(th), Math.sin(th)];
      const mag = Math.exp(c * cr);
      const ang = c * ci + m * th - N * th;
      re += mag * Math.cos(ang);
    }
    return numberIs(draft.answer.value, (factorial(N) * re) / K, 1e-8);
  },
});

export const sumViaKnownSeries = defineGenerator({
  patternId: 'calc2-taylor-series-sum-via-known-series',
  difficulty: 3,
  difficultyReason: 'Recognise the series of ln(1 + x) or arctan x evaluated at a specific x.',
  estimatedMinutes: 6,
  techniques: ['Maclaurin series', 'recognising known series'],
  params: (d) => ({ form: d.int(0, 1), p: d.int(1, 3), q: d.int(2, 7) }),
  build: ({ form, p, q }): VariantDraft => {
    const x = `${p}/${q + p}`;
    if (form === 0) {
      const t = `(-1)^(n+1)*(${p}/${q + p})^n/n`;
      const value = `ln(${q + 2 * p}/${q + p})`;
      return {
        text: `Find the exact sum of the series $\\displaystyle\\sum_{n=1}^{\\infty} ${math(t)}$.`,
        solution: [
          '$\\ln(1 + x) = \\sum_{n=1}^{\\infty} \\frac{(-1)^{n+1} x^n}{n}$ for $-1 < x \\le 1$.',
          `The series is this at $x = ${math(x)}$.`,
          `So the sum is $\\ln\\left(1 + ${math(x)}\\right) = ${math(value)}$.`,
        ],
        answer: { kind: 'number', value },
        mistakes: [
          { value: `ln(${q + p}/${q})`, mistake: 'used -ln(1 - x) (forgot the alternating sign)' },
          { value: `-ln(${q + 2 * p}/${q + p})`, mistake: 'sign error: used (-1)^n instead of (-1)^(n+1)' },
          { value: `e^(${x}) - 1`, mistake: 'confused the series with that of e^x - 1' },
        ],
      };
    }
    const t = `(-1)^n*(${p}/${q + p})^(2n+1)/(2n+1)`;
    const value = `arctan(${x})`;
    return {
      text: `Find the exact sum of the series $\\displaystyle\\sum_{n=0}^{\\infty} ${math(t)}$.`,
      solution: [
        '$\\arctan x = \\sum_{n=0}^{\\infty} \\frac{(-1)^n x^{2n+1}}{2n+1}$ for $|x| \\le 1$.',
        `The series is this at $x = ${math(x)}$.`,
        `So the sum is $${math(value)}$.`,
      ],
      answer: { kind: 'number', value },
      mistakes: [
        { value: `sin(${x})`, mistake: 'confused the series with that of sin x (odd powers, but factorials)' },
        { value: `ln(1 + ${x})`, mistake: 'confused the series with that of ln(1 + x)' },
        { value: `-arctan(${x})`, mistake: 'sign error in the alternating factor' },
      ],
    };
  },
  verify: (params, draft) => numberIs(draft.answer.value, knownSeriesSum(params), 1e-9),
});

// Used by sumViaKnownSeries: partial sums of the printed series (|x| <= 3/5: 300 terms are plenty).
function knownSeriesSum({ form, p, q }: { form: number; p: number; q: number }): number {
  return form === 0
    ? partialSum(`(-1)^(n+1)*(${p}/${q + p})^n/n`, 1, 300)
    : partialSum(`(-1)^n*(${p}/${q + p})^(2n+1)/(2n+1)`, 0, 300);
}

const limitForms = [
  {
    f: (a: number) => `(cos(${a}x) - 1 + ${a * a}x^2/2)/x^4`,
    v: (a: number) => term(a ** 4, '', 24),
    series: 'cos u = 1 - u^2/2 + u^4/24 - ...',
  },
  {
    f: (a: number) => `(sin(${a}x) - ${a}x)/x^3`,
    v: (a: number) => term(-(a ** 3), '', 6),
    series: 'sin u = u - u^3/6 + ...',
  },
  {
    f: (a: number) => `(e^(${a}x) - 1 - ${a}x)/x^2`,
    v: (a: number) => term(a * a, '', 2),
    series: 'e^u = 1 + u + u^2/2 + ...',
  },
  {
    f: (a: number) => `(ln(1 + ${a}x) - ${a}x)/x^2`,
    v: (a: number) => term(-a * a, '', 2),
    series: 'ln(1 + u) = u - u^2/2 + ...',
  },
];

export const limitViaSeries = defineGenerator({
  patternId: 'calc2-taylor-series-limit-via-series',
  difficulty: 3,
  difficultyReason: 'Expand to the first term that survives the cancellation and divide.',
  estimatedMinutes: 6,
  techniques: ['Maclaurin series', 'limits'],
  params: (d) => ({ form: d.int(0, 3), a: d.int(1, 6) }),
  build: ({ form, a }): VariantDraft => {
    const L = limitForms[form]!;
    const value = L.v(a);
    const n = at(value, {});
    return {
      text: `Use Maclaurin series to evaluate $\\displaystyle\\lim_{x \\to 0} ${math(L.f(a))}$.`,
      solution: [
        `Use $${L.series}$ with $u = ${a}x$.`,
        "The terms up to the denominator's power cancel; the next term of the series gives the limit.",
        `So the limit is $${math(value)}$.`,
      ],
      answer: { kind: 'number', value },
      mistakes: [
        { value: String(-n), mistake: 'sign error in the surviving term' },
        {
          value:
            term(1, '', Math.round((1 / Math.abs(n)) * a ** (form === 0 ? 4 : form === 1 ? 3 : 2)) || 1) === value
              ? String(2 * n)
              : term(Math.sign(n), '', Math.round(a ** (form === 0 ? 4 : form === 1 ? 3 : 2) / Math.abs(n))),
          mistake: `forgot the power of ${a} from u = ${a}x`,
        },
        { value: '0', mistake: 'stopped the expansion one term too early' },
      ].filter((m) => m.value !== value),
    };
  },
  verify: ({ form, a }, draft) => numberIs(draft.answer.value, limitAtZero(limitForms[form]!.f(a)), 1e-4),
});

export const generators = [
  infiniteInterval,
  unboundedIntegrand,
  comparisonTestIntegral,
  parameterValues,
  indeterminateLimit,
  recursiveMonotone,
  squeeze,
  ratioRoot,
  comparisonSeries,
  absoluteConditional,
  intervalOfConvergence,
  sumFromGeometric,
  derivativeFromSeries,
  sumViaKnownSeries,
  limitViaSeries,
];
