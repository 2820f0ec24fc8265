import { frac, paren, shift, sum, term } from '../format.js';
import { defineGenerator, type VariantDraft } from '../generator.js';
import {
  components,
  cross,
  distinctMistakes,
  dot,
  math,
  minus,
  norm2,
  numberIs,
  point,
  surd,
  type Vec3,
} from './common.js';
import { at, close, derivativeAt } from './numeric.js';

const vec = (v: readonly number[]) => `\\langle ${v.join(', ')}\\rangle`;
const pt = (name: string, v: readonly number[]) => `${name}(${v.join(', ')})`;
const drawPoint = (d: { int(lo: number, hi: number): number }): Vec3 => [d.int(-2, 3), d.int(-2, 3), d.int(-2, 3)];

export const dotCrossApplications = defineGenerator({
  patternId: 'calc3-vectors-lines-planes-dot-cross-applications',
  difficulty: 2,
  difficultyReason: 'Edge vectors from the points, then a cross product (area) or a triple product (volume).',
  estimatedMinutes: 6,
  techniques: ['cross product', 'triple product'],
  params: (d) => ({
    form: d.pick(['triangle', 'parallelepiped']),
    p: drawPoint(d).join(','),
    q: drawPoint(d).join(','),
    r: drawPoint(d).join(','),
    s: drawPoint(d).join(','),
  }),
  build: ({ form, p, q, r, s }): VariantDraft => {
    const [P, Q, R, S] = [p, q, r, s].map((t) => t.split(',').map(Number) as Vec3) as [Vec3, Vec3, Vec3, Vec3];
    const [u, v] = [minus(Q, P), minus(R, P)];
    const n = cross(u, v);
    if (form === 'triangle') {
      const N = norm2(n);
      if (N === 0) throw new Error('collinear points');
      const value = surd(N, 2);
      return {
        text: `Find the area of the triangle with vertices $${pt('A', P)}$, $${pt('B', Q)}$ and $${pt('C', R)}$.`,
        solution: [
          `$\\overrightarrow{AB} = ${vec(u)}$ and $\\overrightarrow{AC} = ${vec(v)}$.`,
          `$\\overrightarrow{AB}\\times\\overrightarrow{AC} = ${vec(n)}$, of length $${math(surd(N))}$.`,
          `The triangle is half the parallelogram: area $= \\frac{1}{2}\\left|\\overrightarrow{AB}\\times\\overrightarrow{AC}\\right| = ${math(value)}$.`,
        ],
        answer: { kind: 'number', value },
        mistakes: distinctMistakes(value, [
          { value: surd(N), mistake: 'gave the area of the parallelogram, forgetting the factor 1/2' },
          { value: frac(N, 2), mistake: 'forgot the square root in the length of the cross product' },
          { value: surd(N, 6), mistake: 'divided by 6 as for the volume of a tetrahedron' },
        ]),
      };
    }
    const w = minus(S, P);
    const det = dot(u, cross(v, w));
    if (det === 0) throw new Error('coplanar edges');
    const value = String(Math.abs(det));
    const noMiddleSign =
      u[0] * (v[1] * w[2] - v[2] * w[1]) + u[1] * (v[0] * w[2] - v[2] * w[0]) + u[2] * (v[0] * w[1] - v[1] * w[0]);
    return {
      text: `Find the volume of the parallelepiped with adjacent edges $\\overrightarrow{PQ}$, $\\overrightarrow{PR}$ and $\\overrightarrow{PS}$, where $${pt('P', P)}$, $${pt('Q', Q)}$, $${pt('R', R)}$ and $${pt('S', S)}$.`,
      solution: [
        `$\\overrightarrow{PQ} = ${vec(u)}$, $\\overrightarrow{PR} = ${vec(v)}$, $\\overrightarrow{PS} = ${vec(w)}$.`,
        `The triple product is the determinant of these rows: $\\overrightarrow{PQ}\\cdot(\\overrightarrow{PR}\\times\\overrightarrow{PS}) = ${det}$.`,
        `The volume is its absolute value: $V = ${value}$.`,
      ],
      answer: { kind: 'number', value },
      mistakes: distinctMistakes(value, [
        { value: frac(Math.abs(det), 6), mistake: 'divided by 6 as for a tetrahedron' },
        {
          value: String(det < 0 ? det : -det),
          mistake: 'kept the sign of the triple product (a volume is its absolute value)',
        },
        {
          value: String(Math.abs(noMiddleSign)),
          mistake: 'expanded the determinant without the minus sign on the middle cofactor',
        },
        { value: surd(norm2(cross(v, w))), mistake: 'gave the area of the base |PR x PS| instead of the volume' },
      ]),
    };
  },
  verify: ({ form, p, q, r, s }, draft) => {
    const [P, Q, R, S] = [p, q, r, s].map((t) => t.split(',').map(Number) as Vec3) as [Vec3, Vec3, Vec3, Vec3];
    if (form === 'triangle') {
      // Heron's formula from the side lengths, without the cross product.
      const [a, b, c] = [Math.sqrt(norm2(minus(Q, P))), Math.sqrt(norm2(minus(R, Q))), Math.sqrt(norm2(minus(P, R)))];
      const h = (a + b + c) / 2;
      return numberIs(draft.answer.value, Math.sqrt(Math.max(0, h * (h - a) * (h - b) * (h - c))), 1e-6);
    }
    // The Gram determinant: V^2 = det of the matrix of dot products of the edges.
    const e = [minus(Q, P), minus(R, P), minus(S, P)];
    const G = e.map((x) => e.map((y) => dot(x, y)));
    const g = (i: number, j: number) => G[i]![j]!;
    const gram =
      g(0, 0) * (g(1, 1) * g(2, 2) - g(1, 2) * g(2, 1)) -
      g(0, 1) * (g(1, 0) * g(2, 2) - g(1, 2) * g(2, 0)) +
      g(0, 2) * (g(1, 0) * g(2, 1) - g(1, 1) * g(2, 0));
    return numberIs(draft.answer.value, Math.sqrt(gram), 1e-6);
  },
});

