import { poly, sum, term } from '../format.js';
import { defineGenerator, type VariantDraft } from '../generator.js';
import { tex } from '../latex.js';
import { integratePoly, mulR, rat, ratText } from './numeric.js';

const math = (plain: string) => tex(plain).slice(1, -1);
const sq = (p: number[]) => {
  const out = Array<number>(2 * p.length - 1).fill(0);
  p.forEach((a, i) => {
    p.forEach((b, j) => {
      out[i + j]! += a * b;
    });
  });
  return out;
};
const sub = (p: number[], q: number[]) => {
  const n = Math.max(p.length, q.length);
  const pad = (r: number[]) => [...Array<number>(n - r.length).fill(0), ...r];
  const [a, b] = [pad(p), pad(q)];
  return a.map((v, i) => v - b[i]!);
};

export const areaBetweenCurves = defineGenerator({
  patternId: 'calc2-area-volume-area-between-curves',
  difficulty: 2,
  difficultyReason: 'Find the intersections, decide which curve is on top, integrate the difference.',
  estimatedMinutes: 7,
  techniques: ['area between curves', 'intersection points'],
  params: (d) => {
    const [r1, r2] = d.distinct(2, -4, 4).sort((a, b) => a - b);
    return { r1: r1!, r2: r2!, c: d.int(1, 3) };
  },
  build: ({ r1, r2, c }): VariantDraft => {
    // Parabola y = c x^2 and the line through its points at r1 and r2: y = c(r1 + r2)x − c r1 r2.
    const line = poly([c * (r1 + r2), -c * r1 * r2]);
    const parabola = term(c, 'x^2');
    const w = r2 - r1;
    const value = ratText(rat(c * w ** 3, 6));
    return {
      text: `Find the area of the region enclosed by the parabola $y = ${math(parabola)}$ and the line $y = ${math(line)}$.`,
      solution: [
        `The curves meet where $${math(parabola)} = ${math(line)}$, i.e. at $x = ${r1}$ and $x = ${r2}$; between them the line is above.`,
        `$A = \\int_{${r1}}^{${r2}} \\left(${math(line)} - ${math(parabola)}\\right)dx$.`,
        `Evaluating, $A = ${math(value)}$.`,
      ],
      answer: { kind: 'number', value },
      check: {
        type: 'definite-integral',
        integrand: `${line} - (${parabola})`,
        var: 'x',
        from: String(r1),
        to: String(r2),
      },
      mistakes: [
        { value: `-(${value})`, mistake: 'subtracted the line from the parabola (bottom minus top)' },
        { value: ratText(rat(c * w ** 3, 3)), mistake: 'forgot the factor 1/2 from integrating the linear term' },
        { value: ratText(rat(c * w ** 2, 2)), mistake: 'integrated only the linear part of the difference' },
      ],
    };
  },
});

export const washerMethod = defineGenerator({
  patternId: 'calc2-area-volume-washer-method',
  difficulty: 3,
  difficultyReason: 'Rotating about a line other than an axis shifts both radii by the distance to that line.',
  estimatedMinutes: 9,
  techniques: ['washer method', 'volumes of revolution'],
  // 40 (a, k) pairs: with 24, 50 seeds repeated too often to give 20 distinct variants.
  params: (d) => ({ a: d.int(1, 5), k: d.int(0, 7) }),
  build: ({ a, k }): VariantDraft => {
    // Region between y = a x (top) and y = x^2 on [0, a], rotated about y = −k: R = a x + k, r = x^2 + k.
    const R = poly([a, k]);
    const r = poly([1, 0, k]);
    const v = integratePoly(sub(sq([a, k]), sq([1, 0, k])), 0, a);
    const value = ratText(v, 'pi');
    const axis = k === 0 ? 'the $x$-axis' : `the line $y = -${k}$`;
    const noShift = ratText(integratePoly(sub(sq([a, 0]), sq([1, 0, 0])), 0, a), 'pi');
    return {
      text: `The region bounded by $y = ${math(term(a, 'x'))}$ and $y = x^2$ is rotated about ${axis}. Find the volume of the resulting solid.`,
      solution: [
        `The curves meet at $x = 0$ and $x = ${a}$. The outer radius is $R = ${math(R)}$, the inner radius $r = ${math(r)}$.`,
        `$V = \\pi\\int_0^{${a}} \\left((${math(R)})^2 - (${math(r)})^2\\right)dx$.`,
        `Expanding and integrating, $V = ${math(value)}$.`,
      ],
      answer: { kind: 'number', value },
      check: { type: 'definite-integral', integrand: `pi*((${R})^2 - (${r})^2)`, var: 'x', from: '0', to: String(a) },
      mistakes: [
        ...(k > 0 ? [{ value: noShift, mistake: `measured the radii from the x-axis instead of from y = -${k}` }] : []),
        {
          value: ratText(mulR(integratePoly(sub([a, k], [1, 0, k]), 0, a), [1, 1]), 'pi'),
          mistake: 'squared the difference of the radii, (R - r)^2, as pi times R - r',
        },
        { value: ratText(v), mistake: 'forgot the factor pi' },
        { value: ratText(mulR(v, [2, 1]), 'pi'), mistake: 'used 2 pi as for shells' },
      ],
    };
  },
});

