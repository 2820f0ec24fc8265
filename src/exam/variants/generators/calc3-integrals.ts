import { frac, sum, term } from '../format.js';
import { defineGenerator, type VariantDraft } from '../generator.js';
import { distinctMistakes, gauss, math, numberIs, overDisk, splitSquare, surd } from './common.js';
import { addR, at, mulR, type Rational, rat, ratText } from './numeric.js';

/** Plain math of a field component or function with x, y, z replaced by the curve's coordinates in t. */
const along = (expr: string, curve: Record<'x' | 'y' | 'z', string>) =>
  expr.replace(/\b([xyz])\b/g, (v) => `(${curve[v as 'x' | 'y' | 'z']})`);
const piText = (r: Rational) => ratText(r, 'pi');
const vec = (v: readonly (string | number)[]) => `\\langle ${v.join(',\\ ')}\\rangle`;

export const lineIntegralWork = defineGenerator({
  patternId: 'calc3-line-integrals-work',
  difficulty: 2,
  difficultyReason: "Substitute the curve into the field, dot with r'(t) and integrate a polynomial in t.",
  estimatedMinutes: 7,
  techniques: ['line integrals of vector fields', 'parametrization'],
  params: (d) => ({ a: d.nonzero(-3, 3), b: d.nonzero(-3, 3), c: d.nonzero(-3, 3), T: d.pick([1, 2]) }),
  build: ({ a, b, c, T }): VariantDraft => {
    const F = [term(a, 'y'), term(b, 'z'), term(c, 'x')];
    // F(r(t)) . r'(t) = a t^2 + 2b t^4 + 3c t^3 along r = <t, t^2, t^3>.
    const W = addR(addR(rat(a * T ** 3, 3), rat(2 * b * T ** 5, 5)), rat(3 * c * T ** 4, 4));
    const value = ratText(W);
    const noVelocity = addR(addR(rat(a * T ** 3, 3), rat(b * T ** 4, 4)), rat(c * T ** 2, 2));
    const withPosition = addR(addR(rat(a * T ** 4, 4), rat(b * T ** 6, 6)), rat(c * T ** 5, 5));
    return {
      text: `Find the work done by the force field $\\mathbf F(x,y,z) = ${vec(F.map(math))}$ on a particle that moves along the curve $\\mathbf r(t) = \\langle t,\\ t^2,\\ t^3\\rangle$, $0 \\le t \\le ${T}$.`,
      solution: [
        `Along the curve $\\mathbf F(\\mathbf r(t)) = ${vec([term(a, 't^2'), term(b, 't^3'), term(c, 't')].map(math))}$ and $\\mathbf r'(t) = \\langle 1,\\ 2t,\\ 3t^2\\rangle$.`,
        `$\\mathbf F\\cdot\\mathbf r' = ${math(sum(term(a, 't^2'), term(3 * c, 't^3'), term(2 * b, 't^4')))}$.`,
        `$W = \\int_0^{${T}} \\left(${math(sum(term(a, 't^2'), term(3 * c, 't^3'), term(2 * b, 't^4')))}\\right)dt = ${math(value)}$.`,
      ],
      answer: { kind: 'number', value },
      check: {
        type: 'definite-integral',
        integrand: `(${along(F[0]!, { x: 't', y: 't^2', z: 't^3' })})*1 + (${along(F[1]!, { x: 't', y: 't^2', z: 't^3' })})*(2*t) + (${along(F[2]!, { x: 't', y: 't^2', z: 't^3' })})*(3*t^2)`,
        var: 't',
        from: '0',
        to: String(T),
      },
      mistakes: distinctMistakes(value, [
        {
          value: ratText(noVelocity),
          mistake: "integrated F(r(t)) component by component without the dot product with r'(t)",
        },
        { value: ratText(withPosition), mistake: "dotted F with r(t) instead of r'(t)" },
        { value: ratText(mulR(W, [-1, 1])), mistake: 'integrated from the end of the curve back to its start' },
      ]),
    };
  },
});

/** Directions of integer length: the segment's speed |r'| is a whole number. */
const quadruples: Array<[number, number, number, number]> = [
  [1, 2, 2, 3],
  [2, 1, -2, 3],
  [-2, 2, 1, 3],
  [2, 3, 6, 7],
  [3, -6, 2, 7],
  [6, 2, -3, 7],
  [1, 4, 8, 9],
  [4, -4, 7, 9],
  [8, 1, 4, 9],
];

export const lineIntegralScalar = defineGenerator({
  patternId: 'calc3-line-integrals-scalar',
  difficulty: 2,
  difficultyReason: "Parametrize the segment, multiply f along it by the constant speed |r'|, integrate a quadratic.",
  estimatedMinutes: 6,
  techniques: ['line integrals of scalar functions', 'arc length element'],
  params: (d) => ({
    x0: d.int(-2, 2),
    y0: d.int(-2, 2),
    z0: d.int(-2, 2),
    q: d.int(0, quadruples.length - 1),
    k: d.int(1, 3),
  }),
  build: ({ x0, y0, z0, q, k }): VariantDraft => {
    const [dx, dy, dz, L] = quadruples[q]!;
    const f = sum(term(k, 'x'), 'y*z');
    // f(r(t)) = k(x0 + dx t) + (y0 + dy t)(z0 + dz t) = c0 + c1 t + c2 t^2.
    const [c0, c1, c2] = [k * x0 + y0 * z0, k * dx + y0 * dz + z0 * dy, dy * dz];
    const mean = addR(addR(rat(c0), rat(c1, 2)), rat(c2, 3));
    const value = ratText(mulR(mean, [L, 1]));
    const ends = mulR(rat(2 * c0 + c1 + c2, 2), [L, 1]);
    const r = [sum(term(x0), term(dx, 't')), sum(term(y0), term(dy, 't')), sum(term(z0), term(dz, 't'))];
    return {
      text: `Evaluate $\\displaystyle\\int_C (${math(f)})\\,ds$, where $C$ is the line segment from $(${x0}, ${y0}, ${z0})$ to $(${x0 + dx}, ${y0 + dy}, ${z0 + dz})$.`,
      solution: [
        `Parametrize: $\\mathbf r(t) = ${vec(r.map(math))}$, $0 \\le t \\le 1$, so $|\\mathbf r'(t)| = \\sqrt{${dx * dx} + ${dy * dy} + ${dz * dz}} = ${L}$.`,
        `Along $C$, $${math(f)} = ${math(sum(term(c0), term(c1, 't'), term(c2, 't^2')))}$.`,
        `$\\int_C f\\,ds = ${L}\\int_0^1 \\left(${math(sum(term(c0), term(c1, 't'), term(c2, 't^2')))}\\right)dt = ${math(value)}$.`,
      ],
      answer: { kind: 'number', value },
      check: {
        type: 'definite-integral',
        integrand: `(${along(f, { x: r[0]!, y: r[1]!, z: r[2]! })})*sqrt(${dx * dx + dy * dy + dz * dz})`,
        var: 't',
        from: '0',
        to: '1',
      },
      mistakes: distinctMistakes(value, [
        { value: ratText(mean), mistake: "left out the speed |r'(t)| (used ds = dt)" },
        { value: ratText(mulR(mean, [L * L, 1])), mistake: "used |r'(t)|^2 instead of |r'(t)|" },
        { value: ratText(ends), mistake: 'averaged f over the two endpoints instead of integrating it' },
      ]),
    };
  },
});