const lineText = (P: Vec3, d: Vec3, t = 't') =>
  ['x', 'y', 'z'].map((c, i) => `${c} = ${math(sum(term(P[i]!), term(d[i]!, t)))}`).join(',\\ ');

export const distance = defineGenerator({
  patternId: 'calc3-vectors-lines-planes-distance',
  difficulty: 2,
  difficultyReason:
    'Project a connecting vector onto the normal (plane) or take its cross product with the direction (line).',
  estimatedMinutes: 6,
  techniques: ['distance formulas', 'projection', 'cross product'],
  params: (d) => ({
    form: d.pick(['line', 'plane']),
    p: drawPoint(d).join(','),
    q: drawPoint(d).join(','),
    d: [d.int(-2, 2), d.int(-2, 2), d.nonzero(-2, 2)].join(','),
    k: d.int(-6, 6),
  }),
  build: ({ form, p, q, d: dir, k }): VariantDraft => {
    const P = p.split(',').map(Number) as Vec3;
    const Q = q.split(',').map(Number) as Vec3;
    const D = dir.split(',').map(Number) as Vec3;
    const w = minus(P, Q);
    if (form === 'line') {
      const C = norm2(cross(w, D));
      const L = norm2(D);
      if (C === 0) throw new Error('the point is on the line');
      const value = surd(C * L, L);
      return {
        text: `Find the distance from the point $${pt('P', P)}$ to the line $L$: $${lineText(Q, D)}$.`,
        solution: [
          `$${pt('Q', Q)}$ is on $L$ and $\\mathbf d = ${vec(D)}$ is its direction; $\\overrightarrow{QP} = ${vec(w)}$.`,
          `$\\overrightarrow{QP}\\times\\mathbf d = ${vec(cross(w, D))}$, of length $${math(surd(C))}$; $|\\mathbf d| = ${math(surd(L))}$.`,
          `$d = \\dfrac{|\\overrightarrow{QP}\\times\\mathbf d|}{|\\mathbf d|} = ${math(value)}$.`,
        ],
        answer: { kind: 'number', value },
        mistakes: distinctMistakes(value, [
          { value: surd(C), mistake: 'forgot to divide by the length of the direction vector' },
          { value: surd(C, L), mistake: 'divided by |d|^2 instead of |d|' },
          { value: surd(norm2(w)), mistake: 'gave the distance from P to the point Q of the line' },
        ]),
      };
    }
    // The plane through Q with normal D, written a x + b y + c z = e.
    const e = dot(D, Q) + k;
    const planeLhs = sum(term(D[0], 'x'), term(D[1], 'y'), term(D[2], 'z'));
    const num = dot(D, P) - e;
    if (num === 0) throw new Error('the point is on the plane');
    const L = norm2(D);
    const value = surd(num * num * L, L);
    return {
      text: `Find the distance from the point $${pt('P', P)}$ to the plane $${math(planeLhs)} = ${e}$.`,
      solution: [
        `The normal is $\\mathbf n = ${vec(D)}$, with $|\\mathbf n| = ${math(surd(L))}$.`,
        `$d = \\dfrac{|${D[0]}\\cdot ${P[0]} + ${D[1]}\\cdot ${P[1]} + ${D[2]}\\cdot ${P[2]} - ${e}|}{|\\mathbf n|} = \\dfrac{${Math.abs(num)}}{${math(surd(L))}}$.`,
        `So $d = ${math(value)}$.`,
      ],
      answer: { kind: 'number', value },
      mistakes: distinctMistakes(value, [
        { value: frac(Math.abs(num), L), mistake: 'divided by |n|^2 instead of |n|' },
        { value: surd(dot(D, P) ** 2 * L, L), mistake: `left out the constant ${e} of the plane's equation` },
        { value: String(Math.abs(num)), mistake: 'did not divide by the length of the normal' },
      ]),
    };
  },
  verify: ({ form, p, q, d: dir, k }, draft) => {
    const P = p.split(',').map(Number) as Vec3;
    const Q = q.split(',').map(Number) as Vec3;
    const D = dir.split(',').map(Number) as Vec3;
    if (form === 'line') {
      // Minimise |P - (Q + t d)|^2 over t by golden-section search, without the cross product.
      const f = (t: number) => norm2(minus(P, [Q[0] + t * D[0], Q[1] + t * D[1], Q[2] + t * D[2]]));
      let [lo, hi] = [-50, 50];
      for (let i = 0; i < 200; i++) {
        const [a, b] = [lo + (hi - lo) * 0.382, lo + (hi - lo) * 0.618];
        if (f(a) < f(b)) hi = b;
        else lo = a;
      }
      return numberIs(draft.answer.value, Math.sqrt(f((lo + hi) / 2)), 1e-6);
    }
    // The nearest point of the plane: a point X0 of the plane plus s u + t v, minimised by the 2x2 normal equations.
    const e = dot(D, Q) + k;
    const X0: Vec3 = [Q[0] + (k * D[0]) / norm2(D), Q[1] + (k * D[1]) / norm2(D), Q[2] + (k * D[2]) / norm2(D)];
    if (!close(dot(D, X0), e, 1e-12)) return 'reference point is not on the plane';
    const helper: Vec3 = Math.abs(D[0]) < 1 ? [1, 0, 0] : [0, 1, 0];
    const u = cross(D, helper);
    const v = cross(D, u);
    const r = minus(P, X0);
    const [a, b, c] = [dot(u, u), dot(u, v), dot(v, v)];
    const [ru, rv] = [dot(r, u), dot(r, v)];
    const det = a * c - b * b;
    const s = (ru * c - rv * b) / det;
    const t = (a * rv - b * ru) / det;
    const rest = minus(r, [s * u[0] + t * v[0], s * u[1] + t * v[1], s * u[2] + t * v[2]]);
    return numberIs(draft.answer.value, Math.sqrt(norm2(rest)), 1e-6);
  },
});