export const shellMethod = defineGenerator({
  patternId: 'calc2-area-volume-shell-method',
  difficulty: 3,
  difficultyReason: 'The shell radius is the distance to the vertical axis of rotation, x + k, not x.',
  estimatedMinutes: 9,
  techniques: ['shell method', 'volumes of revolution'],
  params: (d) => ({ a: d.int(1, 4), k: d.int(0, 5) }),
  build: ({ a, k }): VariantDraft => {
    // Region under y = x(a − x) on [0, a], rotated about x = −k: V = 2π ∫ (x + k) x (a − x) dx.
    const height = [-1, a, 0];
    const integrand = [-1, a - k, a * k, 0];
    const v = mulR(integratePoly(integrand, 0, a), [2, 1]);
    const value = ratText(v, 'pi');
    const axis = k === 0 ? 'the $y$-axis' : `the vertical line $x = -${k}$`;
    return {
      text: `The region bounded by $y = ${math(poly(height))}$ and the $x$-axis is rotated about ${axis}. Find the volume of the solid.`,
      solution: [
        `The region spans $0 \\le x \\le ${a}$. A shell at $x$ has radius $${math(sum('x', term(k)))}$ and height $${math(poly(height))}$.`,
        `$V = 2\\pi\\int_0^{${a}} (${math(sum('x', term(k)))})(${math(poly(height))})\\,dx$.`,
        `Integrating the cubic, $V = ${math(value)}$.`,
      ],
      answer: { kind: 'number', value },
      check: {
        type: 'definite-integral',
        integrand: `2*pi*(x + ${k})*(${poly(height)})`,
        var: 'x',
        from: '0',
        to: String(a),
      },
      mistakes: [
        ...(k > 0
          ? [
              {
                value: ratText(mulR(integratePoly([-1, a, 0, 0], 0, a), [2, 1]), 'pi'),
                mistake: `used radius x instead of x + ${k}`,
              },
            ]
          : []),
        { value: ratText(v), mistake: 'dropped the factor pi' },
        { value: ratText(mulR(v, [1, 2]), 'pi'), mistake: 'used pi instead of 2 pi for the shell' },
        { value: ratText(integratePoly(sq(height), 0, a), 'pi'), mistake: 'used disks pi y^2 instead of shells' },
      ],
    };
  },
});

const shapes = {
  square: { name: 'squares', area: (s: string) => `(${s})^2`, factor: [1, 1] as [number, number], irr: '' },
  semicircle: {
    name: 'semicircles',
    area: (s: string) => `pi*(${s})^2/8`,
    factor: [1, 8] as [number, number],
    irr: 'pi',
  },
  equilateral: {
    name: 'equilateral triangles',
    area: (s: string) => `sqrt(3)*(${s})^2/4`,
    factor: [1, 4] as [number, number],
    irr: 'sqrt(3)',
  },
  isosceles: {
    name: 'isosceles right triangles with a leg in the base',
    area: (s: string) => `(${s})^2/2`,
    factor: [1, 2] as [number, number],
    irr: '',
  },
};

