import { sum, term } from '../format.js';
import { defineGenerator, type Mistake, type VariantDraft } from '../generator.js';
import { tex } from '../latex.js';
import { at, close, derivativeAt } from './numeric.js';

const math = (plain: string) => tex(plain).slice(1, -1);
const numberIs = (value: string, expected: number, rel = 1e-5) =>
  close(at(value, {}), expected, rel) ? undefined : `answer ${at(value, {})} but computed ${expected}`;
const steps = (setup: string, work: string, result: string) => [setup, work, result];
const distinctMistakes = (answer: string, list: Mistake[]) =>
  list.filter((m, i) => {
    const v = at(m.value, {});
    return !close(v, at(answer, {}), 1e-9) && list.findIndex((o) => close(at(o.value, {}), v, 1e-9)) === i;
  });
/** Pythagorean pairs: directions whose length is an integer. */
const pairs = [
  [3, 4],
  [4, 3],
  [5, 12],
  [12, 5],
  [6, 8],
  [8, 6],
  [-3, 4],
  [3, -4],
  [-4, -3],
  [1, 0],
  [0, 1],
] as const;

export const directionalDerivative = defineGenerator({
  patternId: 'calc3-gradient-tangent-planes-directional-derivative',
  difficulty: 2,
  difficultyReason: 'Gradient at the point, then the dot product with the UNIT vector of the given direction.',
  estimatedMinutes: 6,
  techniques: ['gradient', 'directional derivative', 'unit vectors'],
  params: (d) => ({
    a: d.nonzero(-3, 3),
    b: d.nonzero(-4, 4),
    x0: d.int(-2, 2),
    y0: d.nonzero(-2, 2),
    v: d.int(0, pairs.length - 1),
  }),
  build: ({ a, b, x0, y0, v }): VariantDraft => {
    const [p, q] = pairs[v]!;
    const n = Math.hypot(p, q);
    const f = sum(term(a, 'x^2*y'), term(b, 'x*y^2'));
    const fx = 2 * a * x0 * y0 + b * y0 * y0;
    const fy = a * x0 * x0 + 2 * b * x0 * y0;
    const value = term(fx * p + fy * q, '', n);
    return {
      text: `Let $f(x,y) = ${math(f)}$. Find the directional derivative of $f$ at $P(${x0}, ${y0})$ in the direction of $\\mathbf v = \\langle ${p}, ${q}\\rangle$.`,
      solution: steps(
        `$\\nabla f = \\langle ${math(sum(term(2 * a, 'x*y'), term(b, 'y^2')))},\\ ${math(sum(term(a, 'x^2'), term(2 * b, 'x*y')))}\\rangle$, so $\\nabla f(P) = \\langle ${fx}, ${fy}\\rangle$.`,
        `The unit vector is $\\mathbf u = \\frac{1}{${n}}\\langle ${p}, ${q}\\rangle$.`,
        `$D_{\\mathbf u}f(P) = \\nabla f(P)\\cdot\\mathbf u = ${math(value)}$.`,
      ),
      answer: { kind: 'number', value },
      mistakes: distinctMistakes(value, [
        { value: String(fx * p + fy * q), mistake: 'did not normalise the direction vector' },
        {
          value: term(fx * q + fy * p, '', n),
          mistake: 'paired the gradient components with the wrong direction components',
        },
        {
          value: `sqrt(${fx * fx + fy * fy})`,
          mistake: 'gave the maximum rate |grad f| instead of the directional derivative',
        },
      ]),
    };
  },
  verify: ({ a, b, x0, y0, v }, draft) => {
    const [p, q] = pairs[v]!;
    const n = Math.hypot(p, q);
    const g = (t: number) => at(`${a}*x^2*y + ${b}*x*y^2`, { x: x0 + (t * p) / n, y: y0 + (t * q) / n });
    return numberIs(draft.answer.value, (g(1e-5) - g(-1e-5)) / 2e-5, 1e-6);
  },
});