/** Splits `lhs = rhs` and returns lhs - rhs at a point. */
const residual = (equation: string, scope: Record<string, number>) => {
  const [lhs, rhs] = equation.split('=');
  return at(lhs!, scope) - at(rhs!, scope);
};

export const planeEquation = defineGenerator({
  patternId: 'calc3-vectors-lines-planes-plane-equation',
  difficulty: 2,
  difficultyReason: 'Two vectors in the plane, their cross product as the normal, then the point-normal form.',
  estimatedMinutes: 6,
  techniques: ['cross product', 'equation of a plane'],
  params: (d) => ({ p: drawPoint(d).join(','), q: drawPoint(d).join(','), r: drawPoint(d).join(',') }),
  build: ({ p, q, r }): VariantDraft => {
    const [P, Q, R] = [p, q, r].map((t) => t.split(',').map(Number) as Vec3) as [Vec3, Vec3, Vec3];
    const [u, v] = [minus(Q, P), minus(R, P)];
    const raw = cross(u, v);
    if (norm2(raw) === 0) throw new Error('collinear points');
    const g = raw.reduce((x, y) => {
      let [a, b] = [Math.abs(x), Math.abs(y)];
      while (b) [a, b] = [b, a % b];
      return a;
    }, 0);
    // Reduced, and with a positive first non-zero coefficient, as a teacher writes it.
    const sign = Math.sign(raw.find((c) => c !== 0)!);
    const n = raw.map((c) => (c * sign) / g) as Vec3;
    const e = dot(n, P);
    const lhs = (m: readonly number[]) => sum(term(m[0]!, 'x'), term(m[1]!, 'y'), term(m[2]!, 'z'));
    const value = `${lhs(n)} = ${e}`;
    // mathjs reads `a = b` as an assignment, so the LaTeX of the equation is written side by side.
    const latex = `${math(lhs(n))} = ${e}`;
    const flipped: Vec3 = [n[0], -n[1], n[2]];
    return {
      text: `Find an equation of the plane through the points $${pt('P', P)}$, $${pt('Q', Q)}$ and $${pt('R', R)}$.`,
      solution: [
        `$\\overrightarrow{PQ} = ${vec(u)}$ and $\\overrightarrow{PR} = ${vec(v)}$ lie in the plane.`,
        `A normal is $\\overrightarrow{PQ}\\times\\overrightarrow{PR} = ${vec(raw)}$${g * sign === 1 ? '' : `, or more simply $\\mathbf n = ${vec(n)}$`}.`,
        `Through $P$: $${math(sum(...['x', 'y', 'z'].map((c, i) => term(n[i]!, paren(shift(c, P[i]!))))))} = 0$, that is $${latex}$.`,
      ],
      answer: { kind: 'equation', value },
      mistakes: [
        { value: `${lhs(n)} = 0`, mistake: 'left out the constant: the plane must pass through P, not the origin' },
        ...(n[0] === 0 && n[2] === 0
          ? []
          : [
              {
                value: `${lhs(flipped)} = ${dot(flipped, P)}`,
                mistake: 'forgot the minus sign of the middle component of the cross product',
              },
            ]),
        { value: `${lhs(n)} = ${-e}`, mistake: 'sign error moving n . P to the right-hand side' },
      ].filter(
        (m, i, all) => m.value !== value && all.findIndex((o) => o.value === m.value) === i && (i !== 0 || e !== 0),
      ),
    };
  },
  verify: ({ p, q, r }, draft) => {
    for (const t of [p, q, r]) {
      const [x, y, z] = t.split(',').map(Number);
      if (Math.abs(residual(draft.answer.value, { x: x!, y: y!, z: z! })) > 1e-9) return `(${t}) is not on the plane`;
    }
    return undefined;
  },
});

