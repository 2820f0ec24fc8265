import { frac, sum, term } from '../format.js';
import { defineGenerator, type VariantDraft } from '../generator.js';
import { distinctMistakes, math, numberIs } from './common.js';
import { at, close, derivativeAt, mulR, rat, ratText, solveOde } from './numeric.js';

/** The right-hand side of `y = ...`. */
const rhs = (equation: string) => equation.slice(equation.indexOf('=') + 1).trim();
const eq = (plain: string) => `y = ${plain}`;
/** LaTeX of `y = ...` (mathjs would read the equation as an assignment). */
const eqLatex = (plain: string) => `y = ${math(plain)}`;

/**
 * Whether `y = solution` solves y' = slope(x, y) with y(x0) = y0: the initial value, and the equation's residual at
 * points of the domain (the derivative by central differences), plus an RK4 solve from the initial point.
 */
function solvesIvp(solution: string, slope: string, x0: number, y0: number, points: number[]): string | undefined {
  if (!close(at(solution, { x: x0 }), y0, 1e-9)) return `y(${x0}) is ${at(solution, { x: x0 })}, not ${y0}`;
  for (const x of points) {
    const y = at(solution, { x });
    const residual = derivativeAt(solution, 'x', { x }) - at(slope, { x, y });
    if (!close(residual, 0, 1e-5 * Math.max(1, Math.abs(y)))) return `the equation fails at x = ${x}`;
  }
  const end = points[points.length - 1]!;
  const rk4 = solveOde(slope, x0, y0, end, 400, 'x', 'y');
  return close(rk4, at(solution, { x: end }), 1e-6) ? undefined : `RK4 gives ${rk4} at x = ${end}`;
}

export const separableIvp = defineGenerator({
  patternId: 'calc2-differential-equations-separable-ivp',
  difficulty: 2,
  difficultyReason: 'Separate, integrate both sides, use the initial condition for the constant, solve for y.',
  estimatedMinutes: 7,
  techniques: ['separation of variables', 'initial conditions'],
  params: (d) => ({ form: d.pick(['exp', 'sqrt']), k: d.nonzero(-3, 3), n: d.int(0, 2), y0: d.nonzero(-3, 4) }),
  build: ({ form, k, n, y0 }): VariantDraft => {
    const m = n + 1;
    const power = m === 1 ? 'x' : `x^${m}`;
    if (form === 'exp') {
      // dy/dx = k x^n y: ln|y| = k x^(n+1)/(n+1) + C, y = y0 e^(k x^(n+1)/(n+1)).
      const exponent = term(k, power, m);
      const value = term(y0, `e^(${exponent})`);
      const rate = term(k, n === 0 ? 'y' : n === 1 ? 'x*y' : `x^${n}*y`);
      return {
        text: `Solve the initial-value problem $\\dfrac{dy}{dx} = ${math(rate)}$, $y(0) = ${y0}$. Give $y$ explicitly as a function of $x$.`,
        solution: [
          `Separate: $\\dfrac{dy}{y} = ${math(term(k, n === 0 ? '1' : n === 1 ? 'x' : `x^${n}`).replace(/\*1$/, ''))}\\,dx$, so $\\ln|y| = ${math(exponent)} + C$.`,
          `Exponentiating, $y = Ae^{${math(exponent)}}$ with $A = \\pm e^{C}$; $y(0) = A = ${y0}$.`,
          `So $${eqLatex(value)}$.`,
        ],
        answer: { kind: 'equation', value: eq(value), vars: ['x', 'y'], domain: { x: [-1, 1] } },
        mistakes: [
          {
            value: eq(sum(`e^(${exponent})`, term(y0 - 1))),
            mistake: 'added the constant after exponentiating: e^(F + C) is A e^F, not e^F + C',
          },
          { value: eq(term(y0, `e^(${term(k, power)})`)), mistake: `forgot to divide by ${m} when integrating x^${n}` },
          { value: eq(term(y0, `e^(${term(-k, power, m)})`)), mistake: 'sign error when integrating' },
        ].filter((w, i, all) => w.value !== eq(value) && all.findIndex((o) => o.value === w.value) === i),
      };
    }
    // dy/dx = k' x^n / y with k' = |k|, y(0) = y0 > 0: y^2/2 = k' x^(n+1)/(n+1) + C, y = sqrt(2k' x^(n+1)/(n+1) + y0^2).
    const p = Math.abs(k);
    const start = Math.abs(y0);
    const value = `sqrt(${sum(term(2 * p, power, m), term(start * start))})`;
    const rate = term(p, n === 0 ? '1/y' : n === 1 ? 'x/y' : `x^${n}/y`);
    return {
      text: `Solve the initial-value problem $\\dfrac{dy}{dx} = ${math(rate)}$, $y(0) = ${start}$, for $x \\ge 0$. Give $y$ explicitly as a function of $x$.`,
      solution: [
        `Separate: $y\\,dy = ${math(term(p, n === 0 ? '1' : n === 1 ? 'x' : `x^${n}`).replace(/\*1$/, ''))}\\,dx$, so $\\frac{y^2}{2} = ${math(term(p, power, m))} + C$.`,
        `$y(0) = ${start}$ gives $C = ${math(frac(start * start, 2))}$, so $y^2 = ${math(sum(term(2 * p, power, m), term(start * start)))}$.`,
        `The branch through $y(0) = ${start} > 0$ is the positive root: $${eqLatex(value)}$.`,
      ],
      answer: { kind: 'equation', value: eq(value), vars: ['x', 'y'], domain: { x: [0, 2] } },
      mistakes: [
        {
          value: eq(`sqrt(${sum(term(p, power, m), term(start * start))})`),
          mistake: 'forgot the factor 2 when solving y^2/2 = ... for y^2',
        },
        { value: eq(`-${value}`), mistake: 'took the negative root, which does not pass through the initial point' },
        {
          value: eq(sum(`sqrt(${term(2 * p, power, m)})`, term(start))),
          mistake: 'added the initial value after taking the square root',
        },
      ],
    };
  },
  verify: ({ form, k, n, y0 }, draft) => {
    const solution = rhs(draft.answer.value);
    if (form === 'exp') return solvesIvp(solution, `${k}*x^${n}*y`, 0, y0, [-0.7, -0.3, 0.4, 0.8]);
    return solvesIvp(solution, `${Math.abs(k)}*x^${n}/y`, 0, Math.abs(y0), [0.3, 0.9, 1.6]);
  },
});

