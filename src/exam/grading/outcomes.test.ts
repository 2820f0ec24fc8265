import { describe, expect, it } from 'vitest';
import { answerKinds } from '../content/schema.js';
import { feedbackFor, outcomeCodes } from './outcomes.js';

describe('outcome codes and feedback', () => {
  it('every code has a student-facing sentence, with or without details', () => {
    for (const code of outcomeCodes) {
      for (const detail of [
        {},
        { factor: 2, letters: ['t'], components: [2, 3], count: 2, position: 4, message: 'x' },
      ]) {
        const text = feedbackFor(code, detail);
        expect(text.length, code).toBeGreaterThan(5);
        expect(text, code).not.toMatch(/NaN|\[object|\$\{|null/);
        if (code !== 'undefined_at_points') expect(text, code).not.toMatch(/undefined/);
        expect(text.endsWith('.') || text.endsWith(')'), `${code}: ${text}`).toBe(true);
      }
    }
  });

  it('uses the details: factor, letters, components, position, point', () => {
    expect(feedbackFor('off_by_constant_factor', { factor: 0.5 })).toContain('factor of 1/2');
    expect(feedbackFor('wrong_variable', { letters: ['t'] })).toContain('uses t,');
    expect(feedbackFor('wrong_variable', { letters: ['s', 't'] })).toContain('s and t');
    expect(feedbackFor('wrong_components', { components: [1, 3] })).toContain('Components 1 and 3 are');
    expect(feedbackFor('unparsable', { position: 2, message: "a ')' is missing" })).toContain('at character 3');
    expect(feedbackFor('undefined_at_points', { point: { x: -1.23456 } })).toContain('x = -1.23');
    expect(feedbackFor('sign_error', { alsoMissingConstant: true })).toContain('+ C');
    expect(feedbackFor('missing_elements', { count: 2 })).toContain('2 are missing');
  });

  it('gives a kind-specific example of how to write an unreadable answer', () => {
    for (const kind of answerKinds) expect(feedbackFor('unparsable', { kind, message: 'oops' })).toContain('oops');
    expect(feedbackFor('unparsable', { kind: 'interval', message: 'oops' })).toContain('(-1, 3]');
  });
});