export const linePlaneIntersection = defineGenerator({
  patternId: 'calc3-vectors-lines-planes-line-plane-intersection',
  difficulty: 2,
  difficultyReason: 'Substitute the parametric line into the plane, solve for the parameter, read off the point.',
  estimatedMinutes: 6,
  techniques: ['parametric lines', 'planes', 'projection'],
  params: (d) => ({
    form: d.pick(['intersection', 'mirror']),
    p: drawPoint(d).join(','),
    d: [d.int(-2, 2), d.int(-2, 2), d.nonzero(-2, 2)].join(','),
    n: [d.nonzero(-2, 2), d.int(-2, 2), d.nonzero(-2, 2)].join(','),
    t: d.nonzero(-2, 2),
  }),
  build: ({ form, p, d: dir, n: normal, t }): VariantDraft => {
    const P = p.split(',').map(Number) as Vec3;
    const D = dir.split(',').map(Number) as Vec3;
    const N = normal.split(',').map(Number) as Vec3;
    const plane = sum(term(N[0], 'x'), term(N[1], 'y'), term(N[2], 'z'));
    const along = (v: Vec3, s: number): Vec3 => [P[0] + s * v[0], P[1] + s * v[1], P[2] + s * v[2]];
    if (form === 'intersection') {
      const nd = dot(N, D);
      if (nd === 0) throw new Error('line parallel to the plane');
      const X = along(D, t);
      const e = dot(N, X);
      const value = point(X);
      // t' = (e + n.P)/(n.d): the sign of n.P flipped when moving it across; the point P + t' d over n.d.
      const moved = e + dot(N, P);
      return {
        text: `Find the point where the line $${lineText(P, D)}$ meets the plane $${math(plane)} = ${e}$.`,
        solution: [
          `Substitute the line into the plane: $${math(plane)}$ becomes $${dot(N, P)} ${nd < 0 ? '-' : '+'} ${Math.abs(nd)}t$.`,
          `$${dot(N, P)} ${nd < 0 ? '-' : '+'} ${Math.abs(nd)}t = ${e}$ gives $t = ${t}$.`,
          `At $t = ${t}$ the line is at $${value}$.`,
        ],
        answer: { kind: 'vector', value },
        mistakes: [
          { value: point(along(D, -t)), mistake: 'sign error solving for the parameter' },
          {
            value: point(
              [0, 1, 2].map((i) => P[i]! * nd + moved * D[i]!),
              nd,
            ),
            mistake: 'moved n . P to the right-hand side without changing its sign',
          },
          {
            value: point(D.map((c) => c * t)),
            mistake: 'gave t times the direction vector, forgetting the starting point',
          },
        ].filter((m, i, all) => m.value !== value && all.findIndex((o) => o.value === m.value) === i),
      };
    }
    // Mirror image of P in the plane n . x = e, where the foot of the perpendicular is P + t n.
    const foot = along(N, t);
    const e = dot(N, foot);
    const image = along(N, 2 * t);
    const value = point(image);
    return {
      text: `Find the mirror image $P^{*}$ of the point $${pt('P', P)}$ in the plane $${math(plane)} = ${e}$, that is, the point such that the plane is the perpendicular bisector of $PP^{*}$.`,
      solution: [
        `The perpendicular from $P$ has direction $\\mathbf n = ${vec(N)}$: $\\mathbf r(s) = ${vec(P)} + s${vec(N)}$.`,
        `Substituting into the plane: $${dot(N, P)} + ${norm2(N)}s = ${e}$, so $s = ${t}$ and the foot is $${point(foot)}$.`,
        `The image is twice as far along: $s = ${2 * t}$, $P^{*} = ${value}$.`,
      ],
      answer: { kind: 'vector', value },
      mistakes: [
        { value: point(foot), mistake: 'stopped at the foot of the perpendicular' },
        { value: point(along(N, -2 * t)), mistake: 'went the wrong way along the normal' },
        { value: point(along(N, 3 * t)), mistake: 'added 2s n to the foot instead of to P' },
      ].filter((m) => m.value !== value),
    };
  },
  verify: ({ form, p, d: dir, n: normal, t }, draft) => {
    const P = p.split(',').map(Number) as Vec3;
    const D = dir.split(',').map(Number) as Vec3;
    const N = normal.split(',').map(Number) as Vec3;
    const X = components(draft.answer.value) as Vec3;
    const towards = form === 'intersection' ? D : N;
    const e = dot(N, [P[0] + t * towards[0], P[1] + t * towards[1], P[2] + t * towards[2]]);
    if (form === 'intersection') {
      if (Math.abs(dot(N, X) - e) > 1e-9) return 'the point is not on the plane';
      return norm2(cross(minus(X, P), D)) < 1e-12 ? undefined : 'the point is not on the line';
    }
    const mid: Vec3 = [(X[0] + P[0]) / 2, (X[1] + P[1]) / 2, (X[2] + P[2]) / 2];
    if (Math.abs(dot(N, mid) - e) > 1e-9) return 'the midpoint of P P* is not on the plane';
    return norm2(cross(minus(X, P), N)) < 1e-12 ? undefined : 'P P* is not perpendicular to the plane';
  },
});