export const linearIntegratingFactor = defineGenerator({
  patternId: 'calc2-differential-equations-linear-integrating-factor',
  difficulty: 3,
  difficultyReason: 'Standard form first, integrating factor x^k, and the constant divided by the factor too.',
  estimatedMinutes: 8,
  techniques: ['integrating factor', 'first-order linear equations'],
  params: (d) => ({ k: d.int(1, 3), m: d.int(1, 2), c0: d.nonzero(-2, 3), y1: d.int(-2, 4) }),
  build: ({ k, m, c0, y1 }): VariantDraft => {
    // x y' + k y = c x^m with c = (m + k) c0: (x^k y)' = c x^(m+k-1), y = c0 x^m + C/x^k, C = y1 - c0.
    const c = (m + k) * c0;
    const C = y1 - c0;
    if (C === 0) throw new Error('the homogeneous part vanishes');
    const xm = m === 1 ? 'x' : `x^${m}`;
    const xk = k === 1 ? 'x' : `x^${k}`;
    const value = sum(term(c0, xm), `${C}/${xk}`);
    const lhs = `x\\dfrac{dy}{dx} + ${k === 1 ? '' : k}y`;
    return {
      text: `Solve the initial-value problem $${lhs} = ${math(term(c, xm))}$, $y(1) = ${y1}$, for $x > 0$.`,
      solution: [
        `Standard form: $y' + \\frac{${k}}{x}y = ${math(term(c, m === 1 ? '1' : m === 2 ? 'x' : `x^${m - 1}`).replace(/\*1$/, ''))}$, with integrating factor $\\mu = e^{\\int ${k}/x\\,dx} = ${math(xk)}$.`,
        `$(${math(xk)}\\,y)' = ${math(term(c, `x^${m + k - 1}`))}$, so $${math(xk)}\\,y = ${math(term(c0, `x^${m + k}`))} + C$ and $y = ${math(term(c0, xm))} + \\frac{C}{${math(xk)}}$.`,
        `$y(1) = ${c0} + C = ${y1}$ gives $C = ${C}$: $${eqLatex(value)}$.`,
      ],
      answer: { kind: 'equation', value: eq(value), vars: ['x', 'y'], domain: { x: [0.5, 3] } },
      mistakes: [
        {
          value: eq(sum(term(c0, xm), term(C))),
          mistake: 'added the constant after dividing by the integrating factor',
        },
        {
          value: eq(y1 === 0 ? term(c0, xm) : sum(term(c0, xm), `${y1}/${xk}`)),
          mistake: 'took C = y(1), forgetting the particular part at x = 1',
        },
        {
          value: eq(sum(term(c, xm), `${y1 - c}/${xk}`)),
          mistake: `forgot to divide by ${m + k} when integrating x^${m + k - 1}`,
        },
      ].filter((w, i, all) => w.value !== eq(value) && all.findIndex((o) => o.value === w.value) === i),
    };
  },
  verify: ({ k, m, c0, y1 }, draft) =>
    solvesIvp(rhs(draft.answer.value), `(${(m + k) * c0}*x^${m} - ${k}*y)/x`, 1, y1, [0.6, 1.5, 2.5]),
});