export const crossSections = defineGenerator({
  patternId: 'calc2-area-volume-cross-sections',
  difficulty: 3,
  difficultyReason: 'Express the side of each cross-section in terms of x, then integrate its area.',
  estimatedMinutes: 8,
  techniques: ['volumes by slicing', 'cross-sections'],
  params: (d) => ({ r: d.int(1, 6), shape: d.pick(Object.keys(shapes)) }),
  build: ({ r, shape }): VariantDraft => {
    const s = shapes[shape as keyof typeof shapes];
    const side = `2*sqrt(${r * r} - x^2)`;
    // ∫_{−r}^{r} (2√(r² − x²))² dx = 16 r³/3, times the shape's factor.
    const v = mulR(rat(16 * r ** 3, 3), s.factor);
    const value = ratText(v, s.irr);
    return {
      text: `A solid has as its base the disk $x^2 + y^2 \\le ${r * r}$. Its cross-sections perpendicular to the $x$-axis are ${s.name}. Find the volume of the solid.`,
      solution: [
        `At $x$ the base is the chord of length $s = ${math(side)}$.`,
        `The cross-section has area $A(x) = ${math(s.area('s'))}$ with that $s$, so $V = \\int_{-${r}}^{${r}} A(x)\\,dx$.`,
        `Since $\\int_{-${r}}^{${r}} 4(${r * r} - x^2)\\,dx = ${math(ratText(rat(16 * r ** 3, 3)))}$, $V = ${math(value)}$.`,
      ],
      answer: { kind: 'number', value },
      check: { type: 'definite-integral', integrand: s.area(side), var: 'x', from: String(-r), to: String(r) },
      mistakes: [
        {
          value: ratText(mulR(rat(4 * r ** 3, 3), s.factor), s.irr),
          mistake: 'used the half-chord sqrt(r^2 - x^2) as the side',
        },
        {
          value: ratText(mulR(rat(8 * r ** 3, 3), s.factor), s.irr),
          mistake: 'integrated over half the base only (from 0 to r)',
        },
        {
          value: ratText(mulR(rat(4 * r ** 3, 1), s.factor), s.irr),
          mistake: 'integrated 4(r^2 - x^2) as 4 r^2 x - 4x^3 (the x^2 integrated as x^3)',
        },
      ],
    };
  },
});

export const arcLength = defineGenerator({
  patternId: 'calc2-arc-length-surface-area-arc-length',
  difficulty: 3,
  difficultyReason:
    'The curve is chosen so that 1 + (dy/dx)^2 is a perfect square or a linear function; spotting it is the work.',
  estimatedMinutes: 8,
  techniques: ['arc length', 'perfect squares'],
  params: (d) => {
    const s = d.int(1, 4);
    return { form: d.pick(['power', 'log']), s, t: d.int(s + 1, 7) };
  },
  build: ({ form, s, t }): VariantDraft => {
    if (form === 'log') {
      // y = x^2/(4c) − (c/2) ln x: 1 + y'^2 = (x/(2c) + c/(2x))^2, L = [x^2/(4c) + (c/2) ln x]_1^b.
      const c = s <= 2 ? 1 : 2;
      const b = t;
      const y = `${term(1, 'x^2', 4 * c)} - ${term(c, 'ln(x)', 2)}`;
      const dy = (sign: string) => `x/${2 * c} ${sign} ${term(c, '1', 2)}/x`;
      const value = sum(ratText(rat(b * b - 1, 4 * c)), term(c, `ln(${b})`, 2));
      return {
        text: `Find the length of the curve $y = ${math(y)}$ for $1 \\le x \\le ${b}$.`,
        solution: [
          `$y' = ${math(dy('-'))}$, so $1 + (y')^2 = \\left(${math(dy('+'))}\\right)^2$.`,
          `$L = \\int_1^{${b}} \\left(${math(dy('+'))}\\right)dx = \\left[${math(`x^2/${4 * c} + ${term(c, 'ln(x)', 2)}`)}\\right]_1^{${b}}$.`,
          `So $L = ${math(value)}$.`,
        ],
        answer: { kind: 'number', value },
        check: { type: 'definite-integral', integrand: `sqrt(1 + (${dy('-')})^2)`, var: 'x', from: '1', to: String(b) },
        mistakes: [
          {
            value: sum(ratText(rat(b * b - 1, 4 * c)), term(-c, `ln(${b})`, 2)),
            mistake: "took the square root as x/(2c) - c/(2x), keeping the sign of y'",
          },
          { value: ratText(rat(b * b - 1, 4 * c)), mistake: 'dropped the logarithmic term' },
          {
            value: sum(ratText(rat(b * b, 4 * c)), term(c, `ln(${b})`, 2)),
            mistake: 'forgot to subtract the value at x = 1',
          },
        ],
      };
    }
    // y = (2/3)(x + s^2 − 1)^(3/2) on [0, t^2 − s^2]: 1 + y'^2 = x + s^2, L = (2/3)(t^3 − s^3).
    const shift = s * s - 1;
    const b = t * t - s * s;
    const y = `2/3*(${sum('x', term(shift))})^(3/2)`;
    const value = ratText(rat(2 * (t ** 3 - s ** 3), 3));
    return {
      text: `Find the length of the curve $y = ${math(y)}$ for $0 \\le x \\le ${b}$.`,
      solution: [
        `$y' = ${math(`(${sum('x', term(shift))})^(1/2)`)}$, so $1 + (y')^2 = ${math(sum('x', term(s * s)))}$.`,
        `$L = \\int_0^{${b}} \\sqrt{${math(sum('x', term(s * s)))}}\\,dx = \\left[\\frac{2}{3}(${math(sum('x', term(s * s)))})^{3/2}\\right]_0^{${b}}$.`,
        `So $L = \\frac{2}{3}(${t}^3 - ${s}^3) = ${math(value)}$.`,
      ],
      answer: { kind: 'number', value },
      check: {
        type: 'definite-integral',
        integrand: `sqrt(1 + (${sum('x', term(shift))}))`,
        var: 'x',
        from: '0',
        to: String(b),
      },
      mistakes: [
        { value: ratText(rat(2 * t ** 3, 3)), mistake: 'forgot the value at the lower bound' },
        {
          value: ratText(rat(2 * (t ** 2 - s ** 2), 3)),
          mistake: 'integrated without the 3/2 power (took sqrt(u) as u)',
        },
        { value: ratText(rat(t ** 3 - s ** 3, 1)), mistake: 'forgot the factor 2/3 from integrating u^(1/2)' },
      ],
    };
  },
});