export const conservativeField = defineGenerator({
  patternId: 'calc3-line-integrals-conservative',
  difficulty: 3,
  difficultyReason: 'Recognise a gradient field, recover the potential by partial integration, evaluate at the ends.',
  estimatedMinutes: 8,
  techniques: ['conservative fields', 'potential functions', 'fundamental theorem for line integrals'],
  params: (d) => ({
    a: d.nonzero(-3, 3),
    b: d.nonzero(-3, 3),
    c: d.nonzero(-3, 3),
    m: d.int(0, 2),
    k: d.int(1, 3),
    p: d.int(2, 3),
  }),
  build: ({ a, b, c, m, k, p }): VariantDraft => {
    const phi = sum(term(a, 'x^2*y'), term(b, 'y*z^2'), term(c, 'x*z'));
    const F = [
      sum(term(2 * a, 'x*y'), term(c, 'z')),
      sum(term(a, 'x^2'), term(b, 'z^2')),
      sum(term(2 * b, 'y*z'), term(c, 'x')),
    ];
    const f = (x: number, y: number, z: number) => a * x * x * y + b * y * z * z + c * x * z;
    const start: [number, number, number] = [0, m, -1];
    const end: [number, number, number] = [1, 1 + m, k - 1];
    const diff = f(...end) - f(...start);
    const value = String(diff);
    const curve = { x: `t^${p}`, y: sum('t', term(m)), z: sum(term(k, 't'), '-1') };
    const velocity = [`${p}*t^${p - 1}`, '1', String(k)];
    const [ex, ey, ez] = end;
    const shortcut = F.reduce((s, comp, i) => s + at(comp, { x: ex, y: ey, z: ez }) * (end[i]! - start[i]!), 0);
    return {
      text: `Let $\\mathbf F(x,y,z) = ${vec(F.map(math))}$. Show that $\\mathbf F$ is conservative, find a potential function, and evaluate $\\displaystyle\\int_C \\mathbf F\\cdot d\\mathbf r$ along $C$: $\\mathbf r(t) = ${vec([curve.x, curve.y, curve.z].map(math))}$, $0 \\le t \\le 1$.`,
      solution: [
        'The curl vanishes: $P_y = Q_x$, $P_z = R_x$, $Q_z = R_y$, and the domain is all of space, so $\\mathbf F$ is conservative.',
        `Integrating $P$ in $x$ and matching $Q$ and $R$: $f(x,y,z) = ${math(phi)}$.`,
        `$C$ runs from $\\mathbf r(0) = (${start.join(', ')})$ to $\\mathbf r(1) = (${end.join(', ')})$, so the integral is $f(${end.join(', ')}) - f(${start.join(', ')}) = ${f(...end)} - (${f(...start)}) = ${value}$.`,
      ],
      answer: { kind: 'number', value },
      check: {
        type: 'definite-integral',
        integrand: F.map((comp, i) => `(${along(comp, curve)})*(${velocity[i]})`).join(' + '),
        var: 't',
        from: '0',
        to: '1',
      },
      mistakes: distinctMistakes(value, [
        { value: String(f(...end)), mistake: 'evaluated the potential at the end point only' },
        { value: String(-diff), mistake: 'subtracted in the wrong order, f(start) - f(end)' },
        {
          value: String(shortcut),
          mistake: 'dotted F at the end point with the displacement instead of using the potential',
        },
      ]),
    };
  },
});

export const greenCirculation = defineGenerator({
  patternId: 'calc3-greens-theorem-circulation',
  difficulty: 3,
  difficultyReason:
    "The line integral cannot be done directly (e^{x^2}, sin(y^3)); Green's theorem with Q_x - P_y in polar coordinates, and the orientation's sign.",
  estimatedMinutes: 9,
  techniques: ["Green's theorem", 'polar coordinates'],
  params: (d) => ({
    a: d.nonzero(-3, 3),
    b: d.int(-3, 3),
    c: d.int(-3, 3),
    R: d.int(1, 3),
    clockwise: d.pick([0, 1]),
  }),
  build: ({ a, b, c, R, clockwise }): VariantDraft => {
    const P = sum('e^(x^2)', term(-a, 'x^2*y'), term(-c, 'y'));
    const Q = sum(term(a, 'x*y^2'), term(b, 'x'), 'sin(y^3)');
    const s = clockwise ? -1 : 1;
    // Q_x - P_y = a(x^2 + y^2) + (b + c): over the disk, a pi R^4/2 + (b + c) pi R^2.
    const I = rat(s * (a * R ** 4 + 2 * (b + c) * R ** 2), 2);
    if (I[0] === 0) throw new Error('zero circulation');
    const value = piText(I);
    const polar = sum(term(a, 'r^2'), term(b + c));
    return {
      text: `Evaluate $\\displaystyle\\oint_C \\left(${math(P)}\\right)dx + \\left(${math(Q)}\\right)dy$, where $C$ is the circle $x^2 + y^2 = ${R * R}$ traversed ${clockwise ? 'clockwise' : 'counterclockwise'}.`,
      solution: [
        `By Green's theorem${clockwise ? ' (with a minus sign, since $C$ is clockwise)' : ''}, the integral is ${clockwise ? '$-$' : ''}$\\iint_D (Q_x - P_y)\\,dA$ with $Q_x - P_y = ${math(sum(term(a, 'y^2'), term(b)))} - (${math(sum(term(-a, 'x^2'), term(-c)))}) = ${math(polar.replace('r^2', '(x^2 + y^2)'))}$.`,
        `In polar coordinates: $\\int_0^{2\\pi}\\int_0^{${R}} (${math(polar)})\\,r\\,dr\\,d\\theta = ${math(piText(rat(a * R ** 4 + 2 * (b + c) * R ** 2, 2)))}$.`,
        `So the line integral is $${math(value)}$.`,
      ],
      answer: { kind: 'number', value },
      mistakes: distinctMistakes(value, [
        {
          value: piText(mulR(I, [-1, 1])),
          mistake: `ignored the ${clockwise ? 'clockwise' : 'counterclockwise'} orientation's sign`,
        },
        {
          value: piText(rat(s * (2 * a * R ** 3 + 6 * (b + c) * R), 3)),
          mistake: 'forgot the factor r in dA = r dr dtheta',
        },
        { value: piText(rat(s * a * R ** 4, 2)), mistake: `dropped the constant ${b + c} of Q_x - P_y` },
      ]),
    };
  },
  verify: ({ a, b, c, R, clockwise }, draft) => {
    // The line integral itself along x = R cos t, y = ±R sin t (Gauss–Legendre is spectrally accurate on a period).
    const s = clockwise ? -1 : 1;
    const P = sum('e^(x^2)', term(-a, 'x^2*y'), term(-c, 'y'));
    const Q = sum(term(a, 'x*y^2'), term(b, 'x'), 'sin(y^3)');
    const I = gauss(
      (t) => {
        const scope = { x: R * Math.cos(t), y: s * R * Math.sin(t) };
        return at(P, scope) * -R * Math.sin(t) + at(Q, scope) * s * R * Math.cos(t);
      },
      0,
      2 * Math.PI,
      12,
    );
    return numberIs(draft.answer.value, I, 1e-7);
  },
});

export const greenArea = defineGenerator({
  patternId: 'calc3-greens-theorem-area',
  difficulty: 2,
  difficultyReason:
    'Area as the line integral (1/2)∮ x dy - y dx along the parametrized boundary, with trigonometric powers.',
  estimatedMinutes: 7,
  techniques: ["Green's theorem", 'area by line integrals'],
  params: (d) => ({ form: d.pick(['ellipse', 'astroid', 'cycloid']), a: d.int(1, 6), b: d.int(1, 6) }),
  build: ({ form, a, b }): VariantDraft => {
    if (form === 'cycloid') {
      const value = piText(rat(3 * a * a));
      return {
        text: `Use Green's theorem to find the area of the region bounded by the $x$-axis and one arch of the cycloid $x = ${math(term(a, '(t - sin(t))'))}$, $y = ${math(term(a, '(1 - cos(t))'))}$, $0 \\le t \\le 2\\pi$.`,
        solution: [
          "The boundary is the segment of the $x$-axis (where $y = 0$, so $\\int y\\,dx = 0$) and the arch, traversed clockwise from $t = 0$ to $2\\pi$; the area is $-\\oint y\\,dx = \\int_0^{2\\pi} y\\,x'(t)\\,dt$ along the arch.",
          `$\\int_0^{2\\pi} ${a * a}(1 - \\cos t)^2\\,dt = ${a * a}\\int_0^{2\\pi}\\left(1 - 2\\cos t + \\cos^2 t\\right)dt = ${a * a}(2\\pi + \\pi)$.`,
          `The area is $${math(value)}$.`,
        ],
        answer: { kind: 'number', value },
        check: {
          type: 'definite-integral',
          integrand: `${a}*(1 - cos(t))*${a}*(1 - cos(t))`,
          var: 't',
          from: '0',
          to: '2*pi',
        },
        mistakes: distinctMistakes(value, [
          { value: piText(rat(-3 * a * a)), mistake: 'took the arch as counterclockwise, giving a negative area' },
          { value: piText(rat(2 * a * a)), mistake: 'integrated cos^2 t to 0 instead of pi' },
          { value: piText(rat(3 * a)), mistake: 'squared only one of the factors a' },
        ]),
      };
    }
    const astroid = form === 'astroid';
    const I = astroid ? rat(3 * a * b, 8) : rat(a * b);
    const value = piText(I);
    const x = astroid ? `${a}*cos(t)^3` : `${a}*cos(t)`;
    const y = astroid ? `${b}*sin(t)^3` : `${b}*sin(t)`;
    const dx = astroid ? `${-3 * a}*cos(t)^2*sin(t)` : `${-a}*sin(t)`;
    return {
      text: `Use Green's theorem to find the area of the region enclosed by the curve $x = ${math(x)}$, $y = ${math(y)}$, $0 \\le t \\le 2\\pi$.`,
      solution: [
        "The curve is traversed counterclockwise, so the area is $\\frac{1}{2}\\oint_C x\\,dy - y\\,dx$ (Green's theorem with $Q_x - P_y = 1$).",
        astroid
          ? `$x\\,dy - y\\,dx = ${3 * a * b}\\left(\\cos^4 t\\sin^2 t + \\sin^4 t\\cos^2 t\\right)dt = ${3 * a * b}\\sin^2 t\\cos^2 t\\,dt = \\frac{${3 * a * b}}{4}\\sin^2(2t)\\,dt$.`
          : `$x\\,dy - y\\,dx = ${a * b}\\left(\\cos^2 t + \\sin^2 t\\right)dt = ${a * b}\\,dt$.`,
        `$A = \\frac{1}{2}\\int_0^{2\\pi} ${astroid ? `\\frac{${3 * a * b}}{4}\\sin^2(2t)` : `${a * b}`}\\,dt = ${math(value)}$.`,
      ],
      answer: { kind: 'number', value },
      check: { type: 'definite-integral', integrand: `-(${y})*(${dx})`, var: 't', from: '0', to: '2*pi' },
      mistakes: distinctMistakes(value, [
        { value: piText(mulR(I, [2, 1])), mistake: 'forgot the factor 1/2 in front of the integral of x dy - y dx' },
        { value: piText(mulR(I, [1, 2])), mistake: 'integrated over half the curve only' },
        astroid
          ? { value: piText(rat(a * b)), mistake: 'used the area of the ellipse with the same semi-axes' }
          : { value: piText(rat(a * a + b * b, 2)), mistake: 'wrote x dy - y dx as (a^2 cos^2 t + b^2 sin^2 t) dt' },
      ]),
    };
  },
});

