import { Rating, State } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { ratingFor, retrievability, reviewCard, type StoredCard, toCard } from './review-schedule.js';

const DAY = 86_400_000;
const base = { timeSpentMs: 5 * 60_000, estimatedMinutes: 8, assisted: false };

describe('FSRS rating of an attempt', () => {
  it('maps first-try correct to Good, or Easy when fast', () => {
    expect(ratingFor({ ...base, correct: true, tryNumber: 1 })).toBe(Rating.Good);
    expect(ratingFor({ ...base, correct: true, tryNumber: 1, timeSpentMs: 4 * 60_000 })).toBe(Rating.Easy);
    expect(ratingFor({ ...base, correct: true, tryNumber: 1, estimatedMinutes: null, timeSpentMs: 6 * 60_000 })).toBe(
      Rating.Good,
    );
  });

  it('maps a correct later try to Hard, wrong or assisted to Again', () => {
    expect(ratingFor({ ...base, correct: true, tryNumber: 2 })).toBe(Rating.Hard);
    expect(ratingFor({ ...base, correct: false, tryNumber: 3 })).toBe(Rating.Again);
    expect(ratingFor({ ...base, correct: true, tryNumber: 1, assisted: true })).toBe(Rating.Again);
  });
});

describe('pattern review cards', () => {
  const now = new Date('2026-11-23T12:00:00.000Z');

  it('schedules a well-known pattern days ahead and a failed one within minutes', () => {
    const good = reviewCard(undefined, Rating.Good, now);
    const again = reviewCard(undefined, Rating.Again, now);
    expect(Date.parse(again.due!)).toBeLessThan(now.getTime() + 60 * 60_000);
    expect(good.reps).toBe(1);
    expect(good.last_review).toBe(now.toISOString());
    // A second Good a day later graduates it to review state, due further out.
    const later = new Date(now.getTime() + DAY);
    const graduated = reviewCard(good, Rating.Good, later);
    expect(graduated.state).toBe(State.Review);
    expect(Date.parse(graduated.due!)).toBeGreaterThan(later.getTime() + DAY);
  });

  it('spaces reviews out after each success and shrinks stability after a lapse', () => {
    let card: StoredCard | undefined;
    let at = now;
    const intervals: number[] = [];
    for (let i = 0; i < 5; i++) {
      card = reviewCard(card, Rating.Good, at);
      intervals.push(Date.parse(card.due!) - at.getTime());
      at = new Date(card.due!);
    }
    for (let i = 2; i < intervals.length; i++) expect(intervals[i]).toBeGreaterThan(intervals[i - 1]!);
    const lapsed = reviewCard(card, Rating.Again, at);
    expect(lapsed.lapses).toBe(1);
    expect(lapsed.stability).toBeLessThan(card!.stability);
    expect(lapsed.state).toBe(State.Relearning);
  });

  it('round-trips through the stored columns', () => {
    const stored = reviewCard(reviewCard(undefined, Rating.Good, now), Rating.Easy, new Date(now.getTime() + DAY));
    const card = toCard(stored, now);
    expect(card.due.toISOString()).toBe(stored.due);
    expect(card.stability).toBe(stored.stability);
    expect(card.state).toBe(stored.state);
    expect(retrievability(stored, new Date(Date.parse(stored.due!)))).toBeGreaterThan(0.8);
    expect(retrievability({ ...stored, due: null }, now)).toBe(0);
  });
});