export const mixingTank = defineGenerator({
  patternId: 'calc2-differential-equations-mixing-application',
  difficulty: 3,
  difficultyReason:
    'Rate in minus rate out with the concentration A/V, then a linear (or separable) equation and its value.',
  estimatedMinutes: 8,
  techniques: ['modelling', 'first-order linear equations'],
  params: (d) => ({
    V: d.pick([50, 100, 200]),
    r: d.pick([2, 5, 10]),
    c: d.pick(['1/2', '1/5', '1/10', '1', '2']),
    A0: d.pick([0, 5, 10]),
    j: d.pick([1, 2]),
  }),
  build: ({ V, r, c, A0, j }): VariantDraft => {
    const [cn, cd] = c.split('/').map(Number) as [number, number | undefined];
    const limit = (V * cn) / (cd ?? 1);
    const T = (j * V) / r;
    // A(t) = cV + (A0 - cV) e^(-r t / V); at t = T the exponent is -j.
    const value = sum(term(limit), term(A0 - limit, `e^(-${j})`));
    const water = A0 === 0 ? 'pure water' : `water with ${A0} kg of dissolved salt`;
    return {
      text: `A tank initially contains ${V} L of ${water}. Brine containing ${c} kg of salt per litre flows in at ${r} L/min, and the well-mixed solution drains out at ${r} L/min. How many kilograms of salt are in the tank after ${T} minutes?`,
      solution: [
        `The volume stays ${V} L. Salt enters at $${math(c)}\\cdot ${r} = ${math(frac(r * cn, cd ?? 1))}$ kg/min and leaves at $\\frac{A}{${V}}\\cdot ${r}$: $\\dfrac{dA}{dt} = ${math(frac(r * cn, cd ?? 1))} - ${math(frac(r, V))}A$, $A(0) = ${A0}$.`,
        `The solution is $A(t) = ${limit} ${A0 - limit < 0 ? '-' : '+'} ${Math.abs(A0 - limit)}e^{-${math(frac(r, V))}t}$ (it tends to the inflow's concentration times the volume, ${limit} kg).`,
        `At $t = ${T}$: $A = ${math(value)}$ kg.`,
      ],
      answer: { kind: 'number', value },
      mistakes: distinctMistakes(value, [
        { value: String(limit), mistake: 'gave the long-run amount instead of the amount at that time' },
        { value: term(limit, `(1 - e^(-${j}))`), mistake: 'ignored the salt initially in the tank' },
        { value: sum(term(limit), term(limit - A0, `e^(-${j})`)), mistake: 'sign error in the constant from A(0)' },
        { value: term(limit, `e^(-${j})`), mistake: 'solved dA/dt = -(r/V)A only, forgetting the inflow' },
      ]),
    };
  },
  verify: ({ V, r, c, A0, j }, draft) => {
    const [cn, cd] = c.split('/').map(Number) as [number, number | undefined];
    const T = (j * V) / r;
    return numberIs(draft.answer.value, solveOde(`${r * cn}/${cd ?? 1} - ${r}*y/${V}`, 0, A0, T, 400), 1e-7);
  },
});