/** The part of a disk a polar question integrates over: its share of the full turn, and how it reads. */
const diskParts = {
  disk: { share: rat(1), theta: '2\\pi', text: (shape: string, region: string) => `the ${shape} $${region}$` },
  half: {
    share: rat(1, 2),
    theta: '\\pi',
    text: (shape: string, region: string) => `the upper half ($y \\ge 0$) of the ${shape} $${region}$`,
  },
  quarter: {
    share: rat(1, 4),
    theta: '\\pi/2',
    text: (shape: string, region: string) => `the part of the ${shape} $${region}$ in the first quadrant`,
  },
} as const;
type DiskPart = keyof typeof diskParts;

export const doublePolar = defineGenerator({
  patternId: 'calc3-double-integrals-polar',
  difficulty: 2,
  difficultyReason: 'Disks, half-disks and annuli become rectangles in polar coordinates; the factor r is the trap.',
  estimatedMinutes: 7,
  techniques: ['double integrals in polar coordinates'],
  params: (d) => {
    const [a, b] = d.distinct(2, 1, 4).sort((x, y) => x - y);
    return {
      form: d.pick(['power', 'gauss', 'annulus']),
      part: d.pick(['disk', 'half', 'quarter']),
      R: d.int(1, 4),
      k: d.pick([1, 2]),
      a: a!,
      b: b!,
    };
  },
  build: ({ form, part, R, k, a, b }): VariantDraft => {
    const { share, theta, text } = diskParts[part as DiskPart];
    const whole = part === 'disk' ? rat(1, 2) : rat(1);
    const wholeMistake =
      part === 'disk' ? 'let theta run over [0, pi] only' : 'integrated theta over [0, 2pi], the whole disk';
    if (form === 'power') {
      const f = k === 1 ? 'x^2 + y^2' : '(x^2 + y^2)^2';
      const exact = mulR(share, rat(2 * R ** (2 * k + 2), 2 * k + 2));
      const value = piText(exact);
      return {
        text: `Evaluate $\\displaystyle\\iint_D ${k === 1 ? `\\left(${math(f)}\\right)` : math(f)}\\,dA$, where $D$ is ${text('disk', `x^2 + y^2 \\le ${R * R}`)}.`,
        solution: [
          `In polar coordinates $x^2 + y^2 = r^2$, $dA = r\\,dr\\,d\\theta$, and $D$ is $0 \\le r \\le ${R}$, $0 \\le \\theta \\le ${theta}$.`,
          `$\\int_0^{${theta}}\\int_0^{${R}} r^{${2 * k}}\\cdot r\\,dr\\,d\\theta = ${theta}\\cdot\\frac{${R}^{${2 * k + 2}}}{${2 * k + 2}}$.`,
          `$= ${math(value)}$.`,
        ],
        answer: { kind: 'number', value },
        mistakes: distinctMistakes(value, [
          {
            value: piText(mulR(share, rat(2 * R ** (2 * k + 1), 2 * k + 1))),
            mistake: 'forgot the factor r in dA = r dr dtheta',
          },
          { value: piText(mulR(exact, mulR(whole, rat(2)))), mistake: wholeMistake },
          {
            value: piText(mulR(share, rat(2 * R ** (k + 2), k + 2))),
            mistake: `wrote ${f} as r^${k} instead of r^${2 * k}`,
          },
        ]),
      };
    }
    if (form === 'gauss') {
      const r = Math.min(R, 3);
      const value = `pi*(1 - e^(-${r * r}))/2`;
      return {
        text: `Evaluate $\\displaystyle\\int_{-${r}}^{${r}}\\int_{0}^{\\sqrt{${r * r} - x^2}} e^{-(x^2 + y^2)}\\,dy\\,dx$ by converting to polar coordinates.`,
        solution: [
          `The region is the upper half of the disk of radius ${r}: $0 \\le r \\le ${r}$, $0 \\le \\theta \\le \\pi$.`,
          `$\\int_0^{\\pi}\\int_0^{${r}} e^{-r^2}\\,r\\,dr\\,d\\theta = \\pi\\left[-\\frac{1}{2}e^{-r^2}\\right]_0^{${r}}$.`,
          `$= ${math(value)}$.`,
        ],
        answer: { kind: 'number', value },
        mistakes: distinctMistakes(value, [
          { value: `pi*(1 - e^(-${r * r}))`, mistake: 'integrated theta over [0, 2pi], the whole disk' },
          { value: `pi*(1 - e^(-${r}))/2`, mistake: 'evaluated e^(-r^2) at r^2 = r' },
          { value: `pi*(1 - e^(-${r * r}))/4`, mistake: 'integrated theta over [0, pi/2], a quarter disk' },
        ]),
      };
    }
    const exact = mulR(share, rat(2 * (b ** 3 - a ** 3), 3));
    const value = piText(exact);
    const ring = text('annulus', `${a * a} \\le x^2 + y^2 \\le ${b * b}`);
    return {
      text: `Evaluate $\\displaystyle\\iint_D \\sqrt{x^2 + y^2}\\,dA$, where $D$ is ${ring}.`,
      solution: [
        `In polar coordinates $D$ is $${a} \\le r \\le ${b}$, $0 \\le \\theta \\le ${theta}$, and $\\sqrt{x^2 + y^2} = r$.`,
        `$\\int_0^{${theta}}\\int_{${a}}^{${b}} r\\cdot r\\,dr\\,d\\theta = ${theta}\\cdot\\frac{${b ** 3} - ${a ** 3}}{3}$.`,
        `$= ${math(value)}$.`,
      ],
      answer: { kind: 'number', value },
      mistakes: distinctMistakes(value, [
        { value: piText(mulR(share, rat(b * b - a * a))), mistake: 'forgot the factor r in dA = r dr dtheta' },
        {
          value: piText(mulR(share, rat(2 * b ** 3, 3))),
          mistake: 'integrated over the whole disk of radius b, ignoring the hole',
        },
        { value: piText(mulR(exact, mulR(whole, rat(2)))), mistake: wholeMistake },
      ]),
    };
  },
  verify: ({ form, part, R, k, a, b }, draft) => {
    // Rectangular quadrature over the whole disk; the integrands are radial, so a half or a quarter is that share.
    const [n, d] = form === 'gauss' ? [1, 2] : diskParts[part as DiskPart].share;
    const share = n / d;
    if (form === 'power') return numberIs(draft.answer.value, share * overDisk(R, (x, y) => (x * x + y * y) ** k));
    if (form === 'gauss') {
      const r = Math.min(R, 3);
      return numberIs(draft.answer.value, share * overDisk(r, (x, y) => Math.exp(-(x * x + y * y))));
    }
    const f = (x: number, y: number) => Math.hypot(x, y);
    return numberIs(draft.answer.value, share * (overDisk(b, f, 8) - overDisk(a, f, 8)), 1e-6);
  },
});

