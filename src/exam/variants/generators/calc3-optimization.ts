import { frac, shift, sum, term } from '../format.js';
import { defineGenerator, type VariantDraft } from '../generator.js';
import { components, distinctMistakes, math, minimize, numberIs, point, surd } from './common.js';
import { close } from './numeric.js';

export const secondDerivativeTest = defineGenerator({
  patternId: 'calc3-optimization-second-derivative-test',
  difficulty: 3,
  difficultyReason: 'A nonlinear system for the critical points, then the sign of D = f_xx f_yy - f_xy^2 and of f_xx.',
  estimatedMinutes: 9,
  techniques: ['critical points', 'second derivative test'],
  params: (d) => ({ ask: d.pick(['value', 'point']), k: d.int(1, 4), q: d.int(1, 2), c: d.int(-5, 10) }),
  build: ({ ask, k, q, c }): VariantDraft => {
    // f = x^3 + q^3 y^3 - 3k xy + c: critical points (0, 0) (saddle) and (k/q, k/q^2) (local minimum c - k^3/q^3).
    const f = sum('x^3', term(q ** 3, 'y^3'), term(-3 * k, 'x*y'), term(c));
    const [xm, ym] = [frac(k, q), frac(k, q * q)];
    const minValue = frac(c * q ** 3 - k ** 3, q ** 3);
    const steps = [
      `$f_x = 3x^2 - ${3 * k}y = 0$ gives $y = ${math(term(1, 'x^2', k))}$; then $f_y = ${math(sum(term(3 * q ** 3, 'y^2'), term(-3 * k, 'x')))} = 0$ gives $x = 0$ or $x^3 = ${math(frac(k ** 3, q ** 3))}$: the critical points are $(0, 0)$ and $(${xm}, ${ym})$.`,
      `$f_{xx} = 6x$, $f_{yy} = ${6 * q ** 3}y$, $f_{xy} = ${-3 * k}$. At $(0, 0)$: $D = -${9 * k * k} < 0$, a saddle. At $(${xm}, ${ym})$: $D = ${36 * q ** 3}xy - ${9 * k * k} = ${27 * k * k} > 0$ and $f_{xx} > 0$, a local minimum.`,
    ];
    if (ask === 'point') {
      const value = `(${xm}, ${ym})`;
      return {
        text: `Find all critical points of $f(x,y) = ${math(f)}$ and classify them with the second derivative test. At which point does $f$ have a local minimum?`,
        solution: [...steps, `The local minimum is at $${value}$.`],
        answer: { kind: 'vector', value },
        mistakes: [
          { value: '(0, 0)', mistake: 'took the saddle point (0, 0) for the minimum' },
          { value: `(${ym}, ${xm})`, mistake: 'swapped the coordinates of the critical point' },
          { value: `(${k}, ${k})`, mistake: `ignored the coefficient ${q ** 3} of y^3` },
        ].filter((m, i, all) => m.value !== value && all.findIndex((o) => o.value === m.value) === i),
      };
    }
    return {
      text: `Find all critical points of $f(x,y) = ${math(f)}$ and classify them with the second derivative test. What is the local minimum value of $f$?`,
      solution: [...steps, `$f(${xm}, ${ym}) = ${math(minValue)}$.`],
      answer: { kind: 'number', value: minValue },
      mistakes: distinctMistakes(minValue, [
        { value: String(c), mistake: 'gave the value at the saddle point (0, 0)' },
        { value: frac(c * q ** 3 + k ** 3, q ** 3), mistake: 'sign error evaluating f at the critical point' },
        {
          value: frac(c * q ** 3 - 3 * k ** 3, q ** 3),
          mistake: 'evaluated only the -3kxy term at the critical point',
        },
      ]),
    };
  },
  verify: ({ ask, k, q, c }, draft) => {
    const f = (x: number, y: number) => x ** 3 + q ** 3 * y ** 3 - 3 * k * x * y + c;
    const h = 1e-4;
    const fy = (x: number, y: number) => (f(x, y + h) - f(x, y - h)) / (2 * h);
    // Critical points: the sign changes of f_y(x, x^2/k) on a fine grid (f_x = 0 forces y = x^2/k), each refined by
    // bisection and classified by finite-difference second derivatives; exactly one must be a local minimum.
    const g = (x: number) => fy(x, (x * x) / k);
    const roots: number[] = [];
    for (let i = 1; i <= 800; i++) {
      let [lo, hi] = [-8 + (i - 1) * 0.02 + 1e-3, -8 + i * 0.02 + 1e-3];
      if (Math.sign(g(lo)) === Math.sign(g(hi))) continue;
      for (let it = 0; it < 60; it++) {
        const mid = (lo + hi) / 2;
        if (Math.sign(g(mid)) === Math.sign(g(lo))) lo = mid;
        else hi = mid;
      }
      roots.push((lo + hi) / 2);
    }
    const minima = roots
      .map((x) => ({ x, y: (x * x) / k }))
      .filter(({ x, y }) => {
        const fxx = (f(x + h, y) - 2 * f(x, y) + f(x - h, y)) / (h * h);
        const fyy = (f(x, y + h) - 2 * f(x, y) + f(x, y - h)) / (h * h);
        const fxy = (f(x + h, y + h) - f(x + h, y - h) - f(x - h, y + h) + f(x - h, y - h)) / (4 * h * h);
        return fxx * fyy - fxy * fxy > 0 && fxx > 0;
      });
    if (minima.length !== 1) return `found ${minima.length} local minima`;
    const m = minima[0]!;
    if (ask === 'point') {
      const [x, y] = components(draft.answer.value);
      return close(x!, m.x, 1e-6) && close(y!, m.y, 1e-6) ? undefined : `the minimum is at (${m.x}, ${m.y})`;
    }
    return numberIs(draft.answer.value, f(m.x, m.y), 1e-6);
  },
});