export const maxRate = defineGenerator({
  patternId: 'calc3-gradient-tangent-planes-max-rate',
  difficulty: 2,
  difficultyReason: 'The maximum rate of change is the length of the gradient, attained in its direction.',
  estimatedMinutes: 5,
  techniques: ['gradient', 'maximum rate of change'],
  params: (d) => ({
    a: d.nonzero(-3, 3),
    b: d.nonzero(-3, 3),
    c: d.nonzero(-3, 3),
    x0: d.nonzero(-2, 2),
    y0: d.nonzero(-2, 2),
    z0: d.nonzero(-2, 2),
  }),
  build: ({ a, b, c, x0, y0, z0 }): VariantDraft => {
    const f = sum(term(a, 'x^2*y'), term(b, 'y*z^2'), term(c, 'x*z'));
    const g = [2 * a * x0 * y0 + c * z0, a * x0 * x0 + b * z0 * z0, 2 * b * y0 * z0 + c * x0];
    const n2 = g.reduce((s, v) => s + v * v, 0);
    const value = `sqrt(${n2})`;
    return {
      text: `Let $V(x,y,z) = ${math(f)}$. Find the maximum rate of change of $V$ at $P(${x0}, ${y0}, ${z0})$.`,
      solution: steps(
        `$\\nabla V = \\langle ${math(sum(term(2 * a, 'x*y'), term(c, 'z')))},\\ ${math(sum(term(a, 'x^2'), term(b, 'z^2')))},\\ ${math(sum(term(2 * b, 'y*z'), term(c, 'x')))}\\rangle$.`,
        `At $P$: $\\nabla V(P) = \\langle ${g.join(', ')}\\rangle$.`,
        `The maximum rate is $|\\nabla V(P)| = ${math(value)}$.`,
      ),
      answer: { kind: 'number', value },
      mistakes: distinctMistakes(value, [
        { value: String(n2), mistake: 'forgot the square root in the length' },
        { value: String(g[0]! + g[1]! + g[2]!), mistake: 'added the components instead of taking the length' },
        { value: `sqrt(${g[0]! ** 2 + g[1]! ** 2})`, mistake: 'left out the z-component' },
      ]),
    };
  },
  verify: ({ a, b, c, x0, y0, z0 }, draft) => {
    const f = `${a}*x^2*y + ${b}*y*z^2 + ${c}*x*z`;
    const s = { x: x0, y: y0, z: z0 };
    const g = ['x', 'y', 'z'].map((v) => derivativeAt(f, v, s));
    return numberIs(draft.answer.value, Math.hypot(...g), 1e-6);
  },
});