export const reverseOrder = defineGenerator({
  patternId: 'calc3-double-integrals-reverse-order',
  difficulty: 3,
  difficultyReason:
    'The inner integral has no elementary antiderivative; describing the region the other way produces the factor a substitution needs.',
  estimatedMinutes: 8,
  techniques: ['reversing the order of integration', 'substitution'],
  params: (d) => ({
    form: d.pick(['square', 'cube']),
    f: d.pick(['cos', 'sin', 'exp']),
    c: d.int(1, 2),
    k: d.int(1, 4),
  }),
  build: ({ form, f, c, k }): VariantDraft => {
    if (form === 'square') {
      // ∫_0^{kc} ∫_{y/k}^{c} f(x^2) dx dy = ∫_0^c ∫_0^{kx} f(x^2) dy dx = (k/2) ∫_0^{c^2} f(w) dw.
      const G = (u: number) =>
        f === 'cos' ? `sin(${u})` : f === 'sin' ? `(1 - cos(${u}))` : `(${u === 1 ? 'e' : `e^${u}`} - 1)`;
      const fx = f === 'exp' ? 'e^{x^2}' : `\\${f}(x^2)`;
      const value = term(k, G(c * c), 2);
      return {
        text: `Evaluate $\\displaystyle\\int_0^{${k * c}}\\int_{${k === 1 ? 'y' : `y/${k}`}}^{${c}} ${fx}\\,dx\\,dy$.`,
        solution: [
          `The region is $0 \\le y \\le ${k * c}$, $${k === 1 ? 'y' : `y/${k}`} \\le x \\le ${c}$: the triangle $0 \\le x \\le ${c}$, $0 \\le y \\le ${term(k, 'x').replace('*', '')}$.`,
          `Reversed: $\\int_0^{${c}}\\int_0^{${term(k, 'x').replace('*', '')}} ${fx}\\,dy\\,dx = \\int_0^{${c}} ${term(k, 'x').replace('*', '')}\\,${fx}\\,dx$.`,
          `With $w = x^2$, $dw = 2x\\,dx$: $\\frac{${k}}{2}\\int_0^{${c * c}} ${f === 'exp' ? 'e^{w}' : `\\${f} w`}\\,dw = ${math(value)}$.`,
        ],
        answer: { kind: 'number', value },
        mistakes: distinctMistakes(value, [
          { value: term(k, G(c * c)), mistake: 'forgot the factor 1/2 from dw = 2x dx' },
          {
            value: term(1, G(c * c), 2),
            mistake: `dropped the factor ${k}: the inner integral over y has length ${k}x`,
          },
          {
            value: term(k, G(c), 2),
            mistake: `kept the upper limit ${c} after substituting w = x^2 (it becomes ${c * c})`,
          },
        ]),
      };
    }
    // ∫_0^{kc^2} ∫_{sqrt(x/k)}^{c} g(y^3) dy dx = ∫_0^c ∫_0^{k y^2} g(y^3) dx dy = (k/3) ∫_0^{c^3} g(w) dw.
    const H = (u: number) => (f === 'exp' ? `(${u === 1 ? 'e' : `e^${u}`} - 1)` : `ln(${u + 1})`);
    const gy = f === 'exp' ? 'e^{y^3}' : '\\frac{1}{y^3 + 1}';
    const value = term(k, H(c ** 3), 3);
    return {
      text: `Evaluate $\\displaystyle\\int_0^{${k * c * c}}\\int_{\\sqrt{${k === 1 ? 'x' : `x/${k}`}}}^{${c}} ${gy}\\,dy\\,dx$ by reversing the order of integration.`,
      solution: [
        `The region is $0 \\le x \\le ${k * c * c}$, $\\sqrt{${k === 1 ? 'x' : `x/${k}`}} \\le y \\le ${c}$, that is $0 \\le y \\le ${c}$, $0 \\le x \\le ${k === 1 ? '' : k}y^2$.`,
        `Reversed: $\\int_0^{${c}}\\int_0^{${k === 1 ? '' : k}y^2} ${gy}\\,dx\\,dy = \\int_0^{${c}} ${k === 1 ? '' : k}y^2\\,${gy}\\,dy$.`,
        `With $w = y^3$, $dw = 3y^2\\,dy$: $\\frac{${k}}{3}\\int_0^{${c ** 3}} ${f === 'exp' ? 'e^{w}' : '\\frac{dw}{w + 1}'}${f === 'exp' ? '\\,dw' : ''} = ${math(value)}$.`,
      ],
      answer: { kind: 'number', value },
      mistakes: distinctMistakes(value, [
        { value: term(k, H(c ** 3)), mistake: 'forgot the factor 1/3 from dw = 3y^2 dy' },
        {
          value: term(1, H(c ** 3), 3),
          mistake: `dropped the factor ${k}: the inner integral over x has length ${k}y^2`,
        },
        { value: term(k, H(c * c), 3), mistake: `used ${c * c} instead of ${c ** 3} as the upper limit for w = y^3` },
      ]),
    };
  },
  verify: ({ form, f, c, k }, draft) => {
    // The integral in the order it is given (the cube form with x = k s^2, which keeps the integrand smooth at 0).
    if (form === 'square') {
      const g = f === 'cos' ? Math.cos : f === 'sin' ? Math.sin : Math.exp;
      return numberIs(
        draft.answer.value,
        gauss((y) => gauss((x) => g(x * x), y / k, c, 2), 0, k * c, 2),
      );
    }
    const g = f === 'exp' ? (w: number) => Math.exp(w) : (w: number) => 1 / (w + 1);
    return numberIs(
      draft.answer.value,
      gauss((s) => 2 * k * s * gauss((y) => g(y ** 3), s, c, 2), 0, c, 2),
    );
  },
});

export const tripleRectangular = defineGenerator({
  patternId: 'calc3-triple-integrals-rectangular',
  difficulty: 3,
  difficultyReason:
    'Bounds from the picture: z up to a plane, y up to a parabola, then a polynomial integrated inside out.',
  estimatedMinutes: 9,
  techniques: ['triple integrals', 'iterated integrals'],
  params: (d) => ({ f: d.pick(['1', 'x', 'y']), p: d.int(1, 4), q: d.int(1, 4), L: d.pick([1, 2]) }),
  build: ({ f, p, q, L }): VariantDraft => {
    // E: 0 <= x <= L, 0 <= y <= x^2, 0 <= z <= p x + q y.
    const exact: Record<string, Rational> = {
      '1': addR(rat(p * L ** 4, 4), rat(q * L ** 5, 10)),
      x: addR(rat(p * L ** 5, 5), rat(q * L ** 6, 12)),
      y: addR(rat(p * L ** 6, 12), rat(q * L ** 7, 21)),
    };
    // The same with y up to x instead of x^2.
    const lineBound: Record<string, Rational> = {
      '1': mulR(addR(rat(p), rat(q, 2)), rat(L ** 3, 3)),
      x: mulR(addR(rat(p), rat(q, 2)), rat(L ** 4, 4)),
      y: mulR(addR(rat(p, 2), rat(q, 3)), rat(L ** 4, 4)),
    };
    // Without the 1/2 of the integral of y (or of y times p x).
    const noHalf: Record<string, Rational> = {
      '1': addR(rat(p * L ** 4, 4), rat(q * L ** 5, 5)),
      x: addR(rat(p * L ** 5, 5), rat(q * L ** 6, 6)),
      y: addR(rat(p * L ** 6, 6), rat(q * L ** 7, 21)),
    };
    const value = ratText(exact[f]!);
    const plane = sum(term(p, 'x'), term(q, 'y'));
    const inner = { '1': plane, x: `x*(${plane})`, y: `y*(${plane})` }[f]!;
    const afterY = {
      '1': sum(term(p, 'x^3'), term(q, 'x^4', 2)),
      x: sum(term(p, 'x^4'), term(q, 'x^5', 2)),
      y: sum(term(p, 'x^5', 2), term(q, 'x^6', 3)),
    }[f]!;
    return {
      text:
        f === '1'
          ? `Find the volume of the solid that lies under the plane $z = ${math(plane)}$ and above the region in the $xy$-plane bounded by $y = x^2$, $y = 0$ and $x = ${L}$.`
          : `Evaluate $\\displaystyle\\iiint_E ${f}\\,dV$, where $E$ is the solid that lies under the plane $z = ${math(plane)}$ and above the region in the $xy$-plane bounded by $y = x^2$, $y = 0$ and $x = ${L}$.`,
      solution: [
        `$E$: $0 \\le x \\le ${L}$, $0 \\le y \\le x^2$, $0 \\le z \\le ${math(plane)}$. The innermost integral gives $${math(inner)}$.`,
        `Integrating in $y$ from $0$ to $x^2$: $${math(afterY)}$.`,
        `Integrating in $x$ from $0$ to $${L}$: $${math(value)}$.`,
      ],
      answer: { kind: 'number', value },
      mistakes: distinctMistakes(value, [
        { value: ratText(lineBound[f]!), mistake: 'took y from 0 to x instead of from 0 to x^2' },
        { value: ratText(noHalf[f]!), mistake: 'integrated y (or y^2) in y without its factor 1/2 (or 1/3)' },
        f === '1'
          ? { value: ratText(rat(p * L ** 4, 4)), mistake: 'dropped the q y term of the upper surface' }
          : { value: ratText(exact['1']!), mistake: `computed the volume, forgetting the integrand ${f}` },
      ]),
    };
  },
  verify: ({ f, p, q, L }, draft) => {
    const g = (x: number, y: number, z: number) => (f === '1' ? 1 : f === 'x' ? x : y) + 0 * z;
    const I = gauss((x) => gauss((y) => gauss((z) => g(x, y, z), 0, p * x + q * y, 1), 0, x * x, 1), 0, L, 1);
    return numberIs(draft.answer.value, I, 1e-9);
  },
});