/** Factor pairs with a square product, so that sqrt(p q) is whole. */
const squarePairs = [
  [1, 4],
  [4, 1],
  [4, 9],
  [9, 4],
  [1, 9],
  [9, 1],
  [2, 8],
  [8, 2],
  [1, 1],
  [3, 12],
] as const;

export const lagrangeTwoVariable = defineGenerator({
  patternId: 'calc3-lagrange-multipliers-two-variable',
  difficulty: 3,
  difficultyReason:
    'Solve grad f = lambda grad g with the constraint, splitting cases, then compare f at the solutions.',
  estimatedMinutes: 9,
  techniques: ['Lagrange multipliers'],
  params: (d) => ({
    form: d.pick(['ellipse', 'circle', 'budget']),
    k: d.int(1, 4),
    m: d.int(1, 3),
    p: d.nonzero(-4, 4),
    q: d.nonzero(-4, 4),
    pair: d.int(0, squarePairs.length - 1),
  }),
  build: ({ form, k, m, p, q, pair }): VariantDraft => {
    if (form === 'ellipse') {
      // max x^2 y on x^2 + k y^2 = 3k m^2: 2xy = 2 lambda x, x^2 = 2 lambda k y, so x^2 = 2k y^2, y = m, max 2k m^3.
      const K = 3 * k * m * m;
      const value = String(2 * k * m ** 3);
      return {
        text: `Use Lagrange multipliers to find the maximum value of $f(x,y) = x^2 y$ on the ellipse $x^2 + ${k === 1 ? '' : k}y^2 = ${K}$.`,
        solution: [
          `$\\nabla f = \\lambda\\nabla g$: $2xy = 2\\lambda x$ and $x^2 = ${2 * k}\\lambda y$. If $x = 0$, $f = 0$; otherwise $\\lambda = y$ and $x^2 = ${2 * k}y^2$.`,
          `Substituting: $${3 * k}y^2 = ${K}$, so $y = \\pm ${m}$ and $x^2 = ${2 * k * m * m}$.`,
          `$f = x^2 y$ is largest at $y = ${m}$: $f = ${2 * k * m * m}\\cdot ${m} = ${value}$.`,
        ],
        answer: { kind: 'number', value },
        mistakes: distinctMistakes(value, [
          { value: String(-2 * k * m ** 3), mistake: 'gave the minimum value (y negative)' },
          { value: '0', mistake: 'kept only the case x = 0' },
          { value: String(2 * k * m * m), mistake: 'gave x^2 at the maximum instead of x^2 y' },
        ]),
      };
    }
    if (form === 'circle') {
      const R = m + 1;
      const value = surd(R * R * (p * p + q * q));
      const f = sum(term(p, 'x'), term(q, 'y'));
      return {
        text: `Use Lagrange multipliers to find the maximum value of $f(x,y) = ${math(f)}$ on the circle $x^2 + y^2 = ${R * R}$.`,
        solution: [
          `$\\nabla f = \\lambda\\nabla g$: $${p} = 2\\lambda x$, $${q} = 2\\lambda y$, so $(x, y)$ is parallel to $(${p}, ${q})$.`,
          `On the circle, $(x, y) = \\pm\\frac{${R}}{${math(surd(p * p + q * q))}}(${p}, ${q})$.`,
          `The maximum is at the + sign: $f = ${R}\\sqrt{${p * p} + ${q * q}} = ${math(value)}$.`,
        ],
        answer: { kind: 'number', value },
        mistakes: distinctMistakes(value, [
          { value: surd(R * R * (p * p + q * q), 1, -1), mistake: 'gave the minimum value' },
          {
            value: String(R * (Math.abs(p) + Math.abs(q))),
            mistake: 'added |p| R and |q| R, as if both maxima were at the same point',
          },
          {
            value: surd(R ** 4 * (p * p + q * q)),
            mistake: `used the radius squared ${R * R} instead of the radius ${R}`,
          },
        ]),
      };
    }
    // Production c sqrt(L K) with budget a L + b K = B: L = B/(2a), K = B/(2b), maximum c B / (2 sqrt(ab)).
    const [a, b] = squarePairs[pair]!;
    const c = 5 * k;
    const B = 12 * m * Math.sqrt(a * b);
    const value = frac(c * B, 2 * Math.sqrt(a * b));
    return {
      text: `A firm produces $P(L, K) = ${c}\\sqrt{LK}$ units from $L$ units of labour and $K$ units of capital. Labour costs $\\$${a}$ per unit, capital costs $\\$${b}$ per unit, and the budget is $\\$${B}$. Use Lagrange multipliers to find the maximum production.`,
      solution: [
        `$\\nabla P = \\lambda\\nabla g$ with $g = ${a}L + ${b}K$: $\\frac{${c}}{2}\\sqrt{K/L} = ${a}\\lambda$ and $\\frac{${c}}{2}\\sqrt{L/K} = ${b}\\lambda$; dividing, $K/L = ${math(frac(a, b))}$, so $${a}L = ${b}K$.`,
        `Half of the budget goes to each: $L = ${math(frac(B, 2 * a))}$, $K = ${math(frac(B, 2 * b))}$.`,
        `$P = ${c}\\sqrt{${math(frac(B, 2 * a))}\\cdot ${math(frac(B, 2 * b))}} = ${math(value)}$.`,
      ],
      answer: { kind: 'number', value },
      mistakes: distinctMistakes(value, [
        { value: frac(c * B, a + b), mistake: 'took L = K (equal quantities instead of equal spending)' },
        { value: frac(c * B * B, 4 * a * b), mistake: 'forgot the square root in the production function' },
        { value: frac(c * B, Math.sqrt(a * b)), mistake: 'spent the whole budget on each input' },
      ]),
    };
  },
  verify: ({ form, k, m, p, q, pair }, draft) => {
    // The constraint parametrized and f maximised numerically over it.
    if (form === 'ellipse') {
      const K = 3 * k * m * m;
      const best = minimize(
        ([t]) => -(K * Math.cos(t!) ** 2 * (Math.sqrt(K / k) * Math.sin(t!))),
        [[0, 2 * Math.PI]],
        400,
      );
      return numberIs(draft.answer.value, -best.value, 1e-7);
    }
    if (form === 'circle') {
      const R = m + 1;
      const best = minimize(([t]) => -(p * R * Math.cos(t!) + q * R * Math.sin(t!)), [[0, 2 * Math.PI]], 400);
      return numberIs(draft.answer.value, -best.value, 1e-7);
    }
    const [a, b] = squarePairs[pair]!;
    const B = 12 * m * Math.sqrt(a * b);
    const best = minimize(([L]) => -(5 * k * Math.sqrt(L! * ((B - a * L!) / b))), [[0, B / a]], 400);
    return numberIs(draft.answer.value, -best.value, 1e-7);
  },
});