export const curveArcLength = defineGenerator({
  patternId: 'calc3-vector-functions-arc-length',
  difficulty: 3,
  difficultyReason: 'The speed is the square root of a perfect square; recognising it is the whole difficulty.',
  estimatedMinutes: 8,
  techniques: ['arc length', 'perfect squares'],
  params: (d) => ({ m: d.int(1, 4), n: d.int(1, 3), T: d.pick(['2', '3', 'e']) }),
  build: ({ m, n, T }): VariantDraft => {
    // r = <2mn t, m^2 t^2, n^2 ln t>: |r'|^2 = 4m^2n^2 + 4m^4 t^2 + n^4/t^2 = (2m^2 t + n^2/t)^2.
    const [m2, n2] = [m * m, n * n];
    const log = (c: number) => (T === 'e' ? term(c) : term(c, `ln(${T})`));
    // m^2 (T^2 - 1): the polynomial part of the length, at T minus at 1.
    const square = (c: number) => (T === 'e' ? sum(term(c, 'e^2'), term(-c)) : term(c * (Number(T) ** 2 - 1)));
    const value = sum(square(m2), log(n2));
    const r = `\\langle ${math(term(2 * m * n, 't'))},\\ ${math(term(m2, 't^2'))},\\ ${math(term(n2, 'ln(t)'))}\\rangle`;
    const upper = T === 'e' ? 'e' : T;
    return {
      text: `Find the length of the curve $\\mathbf r(t) = ${r}$ for $1 \\le t \\le ${upper}$.`,
      solution: [
        `$\\mathbf r'(t) = \\langle ${2 * m * n},\\ ${math(term(2 * m2, 't'))},\\ ${math(`${n2}/t`)}\\rangle$, so $|\\mathbf r'(t)|^2 = ${math(sum(term(4 * m2 * n2), term(4 * m2 * m2, 't^2'), `${n2 * n2}/t^2`))} = \\left(${math(sum(term(2 * m2, 't'), `${n2}/t`))}\\right)^2$.`,
        `$L = \\int_1^{${upper}} \\left(${math(sum(term(2 * m2, 't'), `${n2}/t`))}\\right)dt = \\left[${math(sum(term(m2, 't^2'), term(n2, 'ln(t)')))}\\right]_1^{${upper}}$.`,
        `$L = ${math(value)}$.`,
      ],
      answer: { kind: 'number', value },
      check: {
        type: 'definite-integral',
        integrand: `sqrt(${4 * m2 * n2} + ${4 * m2 * m2}*t^2 + ${n2 * n2}/t^2)`,
        var: 't',
        from: '1',
        to: upper,
      },
      mistakes: distinctMistakes(value, [
        {
          value: sum(square(m2), log(-n2)),
          mistake: 'took the speed as 2m^2 t - n^2/t (sign inside the perfect square)',
        },
        {
          value: sum(T === 'e' ? term(m2, 'e^2') : term(m2 * Number(T) ** 2), log(n2)),
          mistake: 'forgot to subtract the value at the lower limit t = 1',
        },
        { value: square(m2), mistake: 'dropped the logarithm from integrating n^2/t' },
      ]),
    };
  },
});