export const tripleCylindrical = defineGenerator({
  patternId: 'calc3-triple-integrals-cylindrical',
  difficulty: 3,
  difficultyReason:
    'A solid of revolution about the z-axis: cylindrical bounds from the paraboloid and the plane, and the factor r.',
  estimatedMinutes: 8,
  techniques: ['cylindrical coordinates', 'triple integrals'],
  params: (d) => ({ f: d.pick(['1', 'z', 'r2', 'r']), c: d.int(1, 3), m: d.int(1, 3) }),
  build: ({ f, c, m }): VariantDraft => {
    // E: c(x^2 + y^2) <= z <= H with H = c m^2, so the disk under it has radius m.
    const H = c * m * m;
    const answers: Record<string, [Rational, Rational, Rational, string, string]> = {
      // [answer, without r, under the paraboloid, integrand in cylindrical, after z]
      '1': [rat(c * m ** 4, 2), rat(4 * c * m ** 3, 3), rat(c * m ** 4, 2), '1', `${H} - ${c === 1 ? '' : c}r^2`],
      z: [
        rat(c * c * m ** 6, 3),
        rat(4 * c * c * m ** 5, 5),
        rat(c * c * m ** 6, 6),
        'z',
        `\\frac{${H * H} - ${c * c}r^4}{2}`,
      ],
      r2: [
        rat(c * m ** 6, 6),
        rat(4 * c * m ** 5, 15),
        rat(c * m ** 6, 3),
        'r^2',
        `r^2(${H} - ${c === 1 ? '' : c}r^2)`,
      ],
      r: [rat(4 * c * m ** 5, 15), rat(c * m ** 4, 2), rat(2 * c * m ** 5, 5), 'r', `r(${H} - ${c === 1 ? '' : c}r^2)`],
    };
    const [exact, noR, below, integrand, afterZ] = answers[f]!;
    const value = piText(exact);
    const surface = math(term(c, '(x^2 + y^2)'));
    const fText = { '1': '', z: 'z', r2: '(x^2 + y^2)', r: '\\sqrt{x^2 + y^2}' }[f]!;
    return {
      text:
        f === '1'
          ? `Find the volume of the solid bounded by the paraboloid $z = ${surface}$ and the plane $z = ${H}$.`
          : `Evaluate $\\displaystyle\\iiint_E ${fText}\\,dV$, where $E$ is the solid bounded by the paraboloid $z = ${surface}$ and the plane $z = ${H}$.`,
      solution: [
        `The surfaces meet where $${c === 1 ? '' : c}r^2 = ${H}$, i.e. $r = ${m}$: $E$ is $0 \\le \\theta \\le 2\\pi$, $0 \\le r \\le ${m}$, $${c === 1 ? '' : c}r^2 \\le z \\le ${H}$, with $dV = r\\,dz\\,dr\\,d\\theta$.`,
        `The integral in $z$ of $${integrand}$ gives $${afterZ}$; then $2\\pi\\int_0^{${m}} ${afterZ.includes('frac') ? `\\left(${afterZ}\\right)` : `(${afterZ})`}\\,r\\,dr$.`,
        `$= ${math(value)}$.`,
      ],
      answer: { kind: 'number', value },
      mistakes: distinctMistakes(value, [
        { value: piText(noR), mistake: 'forgot the factor r in dV = r dz dr dtheta' },
        { value: ratText(mulR(exact, [1, 2])), mistake: 'forgot the factor 2pi from integrating in theta' },
        { value: piText(below), mistake: 'took z from 0 up to the paraboloid, the solid below it' },
      ]),
    };
  },
  verify: ({ f, c, m }, draft) => {
    const H = c * m * m;
    const g = (x: number, y: number, z: number) =>
      f === '1' ? 1 : f === 'z' ? z : f === 'r2' ? x * x + y * y : Math.hypot(x, y);
    // Rectangular coordinates over the disk, z from the paraboloid to the plane.
    const I = overDisk(m, (x, y) => gauss((z) => g(x, y, z), c * (x * x + y * y), H, 1), f === 'r' ? 6 : 2);
    return numberIs(draft.answer.value, I, f === 'r' ? 1e-6 : 1e-8);
  },
});

/** Cones z = sqrt(c (x^2 + y^2)) as the angle phi they make with the z-axis; 2(1 - cos(phi)) = 2 - sqrt(surd) (1 when 0). */
const cones = {
  '1': { phi: Math.PI / 4, angle: '\\pi/4', surd: 2, surface: '\\sqrt{x^2 + y^2}' },
  '3': { phi: Math.PI / 6, angle: '\\pi/6', surd: 3, surface: '\\sqrt{3(x^2 + y^2)}' },
  '1/3': { phi: Math.PI / 3, angle: '\\pi/3', surd: 0, surface: '\\sqrt{\\frac{x^2 + y^2}{3}}' },
} as const;
type Cone = keyof typeof cones;