export const tangentPlane = defineGenerator({
  patternId: 'calc3-gradient-tangent-planes-tangent-plane',
  difficulty: 2,
  difficultyReason: 'Partial derivatives at the point give the slopes of the plane z - z0 = fx (x - x0) + fy (y - y0).',
  estimatedMinutes: 6,
  techniques: ['tangent plane', 'partial derivatives'],
  params: (d) => ({ a: d.nonzero(-3, 3), b: d.nonzero(-3, 3), c: d.int(-3, 3), x0: d.int(-2, 2), y0: d.int(-2, 2) }),
  build: ({ a, b, c, x0, y0 }): VariantDraft => {
    const f = sum(term(a, 'x^2'), term(b, 'y^2'), term(c, 'x*y'));
    const z0 = a * x0 * x0 + b * y0 * y0 + c * x0 * y0;
    const fx = 2 * a * x0 + c * y0;
    const fy = 2 * b * y0 + c * x0;
    const r = z0 - fx * x0 - fy * y0;
    const value = `z = ${sum(term(fx, 'x'), term(fy, 'y'), term(r))}`;
    return {
      text: `Find an equation of the tangent plane to the surface $z = ${math(f)}$ at the point $(${x0}, ${y0}, ${z0})$.`,
      solution: steps(
        `$f_x = ${math(sum(term(2 * a, 'x'), term(c, 'y')))}$ and $f_y = ${math(sum(term(2 * b, 'y'), term(c, 'x')))}$; at the point, $f_x = ${fx}$, $f_y = ${fy}$.`,
        `$z - ${z0} = ${fx}(x - ${x0}) + ${fy}(y - ${y0})$.`,
        `So the plane is $${math(value)}$.`,
      ),
      answer: { kind: 'equation', value },
      mistakes: [
        {
          value: `z = ${sum(term(fx, 'x'), term(fy, 'y'), term(z0))}`,
          mistake: 'used z0 as the constant without shifting by the point',
        },
        {
          value: `z = ${sum(term(fy, 'x'), term(fx, 'y'), term(z0 - fy * x0 - fx * y0))}`,
          mistake: 'swapped f_x and f_y',
        },
      ].filter((m) => m.value !== value),
    };
  },
  verify: ({ a, b, c, x0, y0 }, draft) => {
    const f = `${a}*x^2 + ${b}*y^2 + ${c}*x*y`;
    const plane = draft.answer.value.replace(/^z = /, '');
    const s = { x: x0, y: y0 };
    const ok =
      close(at(plane, s), at(f, s), 1e-9) &&
      close(derivativeAt(plane, 'x', s), derivativeAt(f, 'x', s), 1e-6) &&
      close(derivativeAt(plane, 'y', s), derivativeAt(f, 'y', s), 1e-6);
    return ok ? undefined : 'plane does not touch the surface';
  },
});

export const linearApproximation = defineGenerator({
  patternId: 'calc3-gradient-tangent-planes-linear-approximation',
  difficulty: 2,
  difficultyReason: 'Linearise at a nearby point with easy values, then plug in the increments.',
  estimatedMinutes: 6,
  techniques: ['linearization', 'differentials'],
  params: (d) => ({ x0: d.int(1, 4), y0: d.int(1, 4), dx: d.nonzero(-3, 3), dy: d.nonzero(-3, 3) }),
  build: ({ x0, y0, dx, dy }): VariantDraft => {
    const [hx, hy] = [dx / 100, dy / 100];
    const f0 = x0 * x0 * y0;
    const fx = 2 * x0 * y0;
    const fy = x0 * x0;
    const L = f0 + fx * hx + fy * hy;
    const value = String(Math.round(L * 10000) / 10000);
    return {
      text: `Use the linearization of $f(x,y) = x^2 y$ at $(${x0}, ${y0})$ to approximate $f(${x0 + hx}, ${y0 + hy})$.`,
      solution: steps(
        `$f(${x0}, ${y0}) = ${f0}$, $f_x = 2xy = ${fx}$, $f_y = x^2 = ${fy}$ there.`,
        `$L(x,y) = ${f0} + ${fx}(x - ${x0}) + ${fy}(y - ${y0})$.`,
        `$L(${x0 + hx}, ${y0 + hy}) = ${value}$.`,
      ),
      answer: { kind: 'number', value },
      mistakes: distinctMistakes(value, [
        { value: String(Math.round((f0 + fy * hx + fx * hy) * 10000) / 10000), mistake: 'swapped f_x and f_y' },
        {
          value: String(Math.round((fx * hx + fy * hy) * 10000) / 10000),
          mistake: 'gave the change df instead of the approximate value',
        },
        { value: String(f0), mistake: 'forgot the linear terms' },
      ]),
    };
  },
  verify: ({ x0, y0, dx, dy }, draft) => {
    const s = { x: x0, y: y0 };
    const L = at('x^2*y', s) + derivativeAt('x^2*y', 'x', s) * (dx / 100) + derivativeAt('x^2*y', 'y', s) * (dy / 100);
    return numberIs(draft.answer.value, L, 1e-6);
  },
});

