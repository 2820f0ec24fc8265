import { describe, expect, it } from 'vitest';
import { formatDay, withDatesInWords } from './format';

describe('withDatesInWords (decision summaries)', () => {
  it('writes an ISO date the way the rest of the page does', () => {
    expect(withDatesInWords('Launch on 2027-01-18')).toBe(`Launch on ${formatDay('2027-01-18')}`);
    expect(withDatesInWords('Launch on 2027-01-18')).not.toContain('2027-01-18');
    expect(withDatesInWords('$45/month or $29/month (founding)')).toBe('$45/month or $29/month (founding)');
  });

  it('leaves what is no date as it is', () => {
    expect(withDatesInWords('Code 2027-13-45 stays')).toBe('Code 2027-13-45 stays');
  });

  it('writes a calendar date as that day in every time zone', () => {
    const day = new Intl.DateTimeFormat(undefined, { day: 'numeric' });
    expect(formatDay('2027-01-18')).toContain(day.format(new Date(2027, 0, 18)));
  });
});