export const tripleSpherical = defineGenerator({
  patternId: 'calc3-triple-integrals-spherical',
  difficulty: 3,
  difficultyReason: 'Balls, hemispheres, shells and cones in spherical coordinates, with dV = rho^2 sin(phi).',
  estimatedMinutes: 9,
  techniques: ['spherical coordinates', 'triple integrals'],
  params: (d) => {
    const [a, b] = d.distinct(2, 1, 5).sort((x, y) => x - y);
    return {
      form: d.pick(['ball', 'hemisphere', 'cone', 'shell']),
      // The integrand: x^2 + y^2 + z^2 or z^2 over the ball, z^2 or z over the hemisphere.
      f: d.pick(['rho2', 'z']),
      cone: d.pick(['1', '3', '1/3']),
      R: d.int(1, 5),
      a: a!,
      b: b!,
    };
  },
  build: ({ form, f, cone, R, a, b }): VariantDraft => {
    if (form === 'ball') {
      // (x^2 + y^2 + z^2) integrates to 4 pi R^5/5 over the ball; z^2 (= rho^2 cos^2 phi) to a third of that.
      const third = f === 'z';
      const value = piText(rat(4 * R ** 5, third ? 15 : 5));
      const integrand = third ? 'z^2' : '(x^2 + y^2 + z^2)';
      return {
        text: `Evaluate $\\displaystyle\\iiint_B ${math(integrand)}\\,dV$, where $B$ is the ball $x^2 + y^2 + z^2 \\le ${R * R}$.`,
        solution: [
          `In spherical coordinates the integrand is $${third ? '\\rho^2\\cos^2\\phi' : '\\rho^2'}$ and $dV = \\rho^2\\sin\\phi\\,d\\rho\\,d\\phi\\,d\\theta$, over $0 \\le \\rho \\le ${R}$, $0 \\le \\phi \\le \\pi$, $0 \\le \\theta \\le 2\\pi$.`,
          `$\\int_0^{2\\pi}d\\theta\\int_0^{\\pi}${third ? '\\cos^2\\phi\\,' : ''}\\sin\\phi\\,d\\phi\\int_0^{${R}}\\rho^4\\,d\\rho = 2\\pi\\cdot ${third ? '\\frac{2}{3}' : '2'}\\cdot\\frac{${R ** 5}}{5}$.`,
          `$= ${math(value)}$.`,
        ],
        answer: { kind: 'number', value },
        mistakes: distinctMistakes(value, [
          third
            ? { value: piText(rat(4 * R ** 5, 5)), mistake: 'wrote z^2 = rho^2, forgetting cos^2(phi)' }
            : {
                value: piText(rat(4 * R ** 3, 3)),
                mistake: 'forgot the integrand and computed the volume of the ball',
              },
          third
            ? { value: `pi^2*${R ** 3}/3`, mistake: 'forgot rho^2 sin(phi) in dV' }
            : { value: `2*pi^2*${R ** 5}/5`, mistake: 'left out sin(phi), integrating dphi over [0, pi] to pi' },
          { value: piText(rat(2 * R ** 5, third ? 15 : 5)), mistake: 'let phi run over [0, pi/2] only' },
        ]),
      };
    }
    if (form === 'hemisphere') {
      const square = f === 'rho2';
      const value = square ? piText(rat(2 * R ** 5, 15)) : piText(rat(R ** 4, 4));
      return {
        text: `Evaluate $\\displaystyle\\iiint_E ${square ? 'z^2' : 'z'}\\,dV$, where $E$ is the upper half of the ball $x^2 + y^2 + z^2 \\le ${R * R}$.`,
        solution: [
          `$z = \\rho\\cos\\phi$ and $E$ is $0 \\le \\rho \\le ${R}$, $0 \\le \\phi \\le \\pi/2$, $0 \\le \\theta \\le 2\\pi$.`,
          square
            ? `$\\int_0^{2\\pi}d\\theta\\int_0^{\\pi/2}\\cos^2\\phi\\sin\\phi\\,d\\phi\\int_0^{${R}}\\rho^4\\,d\\rho = 2\\pi\\cdot\\frac{1}{3}\\cdot\\frac{${R ** 5}}{5}$.`
            : `$\\int_0^{2\\pi}d\\theta\\int_0^{\\pi/2}\\cos\\phi\\sin\\phi\\,d\\phi\\int_0^{${R}}\\rho^3\\,d\\rho = 2\\pi\\cdot\\frac{1}{2}\\cdot\\frac{${R ** 4}}{4}$.`,
          `$= ${math(value)}$.`,
        ],
        answer: { kind: 'number', value },
        mistakes: distinctMistakes(
          value,
          square
            ? [
                { value: piText(rat(2 * R ** 5, 5)), mistake: 'wrote z^2 = rho^2, forgetting cos^2(phi)' },
                { value: piText(rat(4 * R ** 5, 15)), mistake: 'integrated over the whole ball' },
                { value: `pi^2*${R ** 3}/6`, mistake: 'forgot rho^2 sin(phi) in dV' },
              ]
            : [
                { value: `pi^2*${R ** 4}/8`, mistake: 'wrote z = rho sin(phi) instead of rho cos(phi)' },
                {
                  value: piText(rat(R ** 4, 2)),
                  mistake: 'integrated cos(phi) sin(phi) over [0, pi/2] to 1 instead of 1/2',
                },
                { value: piText(rat(R * R)), mistake: 'forgot rho^2 sin(phi) in dV' },
              ],
        ),
      };
    }
    if (form === 'cone') {
      const { angle, surd: root, surface } = cones[cone as Cone];
      // V = (2 pi R^3/3)(1 - cos(phi)) = (pi R^3/3)(2 - sqrt(k)), or pi R^3/3 at phi = pi/3.
      const volume = (times: Rational) => {
        const [n, d] = mulR(rat(R ** 3, 3), times);
        return root ? term(n, `pi*(2 - sqrt(${root}))`, d) : piText([n, d]);
      };
      const value = volume(rat(1));
      return {
        text: `Find the volume of the solid that lies above the cone $z = ${surface}$ and below the sphere $x^2 + y^2 + z^2 = ${R * R}$.`,
        solution: [
          `The cone is $\\phi = ${angle}$: the solid is $0 \\le \\rho \\le ${R}$, $0 \\le \\phi \\le ${angle}$, $0 \\le \\theta \\le 2\\pi$.`,
          `$V = \\int_0^{2\\pi}d\\theta\\int_0^{${angle}}\\sin\\phi\\,d\\phi\\int_0^{${R}}\\rho^2\\,d\\rho = 2\\pi\\left(1 - \\cos\\left(${angle}\\right)\\right)\\frac{${R ** 3}}{3}$.`,
          `$V = ${math(value)}$.`,
        ],
        answer: { kind: 'number', value },
        mistakes: distinctMistakes(value, [
          { value: piText(rat(2 * R ** 3, 3)), mistake: 'let phi run to pi/2: the whole upper half of the ball' },
          { value: volume(rat(3)), mistake: 'forgot the 1/3 from integrating rho^2' },
          { value: volume(rat(1, 2)), mistake: 'integrated theta over [0, pi] only' },
        ]),
      };
    }
    const value = piText(rat(4 * (b ** 5 - a ** 5), 15));
    return {
      text: `Evaluate $\\displaystyle\\iiint_E (x^2 + y^2)\\,dV$, where $E$ is the region between the spheres $x^2 + y^2 + z^2 = ${a * a}$ and $x^2 + y^2 + z^2 = ${b * b}$ that lies above the $xy$-plane.`,
      solution: [
        `$x^2 + y^2 = \\rho^2\\sin^2\\phi$; $E$ is $${a} \\le \\rho \\le ${b}$, $0 \\le \\phi \\le \\pi/2$, $0 \\le \\theta \\le 2\\pi$.`,
        `$\\int_0^{2\\pi}d\\theta\\int_0^{\\pi/2}\\sin^3\\phi\\,d\\phi\\int_{${a}}^{${b}}\\rho^4\\,d\\rho = 2\\pi\\cdot\\frac{2}{3}\\cdot\\frac{${b ** 5} - ${a ** 5}}{5}$.`,
        `$= ${math(value)}$.`,
      ],
      answer: { kind: 'number', value },
      mistakes: distinctMistakes(value, [
        { value: piText(rat(2 * (b ** 5 - a ** 5), 5)), mistake: 'wrote x^2 + y^2 = rho^2, forgetting sin^2(phi)' },
        {
          value: piText(rat(8 * (b ** 5 - a ** 5), 15)),
          mistake: 'integrated over the whole shell, not only above the xy-plane',
        },
        { value: piText(rat(4 * (b ** 3 - a ** 3), 9)), mistake: 'forgot rho^2 in dV' },
      ]),
    };
  },
  verify: ({ form, f, cone, R, a, b }, draft) => {
    // Quadrature of the spherical iterated integral, with the integrand written in x, y, z.
    const regions: Record<
      string,
      { rho: [number, number]; phi: number; g: (x: number, y: number, z: number) => number }
    > = {
      ball: { rho: [0, R], phi: Math.PI, g: f === 'z' ? (_x, _y, z) => z * z : (x, y, z) => x * x + y * y + z * z },
      hemisphere: { rho: [0, R], phi: Math.PI / 2, g: f === 'rho2' ? (_x, _y, z) => z * z : (_x, _y, z) => z },
      cone: { rho: [0, R], phi: cones[cone as Cone].phi, g: () => 1 },
      shell: { rho: [a, b], phi: Math.PI / 2, g: (x, y) => x * x + y * y },
    };
    const region = regions[form]!;
    const I = gauss(
      (theta) =>
        gauss(
          (phi) =>
            gauss(
              (rho) => {
                const [x, y, z] = [
                  rho * Math.sin(phi) * Math.cos(theta),
                  rho * Math.sin(phi) * Math.sin(theta),
                  rho * Math.cos(phi),
                ];
                return region.g(x, y, z) * rho * rho * Math.sin(phi);
              },
              region.rho[0],
              region.rho[1],
              1,
            ),
          0,
          region.phi,
          1,
        ),
      0,
      2 * Math.PI,
      1,
    );
    return numberIs(draft.answer.value, I, 1e-8);
  },
});

/** Flux of F outward through the sphere of radius R, by quadrature over (phi, theta): no divergence theorem. */
function sphereFlux(
  F: (x: number, y: number, z: number) => [number, number, number],
  R: number,
  upper = false,
): number {
  return gauss(
    (theta) =>
      gauss(
        (phi) => {
          const n = [Math.sin(phi) * Math.cos(theta), Math.sin(phi) * Math.sin(theta), Math.cos(phi)];
          const v = F(R * n[0]!, R * n[1]!, R * n[2]!);
          return (v[0] * n[0]! + v[1] * n[1]! + v[2] * n[2]!) * R * R * Math.sin(phi);
        },
        0,
        upper ? Math.PI / 2 : Math.PI,
        2,
      ),
    0,
    2 * Math.PI,
    2,
  );
}