export const parametricSecondDerivative = defineGenerator({
  patternId: 'calc2-parametric-polar-parametric-derivatives',
  difficulty: 3,
  difficultyReason: "d²y/dx² is the t-derivative of dy/dx divided by dx/dt again, not y''/x''.",
  estimatedMinutes: 7,
  techniques: ['parametric derivatives', 'quotient rule'],
  params: (d) => ({ a: d.int(-3, 3), b: d.int(-3, 3), t0: d.pick([-2, -1, 1, 2]) }),
  build: ({ a, b, t0 }): VariantDraft => {
    const D = 2 * t0 + a;
    if (D === 0) throw new Error('vertical tangent');
    // dy/dx = (3t^2 + b)/(2t + a); d/dt of it = (6t^2 + 6at - 2b)/(2t + a)^2; divide by 2t + a.
    const N = 6 * t0 * t0 + 6 * a * t0 - 2 * b;
    const value = frac(N, D ** 3);
    const x = sum('t^2', term(a, 't'));
    const y = sum('t^3', term(b, 't'));
    return {
      text: `For the curve $x = ${math(x)}$, $y = ${math(y)}$, find $\\dfrac{d^2y}{dx^2}$ at $t = ${t0}$.`,
      solution: [
        `$\\dfrac{dy}{dx} = \\dfrac{dy/dt}{dx/dt} = \\dfrac{${math(sum('3t^2', term(b)))}}{${math(sum('2t', term(a)))}}$.`,
        `$\\dfrac{d}{dt}\\left(\\dfrac{dy}{dx}\\right) = \\dfrac{6t(${math(sum('2t', term(a)))}) - 2(${math(sum('3t^2', term(b)))})}{(${math(sum('2t', term(a)))})^2} = \\dfrac{${math(sum('6t^2', term(6 * a, 't'), term(-2 * b)))}}{(${math(sum('2t', term(a)))})^2}$.`,
        `Divide by $dx/dt$ again: $\\dfrac{d^2y}{dx^2} = \\dfrac{${math(sum('6t^2', term(6 * a, 't'), term(-2 * b)))}}{(${math(sum('2t', term(a)))})^3}$, which at $t = ${t0}$ is $${math(value)}$.`,
      ],
      answer: { kind: 'number', value },
      mistakes: distinctMistakes(value, [
        { value: frac(N, D * D), mistake: 'forgot to divide by dx/dt a second time' },
        { value: String(3 * t0), mistake: "divided y''(t) by x''(t)" },
        { value: frac(3 * t0 * t0 + b, D), mistake: 'gave the slope dy/dx instead of the second derivative' },
      ]),
    };
  },
  verify: ({ a, b, t0 }, draft) => {
    // The curve as y(x) near the point: the second divided difference through three nearby points.
    const h = 1e-4;
    const pts = [-h, 0, h].map((s) => {
      const t = t0 + s;
      return [t * t + a * t, t ** 3 + b * t] as const;
    });
    const [[x0, y0], [x1, y1], [x2, y2]] = pts as unknown as [[number, number], [number, number], [number, number]];
    const second = (2 * ((y2 - y1) / (x2 - x1) - (y1 - y0) / (x1 - x0))) / (x2 - x0);
    return numberIs(draft.answer.value, second, 1e-4);
  },
});