const sqrtText = (n: number) => math(surd(n));

export const curvature = defineGenerator({
  patternId: 'calc3-vector-functions-curvature',
  difficulty: 3,
  difficultyReason: "The cross-product formula needs r', r'', their cross product and the cube of the speed.",
  estimatedMinutes: 8,
  techniques: ['curvature', 'cross product'],
  // At t = ±1 the radicands stay exam-sized (at t = 2 they reach 10^5 and beyond).
  params: (d) => ({ a: d.int(1, 3), b: d.nonzero(-2, 2), c: d.nonzero(-2, 2), t0: d.pick([-1, 1]) }),
  build: ({ a, b, c, t0 }): VariantDraft => {
    const v: Vec3 = [a, 2 * b * t0, 3 * c * t0 * t0];
    const acc: Vec3 = [0, 2 * b, 6 * c * t0];
    const n = cross(v, acc);
    const [X, S] = [norm2(n), norm2(v)];
    if (X * S >= 1e5) throw new Error('the curvature would not be exam-sized');
    const value = surd(X * S, S * S);
    const r = `\\langle ${math(term(a, 't'))},\\ ${math(term(b, 't^2'))},\\ ${math(term(c, 't^3'))}\\rangle`;
    return {
      text: `Find the curvature of the curve $\\mathbf r(t) = ${r}$ at the point $(${a * t0}, ${b * t0 * t0}, ${c * t0 ** 3})$.`,
      solution: [
        `The point is at $t = ${t0}$: $\\mathbf r'(${t0}) = ${vec(v)}$ and $\\mathbf r''(${t0}) = ${vec(acc)}$.`,
        `$\\mathbf r'\\times\\mathbf r'' = ${vec(n)}$, of length $${sqrtText(X)}$; $|\\mathbf r'| = ${sqrtText(S)}$.`,
        `$\\kappa = \\dfrac{|\\mathbf r'\\times\\mathbf r''|}{|\\mathbf r'|^3} = \\dfrac{${sqrtText(X)}}{\\left(${sqrtText(S)}\\right)^3} = ${math(value)}$.`,
      ],
      answer: { kind: 'number', value },
      mistakes: distinctMistakes(value, [
        { value: surd(X, S), mistake: "divided by |r'|^2 instead of |r'|^3" },
        // Shown only while its denominator is exam-sized (an option with 10^5 in it is not a plausible answer).
        ...(S ** 3 < 1e5
          ? [{ value: surd(X, S ** 3), mistake: "divided by (|r'|^2)^3, forgetting the square root in |r'|" }]
          : []),
        { value: surd(norm2(acc), S), mistake: "used |r''|/|r'|^2, as if the curve had unit speed" },
      ]),
    };
  },
  verify: ({ a, b, c, t0 }, draft) => {
    // The osculating circle: 1/R of the circle through three nearby points, without derivatives.
    const r = (t: number): Vec3 => [a * t, b * t * t, c * t ** 3];
    const h = 1e-3;
    const [A, B, C] = [r(t0 - h), r(t0), r(t0 + h)];
    const [x, y, z] = [Math.sqrt(norm2(minus(B, C))), Math.sqrt(norm2(minus(A, C))), Math.sqrt(norm2(minus(A, B)))];
    const twiceArea = Math.sqrt(norm2(cross(minus(B, A), minus(C, A))));
    return numberIs(draft.answer.value, (2 * twiceArea) / (x * y * z), 1e-4);
  },
});