export const mixedPartials = defineGenerator({
  patternId: 'calc3-partial-derivatives-higher-order',
  difficulty: 2,
  difficultyReason: 'Differentiate in x, then in y, keeping the chain rule factor of the exponential.',
  estimatedMinutes: 6,
  techniques: ['partial derivatives', 'mixed partials', 'chain rule'],
  params: (d) => ({ m: d.int(1, 3), n: d.int(1, 3), c: d.nonzero(-3, 3) }),
  build: ({ m, n, c }): VariantDraft => {
    // f = x^m y^n e^{cxy}: f_x = (m x^{m−1} y^n + c x^m y^{n+1}) e^{cxy}; differentiate in y.
    const f = `x^${m}*y^${n}*e^(${term(c, 'x*y')})`;
    const value = `(${sum(term(m * n, `x^${m - 1}*y^${n - 1}`), term(c * (m + n + 1), `x^${m}*y^${n}`), term(c * c, `x^${m + 1}*y^${n + 1}`))})*e^(${term(c, 'x*y')})`;
    return {
      text: `Let $f(x, y) = ${math(f)}$. Find $f_{xy} = \\dfrac{\\partial^2 f}{\\partial y\\,\\partial x}$.`,
      solution: steps(
        `$f_x = \\left(${math(sum(term(m, `x^${m - 1}*y^${n}`), term(c, `x^${m}*y^${n + 1}`)))}\\right)e^{${c}xy}$.`,
        'Differentiate in $y$ with the product rule (the exponential brings a factor $c x$).',
        `$f_{xy} = ${math(value)}$.`,
      ),
      answer: { kind: 'expression', value, vars: ['x', 'y'], domain: { x: [-1, 1], y: [-1, 1] } },
      mistakes: [
        {
          value: `(${sum(term(m * n, `x^${m - 1}*y^${n - 1}`), term(c * c, `x^${m + 1}*y^${n + 1}`))})*e^(${term(c, 'x*y')})`,
          mistake: 'dropped the cross terms of the product rule',
        },
        {
          value: `${term(m * n, `x^${m - 1}*y^${n - 1}`)}*e^(${term(c, 'x*y')})`,
          mistake: 'differentiated only the power factors',
        },
      ],
    };
  },
  verify: ({ m, n, c }, draft) => {
    const f = `x^${m}*y^${n}*e^(${c}*x*y)`;
    for (const [x, y] of [
      [0.3, 0.7],
      [-0.5, 0.4],
      [0.8, -0.6],
    ] as const) {
      const h = 1e-4;
      const mixed =
        (at(f, { x: x + h, y: y + h }) -
          at(f, { x: x + h, y: y - h }) -
          at(f, { x: x - h, y: y + h }) +
          at(f, { x: x - h, y: y - h })) /
        (4 * h * h);
      if (!close(at(draft.answer.value, { x, y }), mixed, 1e-4)) return `differs at (${x}, ${y})`;
    }
    return undefined;
  },
});

