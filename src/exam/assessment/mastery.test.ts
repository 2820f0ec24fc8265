import { describe, expect, it } from 'vitest';
import {
  defaultBkt,
  type Evidence,
  evidenceFor,
  evidenceWeights,
  expectedPointsLost,
  foldMastery,
  updateMastery,
} from './mastery.js';

const free = (correct: boolean, weight = 1): Evidence => ({ correct, weight, mode: 'free' });

describe('BKT mastery model', () => {
  it('matches the textbook update for a full observation', () => {
    // p = 0.4, S = 0.1, G = 0.1: p(L|c) = 0.36 / (0.36 + 0.06) = 0.857; + (1 - 0.857) * 0.1 = 0.871.
    expect(updateMastery(0.4, free(true))).toBeCloseTo(0.8714, 4);
    // p(L|w) = 0.04 / (0.04 + 0.54) = 0.069; + 0.931 * 0.1 = 0.162.
    expect(updateMastery(0.4, free(false))).toBeCloseTo(0.1621, 4);
  });

  it('treats a right MCQ pick as weaker evidence than a right typed answer (guessing)', () => {
    const typed = updateMastery(0.4, free(true));
    const picked = updateMastery(0.4, { correct: true, weight: 1, mode: 'mcq' });
    expect(picked).toBeLessThan(typed);
    expect(picked).toBeGreaterThan(0.4);
  });

  it('moves only part of the way for partial evidence, and not at all for none', () => {
    const full = updateMastery(0.4, free(true));
    const partial = updateMastery(0.4, free(true, evidenceWeights.laterTryCorrect));
    expect(partial).toBeGreaterThan(0.4);
    expect(partial).toBeLessThan(full);
    expect(updateMastery(0.4, free(true, 0))).toBe(0.4);
  });

  it('weights first tries most, later tries less, and counts a revealed solution as not mastered', () => {
    const first = evidenceFor({ type: 'try', tryNumber: 1, correct: true, assisted: false, mode: 'free' });
    const later = evidenceFor({ type: 'try', tryNumber: 3, correct: true, assisted: false, mode: 'free' });
    const afterReveal = evidenceFor({ type: 'try', tryNumber: 1, correct: true, assisted: true, mode: 'free' });
    const revealed = evidenceFor({ type: 'revealed', triesBefore: 0, mode: 'free' });
    const revealedLate = evidenceFor({ type: 'revealed', triesBefore: 2, mode: 'free' });
    expect(first).toEqual({ correct: true, weight: 1, mode: 'free' });
    expect(later.weight).toBeLessThan(first.weight);
    expect(afterReveal.weight).toBe(0);
    expect(revealed).toEqual({ correct: false, weight: 1, mode: 'free' });
    expect(revealedLate.weight).toBeLessThan(revealed.weight);
    expect(updateMastery(0.5, revealed)).toBeLessThan(0.5);
  });

  it('falls with repeated failures and recovers after correct first tries', () => {
    const failing = foldMastery([free(false), free(false), free(false), free(false)]);
    expect(failing).toBeLessThan(0.15);
    const recovered = foldMastery([free(true), free(true), free(true)], failing);
    expect(recovered).toBeGreaterThan(0.9);
    // Each step up is monotone.
    let p = failing;
    for (let i = 0; i < 3; i++) {
      const next = updateMastery(p, free(true));
      expect(next).toBeGreaterThan(p);
      p = next;
    }
  });

  it('stays inside (0, 1) so a slip can always be recovered from', () => {
    const high = foldMastery(Array.from({ length: 50 }, () => free(true)));
    const low = foldMastery(Array.from({ length: 50 }, () => free(false)));
    expect(high).toBeLessThan(1);
    expect(low).toBeGreaterThan(0);
    expect(updateMastery(high, free(false))).toBeLessThan(high);
  });

  it('starts at the prior', () => {
    expect(foldMastery([])).toBe(defaultBkt.prior);
  });

  it('expected points lost = (1 - mastery) x frequency x average points', () => {
    expect(expectedPointsLost(0.25, 0.8, 12)).toBeCloseTo(7.2, 10);
    expect(expectedPointsLost(1, 1, 10)).toBe(0);
    expect(expectedPointsLost(0, 0, 10)).toBe(0);
  });
});