export const tangentialAcceleration = defineGenerator({
  patternId: 'calc3-vector-functions-motion',
  difficulty: 3,
  difficultyReason: 'a_T is the rate of change of the speed, v . a / |v|, not the length of the acceleration.',
  estimatedMinutes: 7,
  techniques: ['tangential component of acceleration', 'dot product'],
  params: (d) => ({ p: d.nonzero(-3, 3), q: d.nonzero(-2, 2), s: d.nonzero(-2, 2), t0: d.pick([-1, 1, 2]) }),
  build: ({ p, q, s, t0 }): VariantDraft => {
    const v: Vec3 = [p, 2 * q * t0, 3 * s * t0 * t0];
    const acc: Vec3 = [0, 2 * q, 6 * s * t0];
    const va = dot(v, acc);
    const S = norm2(v);
    const value = surd(va * va * S, S, Math.sign(va));
    const r = `\\langle ${math(term(p, 't'))},\\ ${math(term(q, 't^2'))},\\ ${math(term(s, 't^3'))}\\rangle`;
    return {
      text: `A particle moves with position $\\mathbf r(t) = ${r}$. Find the tangential component of its acceleration $a_T$ at $t = ${t0}$.`,
      solution: [
        `$\\mathbf v(${t0}) = ${vec(v)}$ and $\\mathbf a(${t0}) = ${vec(acc)}$.`,
        `$\\mathbf v\\cdot\\mathbf a = ${va}$ and $|\\mathbf v| = ${sqrtText(S)}$.`,
        `$a_T = \\dfrac{\\mathbf v\\cdot\\mathbf a}{|\\mathbf v|} = ${math(value)}$.`,
      ],
      answer: { kind: 'number', value },
      mistakes: distinctMistakes(value, [
        { value: surd(norm2(acc)), mistake: 'gave the length of the acceleration instead of its tangential component' },
        { value: String(va), mistake: 'forgot to divide v . a by the speed' },
        { value: surd(norm2(cross(v, acc)) * S, S), mistake: 'gave the normal component |v x a|/|v|' },
      ]),
    };
  },
  verify: ({ p, q, s, t0 }, draft) =>
    numberIs(
      draft.answer.value,
      derivativeAt(`sqrt((${p})^2 + (${2 * q}*t)^2 + (${3 * s}*t^2)^2)`, 't', { t: t0 }),
      1e-6,
    ),
});