export const surfaceOfRevolution = defineGenerator({
  patternId: 'calc2-arc-length-surface-area-surface-of-revolution',
  difficulty: 3,
  difficultyReason: 'Set up 2 pi y ds with the right radius; for the sphere the square root cancels against y.',
  estimatedMinutes: 8,
  techniques: ['surface area', 'arc length element'],
  params: (d) => {
    const r = d.int(2, 6);
    const [a, b] = d.distinct(2, -(r - 1), r - 1).sort((x, y) => x - y);
    return { form: d.pick(['sphere', 'cone']), r, a: a!, b: b! };
  },
  build: ({ form, r, a, b }): VariantDraft => {
    if (form === 'cone') {
      // y = k x on [0, h] about the x-axis: S = π k h² √(1 + k²).
      const k = r - 1;
      const h = b - a;
      const value = `${ratText(rat(k * h * h), 'pi')}*sqrt(${1 + k * k})`;
      return {
        text: `The segment $y = ${math(term(k, 'x'))}$, $0 \\le x \\le ${h}$, is rotated about the $x$-axis. Find the area of the resulting surface.`,
        solution: [
          `$ds = \\sqrt{1 + ${k * k}}\\,dx$ and the radius is $y = ${math(term(k, 'x'))}$.`,
          `$S = 2\\pi\\int_0^{${h}} ${math(term(k, 'x'))}\\sqrt{${1 + k * k}}\\,dx = ${math(`pi*${k}*sqrt(${1 + k * k})`)}\\,x^2\\Big|_0^{${h}}$.`,
          `So $S = ${math(value)}$.`,
        ],
        answer: { kind: 'number', value },
        check: {
          type: 'definite-integral',
          integrand: `2*pi*${k}*x*sqrt(1 + ${k * k})`,
          var: 'x',
          from: '0',
          to: String(h),
        },
        mistakes: [
          { value: ratText(rat(k * h * h), 'pi'), mistake: 'left out the arc-length factor sqrt(1 + (dy/dx)^2)' },
          {
            value: `${ratText(rat(2 * k * h * h), 'pi')}*sqrt(${1 + k * k})`,
            mistake: 'forgot the 1/2 from integrating x',
          },
          {
            value: `${ratText(rat(k * k * h ** 3, 3), 'pi')}`,
            mistake: 'computed the volume of the cone instead of its surface',
          },
        ],
      };
    }
    const value = ratText(rat(2 * r * (b - a)), 'pi');
    return {
      text: `The arc $y = \\sqrt{${r * r} - x^2}$, $${a} \\le x \\le ${b}$, is rotated about the $x$-axis. Find the area of the resulting surface (a zone of a sphere).`,
      solution: [
        `$y' = -\\frac{x}{\\sqrt{${r * r} - x^2}}$, so $y\\sqrt{1 + (y')^2} = \\sqrt{${r * r} - x^2}\\cdot\\frac{${r}}{\\sqrt{${r * r} - x^2}} = ${r}$.`,
        `$S = 2\\pi\\int_{${a}}^{${b}} ${r}\\,dx$.`,
        `So $S = ${math(value)}$.`,
      ],
      answer: { kind: 'number', value },
      check: {
        type: 'definite-integral',
        integrand: `2*pi*sqrt(${r * r} - x^2)*sqrt(1 + x^2/(${r * r} - x^2))`,
        var: 'x',
        from: String(a),
        to: String(b),
      },
      mistakes: [
        { value: ratText(rat(r * (b - a)), 'pi'), mistake: 'used pi instead of 2 pi' },
        { value: ratText(rat(2 * r * r * (b - a)), 'pi'), mistake: 'took the arc-length factor as r instead of r / y' },
        { value: ratText(rat(4 * r * r), 'pi'), mistake: 'gave the area of the whole sphere' },
      ],
    };
  },
});

export const generators = [areaBetweenCurves, washerMethod, shellMethod, crossSections, arcLength, surfaceOfRevolution];