export const divergenceTheorem = defineGenerator({
  patternId: 'calc3-stokes-divergence-divergence',
  difficulty: 3,
  difficultyReason:
    'The flux through a closed surface is the triple integral of div F; the surface integral itself is long.',
  estimatedMinutes: 8,
  techniques: ['divergence theorem', 'spherical coordinates'],
  params: (d) => ({
    form: d.pick(['sphere', 'box']),
    a: d.nonzero(-2, 2),
    p: d.int(-3, 3),
    q: d.int(-3, 3),
    r: d.int(-3, 3),
    R: d.int(1, 3),
    B: d.int(1, 3),
    C: d.int(1, 3),
  }),
  build: ({ form, a, p, q, r, R, B, C }): VariantDraft => {
    if (form === 'sphere') {
      const F = [
        sum(term(a, 'x^3'), term(p, 'x'), 'y*z^2'),
        sum(term(a, 'y^3'), term(q, 'y'), 'x^2*z'),
        sum(term(a, 'z^3'), term(r, 'z'), 'x*y'),
      ];
      const s = p + q + r;
      const I = rat(36 * a * R ** 5 + 20 * s * R ** 3, 15);
      if (I[0] === 0) throw new Error('zero flux');
      const value = piText(I);
      return {
        text: `Use the divergence theorem to compute the outward flux of $\\mathbf F(x,y,z) = ${vec(F.map(math))}$ across the sphere $x^2 + y^2 + z^2 = ${R * R}$.`,
        solution: [
          `$\\nabla\\cdot\\mathbf F = ${math(sum(term(3 * a, '(x^2 + y^2 + z^2)'), term(s)))}$ (the terms $yz^2$, $x^2z$, $xy$ do not depend on the variable they are differentiated in).`,
          `In spherical coordinates: $\\int_0^{2\\pi}\\int_0^{\\pi}\\int_0^{${R}} (${math(sum(term(3 * a, 'rho^2'), term(s)))})\\rho^2\\sin\\phi\\,d\\rho\\,d\\phi\\,d\\theta = 4\\pi\\left(${math(term(3 * a, `${R ** 5}`, 5))} + ${math(term(s, `${R ** 3}`, 3))}\\right)$.`,
          `The flux is $${math(value)}$.`,
        ],
        answer: { kind: 'number', value },
        mistakes: distinctMistakes(value, [
          {
            value: piText(rat(12 * a * R ** 5 + 20 * s * R ** 3, 15)),
            mistake: 'differentiated x^3 to x^2, dropping the factor 3',
          },
          { value: piText(rat(4 * s * R ** 3, 3)), mistake: 'took div F at the origin times the volume of the ball' },
          { value: piText(mulR(I, [-1, 1])), mistake: 'used the inward normal' },
        ]),
      };
    }
    const A = R;
    const F = [sum(term(p || 1, 'x^2'), 'y*z'), sum(term(q || 1, 'y^2'), 'x*z'), sum(term(r || 1, 'z^2'), 'x*y')];
    const [pp, qq, rr] = [p || 1, q || 1, r || 1];
    const flux = A * B * C * (pp * A + qq * B + rr * C);
    if (flux === 0) throw new Error('zero flux');
    const value = String(flux);
    return {
      text: `Use the divergence theorem to compute the outward flux of $\\mathbf F(x,y,z) = ${vec(F.map(math))}$ across the boundary of the box $0 \\le x \\le ${A}$, $0 \\le y \\le ${B}$, $0 \\le z \\le ${C}$.`,
      solution: [
        `$\\nabla\\cdot\\mathbf F = ${math(sum(term(2 * pp, 'x'), term(2 * qq, 'y'), term(2 * rr, 'z')))}$.`,
        `$\\int_0^{${A}}\\int_0^{${B}}\\int_0^{${C}} (${math(sum(term(2 * pp, 'x'), term(2 * qq, 'y'), term(2 * rr, 'z')))})\\,dz\\,dy\\,dx = ${math(sum(term(pp * A * A * B * C), term(qq * A * B * B * C), term(rr * A * B * C * C)))}$.`,
        `The flux is $${value}$.`,
      ],
      answer: { kind: 'number', value },
      mistakes: distinctMistakes(value, [
        { value: frac(flux, 2), mistake: 'differentiated x^2 to x, dropping the factor 2' },
        { value: String(2 * A * B * C * (pp + qq + rr)), mistake: 'took div F as the constant 2p + 2q + 2r' },
        { value: String(-flux), mistake: 'used the inward normal' },
      ]),
    };
  },
  verify: ({ form, a, p, q, r, R, B, C }, draft) => {
    if (form === 'sphere') {
      const F = (x: number, y: number, z: number): [number, number, number] => [
        a * x ** 3 + p * x + y * z * z,
        a * y ** 3 + q * y + x * x * z,
        a * z ** 3 + r * z + x * y,
      ];
      return numberIs(draft.answer.value, sphereFlux(F, R), 1e-8);
    }
    // The six faces of the box, each with its outward normal.
    const [pp, qq, rr] = [p || 1, q || 1, r || 1];
    const P = (x: number, y: number, z: number) => pp * x * x + y * z;
    const Q = (x: number, y: number, z: number) => qq * y * y + x * z;
    const S = (x: number, y: number, z: number) => rr * z * z + x * y;
    const A = R;
    const face = (f: (u: number, v: number) => number, U: number, V: number) =>
      gauss((u) => gauss((v) => f(u, v), 0, V, 1), 0, U, 1);
    const flux =
      face((y, z) => P(A, y, z) - P(0, y, z), B, C) +
      face((x, z) => Q(x, B, z) - Q(x, 0, z), A, C) +
      face((x, y) => S(x, y, C) - S(x, y, 0), A, B);
    return numberIs(draft.answer.value, flux, 1e-9);
  },
});

export const surfaceArea = defineGenerator({
  patternId: 'calc3-surface-integrals-scalar',
  difficulty: 3,
  difficultyReason: 'The area element sqrt(1 + g_x^2 + g_y^2) dA over the projected disk, in polar coordinates.',
  estimatedMinutes: 8,
  techniques: ['surface area', 'surface integrals', 'polar coordinates'],
  params: (d) => ({
    form: d.pick(['paraboloid', 'plane', 'cap']),
    s: d.pick([3, 5, 7]),
    c: d.int(1, 3),
    p: d.int(-3, 3),
    q: d.nonzero(-3, 3),
    R: d.int(1, 4),
    h: d.int(1, 3),
  }),
  build: ({ form, s, c, p, q, R, h }): VariantDraft => {
    if (form === 'paraboloid') {
      const cH = (s * s - 1) / 4;
      if (cH % c !== 0) throw new Error('H would not be a whole number');
      const H = cH / c;
      const value = piText(rat(s ** 3 - 1, 6 * c * c));
      return {
        text: `Find the area of the part of the paraboloid $z = ${math(term(c, '(x^2 + y^2)'))}$ that lies below the plane $z = ${H}$.`,
        solution: [
          `With $g = ${math(term(c, '(x^2 + y^2)'))}$: $dS = \\sqrt{1 + ${4 * c * c}(x^2 + y^2)}\\,dA$, over the disk $x^2 + y^2 \\le ${frac(H, c)}$.`,
          `In polar coordinates: $\\int_0^{2\\pi}\\int_0^{${math(`sqrt(${frac(H, c)})`)}} \\sqrt{1 + ${4 * c * c}r^2}\\,r\\,dr\\,d\\theta = 2\\pi\\cdot\\frac{1}{${12 * c * c}}\\left[(1 + ${4 * c * c}r^2)^{3/2}\\right]_0^{${math(`sqrt(${frac(H, c)})`)}}$.`,
          `$= \\frac{\\pi}{${6 * c * c}}\\left(${s * s}^{3/2} - 1\\right) = ${math(value)}$.`,
        ],
        answer: { kind: 'number', value },
        mistakes: distinctMistakes(value, [
          { value: piText(rat(s ** 3, 6 * c * c)), mistake: 'dropped the value 1 at the lower limit r = 0' },
          { value: piText(rat(s ** 3 - 1, 12 * c * c)), mistake: 'integrated theta over [0, pi] only' },
          {
            value: piText(rat(H, c)),
            mistake: 'gave the area of the disk below the surface, forgetting the area element',
          },
        ]),
      };
    }
    if (form === 'plane') {
      const N = 1 + p * p + q * q;
      const [k, m] = splitSquare(N);
      const value = m === 1 ? piText(rat(R * R * k)) : term(R * R * k, `pi*sqrt(${m})`);
      const plane = sum(term(p, 'x'), term(q, 'y'), term(h));
      return {
        text: `Find the area of the part of the plane $z = ${math(plane)}$ that lies inside the cylinder $x^2 + y^2 = ${R * R}$.`,
        solution: [
          `$dS = \\sqrt{1 + z_x^2 + z_y^2}\\,dA = \\sqrt{1 + ${p * p} + ${q * q}}\\,dA = ${math(surd(N))}\\,dA$.`,
          `The projection is the disk of radius ${R}, of area $${math(piText(rat(R * R)))}$.`,
          `$A = ${math(surd(N))}\\cdot ${math(piText(rat(R * R)))} = ${math(value)}$.`,
        ],
        answer: { kind: 'number', value },
        mistakes: distinctMistakes(value, [
          { value: piText(rat(R * R)), mistake: 'gave the area of the disk, forgetting the area element' },
          { value: piText(rat(R * R * N)), mistake: 'forgot the square root in the area element' },
          { value: `${R * R}*pi*sqrt(${p * p + q * q})`, mistake: 'left out the 1 under the square root' },
        ]),
      };
    }
    const a = R + 1;
    const top = Math.min(h, a - 1);
    const value = piText(rat(2 * a * (a - top)));
    return {
      text: `Find the area of the part of the sphere $x^2 + y^2 + z^2 = ${a * a}$ that lies above the plane $z = ${top}$.`,
      solution: [
        `On the sphere $z = \\sqrt{${a * a} - x^2 - y^2}$ and $dS = \\dfrac{${a}}{\\sqrt{${a * a} - x^2 - y^2}}\\,dA$, over the disk $x^2 + y^2 \\le ${a * a - top * top}$.`,
        `In polar coordinates: $2\\pi\\int_0^{${math(surd(a * a - top * top))}} \\frac{${a}r}{\\sqrt{${a * a} - r^2}}\\,dr = 2\\pi\\cdot ${a}\\left[-\\sqrt{${a * a} - r^2}\\right]_0^{${math(surd(a * a - top * top))}} = 2\\pi\\cdot ${a}(${a} - ${top})$.`,
        `$= ${math(value)}$.`,
      ],
      answer: { kind: 'number', value },
      mistakes: distinctMistakes(value, [
        { value: piText(rat(2 * a * a)), mistake: 'gave the area of the whole upper hemisphere' },
        { value: piText(rat(2 * a * top)), mistake: 'used the height of the plane instead of the height of the cap' },
        { value: piText(rat(a * a - top * top)), mistake: 'gave the area of the disk below the cap' },
      ]),
    };
  },
  verify: ({ form, s, c, p, q, R, h }, draft) => {
    // The area element from numeric partial derivatives of the surface, over the projected disk.
    const element = (g: (x: number, y: number) => number) => (x: number, y: number) => {
      const e = 1e-6;
      const gx = (g(x + e, y) - g(x - e, y)) / (2 * e);
      const gy = (g(x, y + e) - g(x, y - e)) / (2 * e);
      return Math.sqrt(1 + gx * gx + gy * gy);
    };
    if (form === 'paraboloid') {
      const H = (s * s - 1) / 4 / c;
      return numberIs(
        draft.answer.value,
        overDisk(
          Math.sqrt(H / c),
          element((x, y) => c * (x * x + y * y)),
        ),
        1e-6,
      );
    }
    if (form === 'plane')
      return numberIs(
        draft.answer.value,
        overDisk(
          R,
          element((x, y) => p * x + q * y + h),
        ),
        1e-6,
      );
    const a = R + 1;
    const top = Math.min(h, a - 1);
    const rim = Math.sqrt(a * a - top * top);
    return numberIs(
      draft.answer.value,
      overDisk(
        rim,
        element((x, y) => Math.sqrt(a * a - x * x - y * y)),
      ),
      1e-6,
    );
  },
});