/** Directions of integer length, for points whose nearest point on a sphere has whole coordinates. */
const quadruples = [
  [1, 2, 2, 3],
  [2, -1, 2, 3],
  [-2, 2, 1, 3],
  [2, 3, 6, 7],
  [3, -6, 2, 7],
  [1, 4, 8, 9],
  [4, 4, -7, 9],
] as const;

export const lagrangeThreeVariable = defineGenerator({
  patternId: 'calc3-lagrange-multipliers-three-variable',
  difficulty: 3,
  difficultyReason: 'Three equations and the constraint; eliminate lambda by multiplying or dividing them.',
  estimatedMinutes: 10,
  techniques: ['Lagrange multipliers', 'optimisation in three variables'],
  params: (d) => ({
    form: d.pick(['box', 'nearest', 'farthest']),
    m: d.int(1, 3),
    pair: d.int(0, squarePairs.length - 1),
    v: d.int(0, quadruples.length - 1),
    t: d.int(1, 3),
    s: d.int(1, 3),
  }),
  build: ({ form, m, pair, v, t, s }): VariantDraft => {
    if (form === 'box') {
      // Box in x^2 + p y^2 + q z^2 = 3m^2: x^2 = p y^2 = q z^2 = m^2 at the optimum, V = 8 m^3/sqrt(pq).
      const [p, q] = squarePairs[pair]!;
      const K = 3 * m * m;
      const value = surd(64 * m ** 6 * p * q, p * q);
      return {
        text: `Use Lagrange multipliers to find the volume of the largest rectangular box, with edges parallel to the coordinate axes, that can be inscribed in the ellipsoid $x^2 + ${p === 1 ? '' : p}y^2 + ${q === 1 ? '' : q}z^2 = ${K}$.`,
        solution: [
          `A vertex $(x, y, z)$ in the first octant gives $V = 8xyz$. $\\nabla V = \\lambda\\nabla g$: $8yz = 2\\lambda x$, $8xz = ${2 * p}\\lambda y$, $8xy = ${2 * q}\\lambda z$.`,
          `Multiplying by $x$, $y$, $z$ respectively: $x^2 = ${p === 1 ? '' : p}y^2 = ${q === 1 ? '' : q}z^2$, each a third of ${K}: $x^2 = ${m * m}$, $y^2 = ${math(frac(m * m, p))}$, $z^2 = ${math(frac(m * m, q))}$.`,
          `$V = 8xyz = 8\\cdot ${m}\\cdot ${math(surd(m * m * p, p))}\\cdot ${math(surd(m * m * q, q))} = ${math(value)}$.`,
        ],
        answer: { kind: 'number', value },
        mistakes: distinctMistakes(value, [
          { value: surd(m ** 6 * p * q, p * q), mistake: 'gave xyz, the box in one octant, forgetting the factor 8' },
          {
            value: surd(64 * 27 * m ** 6 * p * q, p * q),
            mistake: 'took x^2 = 3m^2 (the whole constant) instead of a third of it',
          },
          { value: surd(27 * m ** 6 * p * q, p * q), mistake: 'multiplied the semi-axes of the ellipsoid' },
        ]),
      };
    }
    const [a, b, c, L] = quadruples[v]!;
    if (s === t) throw new Error('the point is on the sphere');
    const R = s * L;
    const sign = form === 'nearest' ? 1 : -1;
    const value = point([a, b, c].map((u) => sign * s * u));
    return {
      text: `Use Lagrange multipliers to find the point of the sphere $x^2 + y^2 + z^2 = ${R * R}$ that is ${form === 'nearest' ? 'nearest to' : 'farthest from'} the point $(${t * a}, ${t * b}, ${t * c})$.`,
      solution: [
        `Optimise the squared distance $d^2 = ${['x', 'y', 'z'].map((w, i) => `(${math(shift(w, t * [a, b, c][i]!))})^2`).join(' + ')}$ with $g = x^2 + y^2 + z^2$: $\\nabla d^2 = \\lambda\\nabla g$ makes $(x, y, z)$ parallel to $(${t * a}, ${t * b}, ${t * c})$.`,
        `On the sphere of radius ${R}, $(x, y, z) = \\pm\\frac{${R}}{${t * L}}(${t * a}, ${t * b}, ${t * c}) = \\pm(${s * a}, ${s * b}, ${s * c})$.`,
        `The ${form === 'nearest' ? '+ sign is nearer' : '- sign is farther'}: $${value}$.`,
      ],
      answer: { kind: 'vector', value },
      mistakes: [
        {
          value: point([a, b, c].map((u) => -sign * s * u)),
          mistake: `gave the ${form === 'nearest' ? 'farthest' : 'nearest'} point`,
        },
        {
          value: point([a, b, c].map((u) => t * u)),
          mistake: 'gave the given point itself, which is not on the sphere',
        },
        {
          value: point([a, b, c].map((u) => sign * u)),
          mistake: `took the direction (${a}, ${b}, ${c}) without scaling it to the radius ${R}`,
        },
      ].filter((w, i, all) => w.value !== value && all.findIndex((o) => o.value === w.value) === i),
    };
  },
  verify: ({ form, m, pair, v, t, s }, draft) => {
    if (form === 'box') {
      const [p, q] = squarePairs[pair]!;
      const K = 3 * m * m;
      // Vertices of the ellipsoid in the first octant, over its angles.
      const best = minimize(
        ([u, w]) => {
          const [x, y, z] = [
            Math.sqrt(K) * Math.sin(u!) * Math.cos(w!),
            Math.sqrt(K / p) * Math.sin(u!) * Math.sin(w!),
            Math.sqrt(K / q) * Math.cos(u!),
          ];
          return -8 * x * y * z;
        },
        [
          [0, Math.PI / 2],
          [0, Math.PI / 2],
        ],
        120,
      );
      return numberIs(draft.answer.value, -best.value, 1e-7);
    }
    const [a, b, c, L] = quadruples[v]!;
    const R = s * L;
    const P = [t * a, t * b, t * c];
    const X = components(draft.answer.value);
    if (!close(X[0]! ** 2 + X[1]! ** 2 + X[2]! ** 2, R * R, 1e-12)) return 'the point is not on the sphere';
    const sign = form === 'nearest' ? 1 : -1;
    const best = minimize(
      ([u, w]) => {
        const Y = [R * Math.sin(u!) * Math.cos(w!), R * Math.sin(u!) * Math.sin(w!), R * Math.cos(u!)];
        return sign * Math.hypot(Y[0]! - P[0]!, Y[1]! - P[1]!, Y[2]! - P[2]!);
      },
      [
        [0, Math.PI],
        [0, 2 * Math.PI],
      ],
      120,
    );
    return numberIs(String(sign * Math.hypot(X[0]! - P[0]!, X[1]! - P[1]!, X[2]! - P[2]!)), best.value, 1e-7);
  },
});

