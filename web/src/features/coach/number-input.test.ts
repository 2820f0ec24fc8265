import { describe, expect, it } from 'vitest';
import { parseAmount, parsePercent, parseWholeNumber } from './number-input';

describe('parsePercent (engagement and open rates)', () => {
  it('reads a decimal comma as a decimal point: "4,5" is 4.5, not 45', () => {
    expect(parsePercent('4,5')).toBe(4.5);
    expect(parsePercent('4.5')).toBe(4.5);
    expect(parsePercent(' 40 ')).toBe(40);
    expect(parsePercent('0,75%')).toBe(0.75);
    expect(parsePercent(',5')).toBe(0.5);
  });

  it('refuses what has more than one separator or is not a number', () => {
    for (const text of ['', ' ', '4,5,6', '1,000.5', '4.5.6', 'abc', '-3', '4 5', '4,5x']) {
      expect(parsePercent(text), text).toBeNaN();
    }
  });
});

describe('parseWholeNumber (follower counts, hours)', () => {
  it('reads thousands grouped by comma, dot, space or apostrophe', () => {
    expect(parseWholeNumber('12000')).toBe(12000);
    expect(parseWholeNumber('12,000')).toBe(12000);
    expect(parseWholeNumber('1,250,000')).toBe(1250000);
    expect(parseWholeNumber('12.000')).toBe(12000);
    expect(parseWholeNumber('12 000')).toBe(12000);
    expect(parseWholeNumber('12\u202f000')).toBe(12000);
    expect(parseWholeNumber("12'000")).toBe(12000);
  });

  it('refuses what is not grouped in threes, mixes separators or has a fraction', () => {
    for (const text of ['', '1,2', '12,00', '1,2000', '1,000.000', '1,000 000', '4.5', '12k', '-5']) {
      expect(parseWholeNumber(text), text).toBeNaN();
    }
  });
});

describe('parseAmount (US$ a month)', () => {
  it('reads thousands and decimals either way round', () => {
    expect(parseAmount('800')).toBe(800);
    expect(parseAmount('$800')).toBe(800);
    expect(parseAmount('800.50')).toBe(800.5);
    expect(parseAmount('800,50')).toBe(800.5);
    expect(parseAmount('1,200')).toBe(1200);
    expect(parseAmount('1,200.50')).toBe(1200.5);
    expect(parseAmount('1.200,50')).toBe(1200.5);
    expect(parseAmount('1 200,5')).toBe(1200.5);
  });

  it('refuses mixed-up separators', () => {
    for (const text of ['', '1,200,50', '1.200.50', '1,20,000', '1,2345', 'eight hundred']) {
      expect(parseAmount(text), text).toBeNaN();
    }
  });
});