export const chainRule = defineGenerator({
  patternId: 'calc3-partial-derivatives-chain-rule',
  difficulty: 3,
  difficultyReason: "Sum over the intermediate variables: dw/dt = w_x x'(t) + w_y y'(t), evaluated at the point.",
  estimatedMinutes: 7,
  techniques: ['multivariable chain rule'],
  params: (d) => ({ a: d.int(1, 3), b: d.int(1, 3), t0: d.int(1, 3), k: d.nonzero(-3, 3) }),
  build: ({ a, b, t0, k }): VariantDraft => {
    // w = x^2 y + k y, x = t^a, y = t^b + 1.
    const x = t0 ** a;
    const y = t0 ** b + 1;
    const xp = a * t0 ** (a - 1);
    const yp = b * t0 ** (b - 1);
    const wx = 2 * x * y;
    const wy = x * x + k;
    const value = String(wx * xp + wy * yp);
    return {
      text: `Let $w = x^2 y ${k < 0 ? '-' : '+'} ${Math.abs(k)}y$, where $x = t^{${a}}$ and $y = t^{${b}} + 1$. Use the chain rule to find $\\dfrac{dw}{dt}$ at $t = ${t0}$.`,
      solution: steps(
        `At $t = ${t0}$: $x = ${x}$, $y = ${y}$, $x'(t) = ${xp}$, $y'(t) = ${yp}$.`,
        `$w_x = 2xy = ${wx}$ and $w_y = x^2 ${k < 0 ? '-' : '+'} ${Math.abs(k)} = ${wy}$.`,
        `$\\frac{dw}{dt} = ${wx}\\cdot ${xp} + ${wy}\\cdot ${yp} = ${value}$.`,
      ),
      answer: { kind: 'number', value },
      mistakes: distinctMistakes(value, [
        { value: String(wx + wy), mistake: "forgot the factors x'(t) and y'(t)" },
        { value: String(wx * xp), mistake: 'left out the path through y' },
        { value: String(wx * yp + wy * xp), mistake: 'paired each partial with the wrong derivative' },
      ]),
    };
  },
  verify: ({ a, b, t0, k }, draft) =>
    numberIs(draft.answer.value, derivativeAt(`(t^${a})^2*(t^${b} + 1) + ${k}*(t^${b} + 1)`, 't', { t: t0 }), 1e-6),
});

export const implicitPartial = defineGenerator({
  patternId: 'calc3-partial-derivatives-implicit',
  difficulty: 3,
  difficultyReason: 'Use dz/dx = -F_x / F_z at the point; the signs and the product term xyz are the traps.',
  estimatedMinutes: 6,
  techniques: ['implicit differentiation', 'partial derivatives'],
  params: (d) => ({ a: d.int(1, 4), b: d.int(1, 4), c: d.nonzero(-3, 3) }),
  build: ({ a, b, c }): VariantDraft => {
    const K = 1 + a + b + c;
    const F = sum('x^2', term(a, 'y^2'), term(b, 'z^2'), term(c, 'x*y*z'));
    const Fx = 2 + c;
    const Fz = 2 * b + c;
    const value = term(-Fx, '', Fz);
    return {
      text: `The equation $${math(F)} = ${K}$ defines $z$ implicitly as a function of $x$ and $y$ near $(1, 1, 1)$. Find $\\dfrac{\\partial z}{\\partial x}$ at that point.`,
      solution: steps(
        `With $F = ${math(F)}$: $F_x = ${math(sum('2x', term(c, 'y*z')))}$ and $F_z = ${math(sum(term(2 * b, 'z'), term(c, 'x*y')))}$.`,
        `At $(1,1,1)$: $F_x = ${Fx}$, $F_z = ${Fz}$.`,
        `$\\frac{\\partial z}{\\partial x} = -\\frac{F_x}{F_z} = ${math(value)}$.`,
      ),
      answer: { kind: 'number', value },
      mistakes: distinctMistakes(value, [
        { value: term(Fx, '', Fz), mistake: 'forgot the minus sign' },
        { value: term(-Fz, '', Fx), mistake: 'inverted the ratio F_z / F_x' },
        { value: term(-2, '', 2 * b), mistake: 'dropped the xyz term when differentiating' },
      ]),
    };
  },
  verify: ({ a, b, c }, draft) => {
    if (2 * b + c === 0) return 'F_z vanishes';
    const K = 1 + a + b + c;
    // Solve F(x, 1, z) = K for z near 1 by Newton, at x = 1 ± h.
    const z = (x: number) => {
      let zz = 1;
      for (let i = 0; i < 50; i++) {
        const F = x * x + a + b * zz * zz + c * x * zz - K;
        zz -= F / (2 * b * zz + c * x);
      }
      return zz;
    };
    return numberIs(draft.answer.value, (z(1 + 1e-5) - z(1 - 1e-5)) / 2e-5, 1e-5);
  },
});

export const generators = [
  directionalDerivative,
  maxRate,
  tangentPlane,
  linearApproximation,
  mixedPartials,
  chainRule,
  implicitPartial,
];