export const appliedOptimization = defineGenerator({
  patternId: 'calc3-optimization-applied',
  difficulty: 3,
  difficultyReason:
    'Write the quantity in two variables with the constraint, find the critical point, check it is the extreme.',
  estimatedMinutes: 9,
  techniques: ['optimisation', 'critical points', 'modelling'],
  params: (d) => ({
    form: d.pick(['cost', 'plane']),
    a: d.int(2, 6),
    b: d.int(1, 3),
    s: d.int(1, 4),
    x: d.int(1, 4),
    p: d.int(1, 4),
    q: d.int(1, 4),
    r: d.int(1, 4),
  }),
  build: ({ form, a, b, s, x, p, q, r }): VariantDraft => {
    if (form === 'cost') {
      // Cost (a + b) x y + 2s (x + y) z with x y z = V: at the optimum x = y, x^3 = 2sV/(a + b), cost 3(a + b) x^2.
      const V = ((a + b) * x ** 3) / (2 * s);
      if (!Number.isInteger(V)) throw new Error('the volume would not be whole');
      const value = String(3 * (a + b) * x * x);
      return {
        text: `A closed rectangular box must have a volume of $${V}\\ \\text{m}^3$. The material for the bottom costs $\\$${a}$ per m$^2$, the material for the top $\\$${b}$ per m$^2$, and the material for the four sides $\\$${s}$ per m$^2$. Find the minimum possible cost of the box.`,
        solution: [
          `With base $x \\times y$ and height $z = ${V}/(xy)$: $C = ${a + b}xy + ${2 * s}(x + y)z = ${a + b}xy + ${2 * s * V}\\left(\\frac{1}{x} + \\frac{1}{y}\\right)$.`,
          `$C_x = ${a + b}y - \\frac{${2 * s * V}}{x^2} = 0$ and $C_y = ${a + b}x - \\frac{${2 * s * V}}{y^2} = 0$ give $x = y$ and $x^3 = ${math(frac(2 * s * V, a + b))}$, so $x = y = ${x}$ and $z = ${math(frac(V, x * x))}$.`,
          `$C = ${(a + b) * x * x} + ${(4 * s * V) / x} = ${value}$ (the least value: $C$ grows without bound at the edges of the domain).`,
        ],
        answer: { kind: 'number', value },
        mistakes: distinctMistakes(value, [
          { value: String(2 * (a + b) * x * x), mistake: 'left out the cost of the top and bottom' },
          { value: String((a + b) * x * x), mistake: 'gave only the cost of the top and bottom' },
          { value: `${a + b + 4 * s}*${V}^(2/3)`, mistake: 'assumed the cheapest box is a cube' },
        ]),
      };
    }
    // Largest box with a vertex on p x + q y + r z = K: x = K/(3p), y = K/(3q), z = K/(3r), V = K^3/(27 p q r).
    const K = 6 * x;
    const value = frac(K ** 3, 27 * p * q * r);
    const plane = sum(term(p, 'x'), term(q, 'y'), term(r, 'z'));
    const rest = sum(term(K), term(-p, 'x'), term(-q, 'y'));
    return {
      text: `Find the volume of the largest rectangular box in the first octant that has three faces in the coordinate planes and one vertex in the plane $${math(plane)} = ${K}$.`,
      solution: [
        `With the vertex $(x, y, z)$: $V = xyz$ and $z = ${math(`(${rest})/${r}`)}$, so $V = ${r === 1 ? `xy(${math(rest)})` : `\\frac{xy(${math(rest)})}{${r}}`}$.`,
        `$V_x = 0$ and $V_y = 0$ give $${math(sum(term(K), term(-2 * p, 'x'), term(-q, 'y')))} = 0$ and $${math(sum(term(K), term(-p, 'x'), term(-2 * q, 'y')))} = 0$: $x = ${math(frac(K, 3 * p))}$, $y = ${math(frac(K, 3 * q))}$, and $z = ${math(frac(K, 3 * r))}$.`,
        `$V = ${math(frac(K, 3 * p))}\\cdot ${math(frac(K, 3 * q))}\\cdot ${math(frac(K, 3 * r))} = ${math(value)}$.`,
      ],
      answer: { kind: 'number', value },
      mistakes: distinctMistakes(value, [
        { value: frac(K ** 3, 6 * p * q * r), mistake: 'gave the volume of the tetrahedron cut off by the plane' },
        { value: frac(K ** 3, 8 * p * q * r), mistake: 'put the vertex at half of each intercept' },
        { value: frac(K ** 3, p * q * r), mistake: 'used the intercepts themselves as the edges' },
      ]),
    };
  },
  verify: ({ form, a, b, s, x, p, q, r }, draft) => {
    if (form === 'cost') {
      const V = ((a + b) * x ** 3) / (2 * s);
      const best = minimize(
        ([u, w]) => (a + b) * u! * w! + 2 * s * V * (1 / u! + 1 / w!),
        [
          [0.05, 20],
          [0.05, 20],
        ],
      );
      return numberIs(draft.answer.value, best.value, 1e-7);
    }
    const K = 6 * x;
    const best = minimize(
      ([u, w]) => -(u! * w! * Math.max(0, K - p * u! - q * w!)) / r,
      [
        [0, K / p],
        [0, K / q],
      ],
    );
    return numberIs(draft.answer.value, -best.value, 1e-7);
  },
});