export const polarArea = defineGenerator({
  patternId: 'calc2-parametric-polar-polar-area',
  difficulty: 2,
  difficultyReason: 'The interval of theta that traces the region once, then (1/2)∫ r² dθ with a half-angle identity.',
  estimatedMinutes: 7,
  techniques: ['polar area', 'half-angle identities'],
  params: (d) => ({
    form: d.pick(['petal', 'rose', 'cardioid']),
    a: d.int(1, 5),
    n: d.int(2, 5),
    f: d.pick(['cos', 'sin']),
  }),
  build: ({ form, a, n, f }): VariantDraft => {
    if (form === 'cardioid') {
      const r = `${a}*(1 + ${f}(theta))`;
      const value = ratText(rat(3 * a * a, 2), 'pi');
      return {
        text: `Find the area of the region enclosed by the cardioid $r = ${a === 1 ? '' : a}(1 + \\${f}\\theta)$.`,
        solution: [
          'The cardioid is traced once for $0 \\le \\theta \\le 2\\pi$.',
          `$A = \\frac{1}{2}\\int_0^{2\\pi} ${a * a}(1 + \\${f}\\theta)^2\\,d\\theta = \\frac{${a * a}}{2}\\int_0^{2\\pi}\\left(1 + 2\\${f}\\theta + \\${f}^2\\theta\\right)d\\theta = \\frac{${a * a}}{2}(2\\pi + \\pi)$.`,
          `$A = ${math(value)}$.`,
        ],
        answer: { kind: 'number', value },
        check: { type: 'definite-integral', integrand: `(${r})^2/2`, var: 'theta', from: '0', to: '2*pi' },
        mistakes: distinctMistakes(value, [
          { value: ratText(rat(3 * a * a), 'pi'), mistake: 'forgot the factor 1/2 of the polar area formula' },
          { value: ratText(rat(a * a), 'pi'), mistake: `dropped the ${f}^2 term, integrating (1 + 2${f}) only` },
          { value: ratText(rat(a), 'pi'), mistake: 'integrated r instead of r^2/2' },
        ]),
      };
    }
    const r = `${a}*${f}(${n}*theta)`;
    // One petal of r = a cos(n theta) spans |n theta| <= pi/2: area pi a^2/(4n); the rose has n petals (n odd) or 2n.
    const petals = n % 2 === 1 ? n : 2 * n;
    const one = rat(a * a, 4 * n);
    const exact = form === 'petal' ? one : mulR(one, rat(petals));
    const value = ratText(exact, 'pi');
    const [from, to] = f === 'cos' ? [`-pi/${2 * n}`, `pi/${2 * n}`] : ['0', `pi/${n}`];
    const span =
      f === 'cos'
        ? `-\\frac{\\pi}{${2 * n}} \\le \\theta \\le \\frac{\\pi}{${2 * n}}`
        : `0 \\le \\theta \\le \\frac{\\pi}{${n}}`;
    return {
      text:
        form === 'petal'
          ? `Find the area of one petal of the rose $r = ${a === 1 ? '' : a}\\${f}(${n}\\theta)$.`
          : `Find the total area enclosed by the rose $r = ${a === 1 ? '' : a}\\${f}(${n}\\theta)$.`,
      solution: [
        `One petal is traced for $${span}$${form === 'rose' ? `; the rose has ${petals} petals (${n % 2 === 1 ? 'n odd: n' : 'n even: 2n'} of them)` : ''}.`,
        `$\\frac{1}{2}\\int ${a * a}\\${f}^2(${n}\\theta)\\,d\\theta = \\frac{${a * a}}{4}\\int\\left(1 ${f === 'cos' ? '+' : '-'} \\cos(${2 * n}\\theta)\\right)d\\theta$ over that interval gives $${math(ratText(one, 'pi'))}$ per petal.`,
        `$A = ${math(value)}$.`,
      ],
      answer: { kind: 'number', value },
      check: {
        type: 'definite-integral',
        integrand: `(${r})^2/2*${form === 'petal' ? 1 : petals}`,
        var: 'theta',
        from,
        to,
      },
      mistakes: distinctMistakes(value, [
        { value: ratText(mulR(exact, rat(2)), 'pi'), mistake: 'forgot the factor 1/2 of the polar area formula' },
        form === 'petal'
          ? { value: ratText(mulR(one, rat(petals)), 'pi'), mistake: 'gave the area of the whole rose' }
          : {
              value: ratText(mulR(one, rat(n % 2 === 1 ? 2 * n : n)), 'pi'),
              mistake: n % 2 === 1 ? 'counted 2n petals for n odd' : 'counted n petals for n even',
            },
        { value: ratText(mulR(exact, rat(1, a)), 'pi'), mistake: `squared r without squaring the factor ${a}` },
      ]),
    };
  },
});

export const generators = [separableIvp, linearIntegratingFactor, mixingTank, parametricSecondDerivative, polarArea];