export const tangentLine = defineGenerator({
  patternId: 'calc3-vector-functions-tangent-lines',
  difficulty: 3,
  difficultyReason: "Tangent line r(t0) + s r'(t0), then the parameter where its z-coordinate vanishes.",
  estimatedMinutes: 7,
  techniques: ['tangent line', 'parametric lines'],
  params: (d) => ({ a: d.nonzero(-2, 2), b: d.nonzero(-2, 2), c: d.int(1, 5), t0: d.pick([-1, 1, 2, 3]) }),
  build: ({ a, b, c, t0 }): VariantDraft => {
    const r = (t: number): Vec3 => [a * t * t, b * t ** 3, c * t - t * t];
    const rp = (zp: number): Vec3 => [2 * a * t0, 3 * b * t0 * t0, zp];
    const r0 = r(t0);
    const zp = c - 2 * t0;
    if (r0[2] === 0 || zp === 0) throw new Error('the tangent line does not cross the xy-plane at a single point');
    // L(s) = r0 + s r'(t0) meets z = 0 at s = -z0/z'(t0): coordinates (r0 z' - z0 r') / z'.
    const meet = (base: Vec3, dir: Vec3) =>
      point(
        [0, 1, 2].map((i) => base[i]! * dir[2] - base[2] * dir[i]!),
        dir[2],
      );
    const value = meet(r0, rp(zp));
    const wrongZp = c + 2 * t0;
    const curve = `\\langle ${math(term(a, 't^2'))},\\ ${math(term(b, 't^3'))},\\ ${math(sum(term(c, 't'), '-t^2'))}\\rangle`;
    return {
      text: `Let $\\mathbf r(t) = ${curve}$. Find the point where the tangent line to the curve at $t = ${t0}$ meets the $xy$-plane.`,
      solution: [
        `$\\mathbf r(${t0}) = ${vec(r0)}$ and $\\mathbf r'(t) = \\langle ${math(term(2 * a, 't'))},\\ ${math(term(3 * b, 't^2'))},\\ ${math(sum(term(c), '-2t'))}\\rangle$, so $\\mathbf r'(${t0}) = ${vec(rp(zp))}$.`,
        `The tangent line is $\\mathbf L(s) = ${vec(r0)} + s${vec(rp(zp))}$; its $z$-coordinate $${math(sum(term(r0[2]), term(zp, 's')))}$ vanishes at $s = ${math(frac(-r0[2], zp))}$.`,
        `The point is $${value}$.`,
      ],
      answer: { kind: 'vector', value },
      mistakes: [
        {
          value: point([r0[0], r0[1], 0]),
          mistake: 'projected r(t0) onto the xy-plane instead of following the tangent line',
        },
        ...(wrongZp === 0 ? [] : [{ value: meet(r0, rp(wrongZp)), mistake: "sign error in the z-component of r'(t)" }]),
        { value: meet(rp(zp), r0), mistake: "swapped the roles of r(t0) and r'(t0) in the line" },
      ].filter((m, i, all) => m.value !== value && all.findIndex((o) => o.value === m.value) === i),
    };
  },
  verify: ({ a, b, c, t0 }, draft) => {
    const X = components(draft.answer.value) as Vec3;
    if (X[2] !== 0) return 'the point is not in the xy-plane';
    const f = ['a*t^2', 'b*t^3', 'c*t - t^2'];
    const scope = { a, b, c, t: t0 };
    const r0 = f.map((e) => at(e, scope)) as Vec3;
    const velocity = f.map((e) => derivativeAt(e, 't', scope)) as Vec3;
    const off = cross(minus(X, r0), velocity);
    return Math.sqrt(norm2(off)) <= 1e-6 * Math.max(1, norm2(X)) ? undefined : 'the point is not on the tangent line';
  },
});

export const generators = [
  dotCrossApplications,
  distance,
  planeEquation,
  linePlaneIntersection,
  curveArcLength,
  curvature,
  tangentialAcceleration,
  tangentLine,
];