export const fluxIntegral = defineGenerator({
  patternId: 'calc3-surface-integrals-flux',
  difficulty: 3,
  difficultyReason: 'Parametrize, orient the normal as asked, dot it with F and integrate over the parameter domain.',
  estimatedMinutes: 9,
  techniques: ['flux integrals', 'orientation', 'polar coordinates'],
  params: (d) => ({
    form: d.pick(['paraboloid', 'hemisphere']),
    p: d.nonzero(-3, 3),
    q: d.nonzero(-3, 3),
    H: d.int(1, 4),
    inward: d.pick([0, 1]),
  }),
  build: ({ form, p, q, H, inward }): VariantDraft => {
    const F = [term(p, 'x'), term(p, 'y'), term(q, 'z')];
    const sgn = inward ? -1 : 1;
    if (2 * p + q === 0) throw new Error('zero flux');
    if (form === 'paraboloid') {
      // Upward normal (2x, 2y, 1): F . n = 2p r^2 + q (H - r^2) over r <= sqrt(H).
      const I = rat(sgn * H * H * (2 * p + q), 2);
      const rim = math(surd(H));
      const value = piText(I);
      return {
        text: `Let $S$ be the part of the paraboloid $z = ${H} - x^2 - y^2$ with $z \\ge 0$, oriented ${inward ? 'downward' : 'upward'}. Find the flux of $\\mathbf F(x,y,z) = ${vec(F.map(math))}$ across $S$.`,
        solution: [
          `As a graph $z = g(x,y)$, the upward normal is $\\langle -g_x, -g_y, 1\\rangle = \\langle 2x, 2y, 1\\rangle$${inward ? '; downward is its negative' : ''}.`,
          `$\\mathbf F\\cdot\\langle 2x, 2y, 1\\rangle = ${math(sum(term(2 * p, '(x^2 + y^2)'), term(q, `(${H} - x^2 - y^2)`)))}$; in polar coordinates over $r \\le ${rim}$: $2\\pi\\int_0^{${rim}} \\left(${math(sum(term(2 * p - q, 'r^2'), term(q * H)))}\\right) r\\,dr = ${math(piText(rat(H * H * (2 * p + q), 2)))}$.`,
          `${inward ? 'With the downward orientation, the' : 'The'} flux is $${math(value)}$.`,
        ],
        answer: { kind: 'number', value },
        mistakes: distinctMistakes(value, [
          { value: piText(mulR(I, [-1, 1])), mistake: `used the ${inward ? 'upward' : 'downward'} normal` },
          {
            value: piText(rat(sgn * H * H * (q - 2 * p), 2)),
            mistake: 'took the normal as (g_x, g_y, 1), with the wrong signs',
          },
          { value: piText(rat(sgn * q * H * H, 2)), mistake: 'kept only the k-component of the normal' },
        ]),
      };
    }
    const R = Math.min(H, 3);
    const I = rat(sgn * 2 * R ** 3 * (2 * p + q), 3);
    const value = piText(I);
    return {
      text: `Find the flux of $\\mathbf F(x,y,z) = ${vec(F.map(math))}$ across the upper hemisphere $x^2 + y^2 + z^2 = ${R * R}$, $z \\ge 0$, oriented ${inward ? 'toward the origin' : 'away from the origin'}.`,
      solution: [
        `The unit normal away from the origin is $\\mathbf n = \\frac{1}{${R}}\\langle x, y, z\\rangle$, so $\\mathbf F\\cdot\\mathbf n = \\frac{1}{${R}}\\left(${math(sum(term(p, '(x^2 + y^2)'), term(q, 'z^2')))}\\right)$.`,
        `By symmetry $\\iint_S x^2\\,dS = \\iint_S y^2\\,dS = \\iint_S z^2\\,dS = \\frac{1}{3}\\cdot ${R * R}\\cdot 2\\pi\\cdot ${R * R} = ${math(piText(rat(2 * R ** 4, 3)))}$.`,
        `The flux is $${inward ? '-' : ''}${R === 1 ? '' : `\\frac{1}{${R}}`}\\left(${math(sum(term(2 * p), term(q)))}\\right)\\cdot ${math(piText(rat(2 * R ** 4, 3)))} = ${math(value)}$.`,
      ],
      answer: { kind: 'number', value },
      mistakes: distinctMistakes(value, [
        { value: piText(mulR(I, [-1, 1])), mistake: `used the normal ${inward ? 'away from' : 'toward'} the origin` },
        { value: piText(mulR(I, [2, 1])), mistake: 'integrated over the whole sphere' },
        { value: piText(rat(sgn * 2 * R * (2 * p + q), 3)), mistake: 'forgot the factor R^2 in dS' },
      ]),
    };
  },
  verify: ({ form, p, q, H, inward }, draft) => {
    const sgn = inward ? -1 : 1;
    const F = (x: number, y: number, z: number): [number, number, number] => [p * x, p * y, q * z];
    if (form === 'paraboloid') {
      const g = (x: number, y: number) => H - x * x - y * y;
      const e = 1e-6;
      const flux = overDisk(Math.sqrt(H), (x, y) => {
        const [gx, gy] = [(g(x + e, y) - g(x - e, y)) / (2 * e), (g(x, y + e) - g(x, y - e)) / (2 * e)];
        const v = F(x, y, g(x, y));
        return -v[0] * gx - v[1] * gy + v[2];
      });
      return numberIs(draft.answer.value, sgn * flux, 1e-6);
    }
    return numberIs(draft.answer.value, sgn * sphereFlux(F, Math.min(H, 3), true), 1e-8);
  },
});

export const generators = [
  lineIntegralWork,
  lineIntegralScalar,
  conservativeField,
  greenCirculation,
  greenArea,
  doublePolar,
  reverseOrder,
  tripleRectangular,
  tripleCylindrical,
  tripleSpherical,
  divergenceTheorem,
  surfaceArea,
  fluxIntegral,
];