export const closedDisk = defineGenerator({
  patternId: 'calc3-lagrange-multipliers-closed-disk',
  difficulty: 3,
  difficultyReason:
    'Interior critical points, Lagrange multipliers (or the parametrized circle) on the boundary, then compare.',
  estimatedMinutes: 10,
  techniques: ['absolute extrema', 'Lagrange multipliers', 'closed and bounded regions'],
  params: (d) => ({ ask: d.pick(['max', 'min']), R: d.int(2, 4), a: d.int(-3, 3), k: d.pick([2, 3]), c: d.int(-3, 5) }),
  build: ({ ask, R, a, k, c }): VariantDraft => {
    // f = x^2 + k y^2 - 2a x + c on x^2 + y^2 <= R^2. Inside: (a, 0), a minimum, c - a^2. On the circle
    // f = (1 - k) x^2 - 2a x + k R^2 + c, concave, largest at x = -a/(k - 1): a^2/(k - 1) + k R^2 + c.
    if (Math.abs(a) >= R) throw new Error('the interior critical point is not inside');
    const f = sum('x^2', term(k, 'y^2'), term(-2 * a, 'x'), term(c));
    const vertex = frac(-a, k - 1);
    const max = frac(a * a + (k - 1) * (k * R * R + c), k - 1);
    const min = String(c - a * a);
    const edge = (sign: number) => R * R - 2 * a * sign * R + c;
    const value = ask === 'max' ? max : min;
    return {
      text: `Find the absolute ${ask === 'max' ? 'maximum' : 'minimum'} value of $f(x,y) = ${math(f)}$ on the closed disk $x^2 + y^2 \\le ${R * R}$, using Lagrange multipliers on the boundary.`,
      solution: [
        `Inside: $f_x = ${math(sum('2x', term(-2 * a)))} = 0$, $f_y = ${2 * k}y = 0$ give $(${a}, 0)$, with $f = ${min}$.`,
        `On $x^2 + y^2 = ${R * R}$: $\\nabla f = \\lambda\\nabla g$ gives $${math(sum('2x', term(-2 * a)))} = 2\\lambda x$ and $${2 * k}y = 2\\lambda y$, so $y = 0$ (the points $(\\pm ${R}, 0)$, with $f = ${edge(1)}$ and $${edge(-1)}$) or $\\lambda = ${k}$, $x = ${math(vertex)}$, where $y^2 = ${math(frac((k - 1) ** 2 * R * R - a * a, (k - 1) ** 2))}$ and $f = ${math(max)}$.`,
        `Comparing the candidates, the absolute ${ask === 'max' ? 'maximum' : 'minimum'} is $${math(value)}$.`,
      ],
      answer: { kind: 'number', value },
      mistakes: distinctMistakes(
        value,
        ask === 'max'
          ? [
              {
                value: String(Math.max(edge(1), edge(-1))),
                mistake: 'kept only the boundary points with y = 0 (the case lambda = k was dropped)',
              },
              { value: String(k * R * R + c), mistake: 'evaluated the boundary only at (0, ±R)' },
              { value: min, mistake: 'gave the value at the interior critical point, which is the minimum' },
            ]
          : [
              {
                value: String(Math.min(edge(1), edge(-1))),
                mistake: 'checked the boundary only, missing the interior critical point',
              },
              { value: String(c), mistake: 'evaluated f at the origin instead of at the critical point' },
              { value: String(c + a * a), mistake: 'sign error evaluating f at the critical point' },
            ],
      ),
    };
  },
  verify: ({ ask, R, a, k, c }, draft) => {
    const sign = ask === 'max' ? -1 : 1;
    const f = (x: number, y: number) => x * x + k * y * y - 2 * a * x + c;
    const best = minimize(
      ([r, t]) => sign * f(r! * Math.cos(t!), r! * Math.sin(t!)),
      [
        [0, R],
        [0, 2 * Math.PI],
      ],
    );
    return numberIs(draft.answer.value, sign * best.value, 1e-7);
  },
});

export const generators = [
  secondDerivativeTest,
  lagrangeTwoVariable,
  lagrangeThreeVariable,
  closedDisk,
  appliedOptimization,
];
