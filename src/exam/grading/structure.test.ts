import { describe, expect, it } from 'vitest';
import { outerGroup, span, splitEquation, splitTopLevel } from './structure.js';

describe('structure: brackets, commas, =', () => {
  it('splits at top-level commas only, keeping offsets', () => {
    const parts = splitTopLevel(span('<1, f(2, 3), \\frac{1,2}{3}>'.slice(1, -1)), [',']);
    expect(parts.map((p) => p.text)).toEqual(['1', 'f(2, 3)', '\\frac{1,2}{3}']);
    expect(parts[1]!.offset).toBe(3);
  });

  it('finds an outer group, also with mixed brackets and LaTeX delimiters', () => {
    expect(outerGroup(span('(-1, 3]'))).toMatchObject({
      open: '(',
      closeChar: ']',
      inner: { text: '-1, 3', offset: 1 },
    });
    expect(outerGroup(span('\\left[0, 1\\right)'))).toMatchObject({
      open: '[',
      closeChar: ')',
      inner: { text: '0, 1' },
    });
    expect(outerGroup(span('\\langle 1, 2 \\rangle'))).toMatchObject({ open: '<', inner: { text: '1, 2' } });
    expect(outerGroup(span('\\{1, 2\\}'))).toMatchObject({ open: '{', inner: { text: '1, 2' } });
    expect(outerGroup(span('<1, 2>'), { angle: true })).toMatchObject({ open: '<', inner: { text: '1, 2' } });
    expect(outerGroup(span('<1, 2>'))).toBeUndefined();
    expect(outerGroup(span('(x+1)(x-1)'))).toBeUndefined();
    expect(outerGroup(span('x + 1'))).toBeUndefined();
  });

  it('splits an equation at its one "=" (not <=, >=)', () => {
    expect(splitEquation(span('y = 3e^(x^2)'))?.map((s) => s.text)).toEqual(['y', '3e^(x^2)']);
    expect(splitEquation(span('x <= 3'))).toBeUndefined();
    expect(() => splitEquation(span('a = b = c'))).toThrow(/exactly one/);
  });

  it('reports unbalanced brackets', () => {
    expect(() => splitTopLevel(span('(1, 2'), [','])).toThrow(/unbalanced/);
  });
});
