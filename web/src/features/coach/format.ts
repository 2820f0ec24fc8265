/**
 * How the coach pages write money, counts and dates. Money and counts are the API's own formatter (src/coach/money.ts:
 * pure Intl, no server code), so a page and the coach's reply never write the same figure two ways.
 */
import { formatMoney } from '../../../../src/coach/money.js';

export { formatCount, formatMoney } from '../../../../src/coach/money.js';

export const formatRange = (min: number, max: number, format: (n: number) => string) =>
  min === max ? format(min) : `${format(min)}–${format(max)}`;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * "Feb 8, 2027". A calendar date ("2027-02-08") is that day wherever the reader is: it parses as UTC midnight, so it
 * is written in UTC (in the reader's zone it would be Feb 7 west of Greenwich).
 */
export const formatDay = (iso: string) =>
  new Intl.DateTimeFormat(undefined, {
    dateStyle: 'medium',
    ...(DATE_ONLY.test(iso) ? { timeZone: 'UTC' } : {}),
  }).format(new Date(iso));

/** The API's summaries write dates as ISO ("Launch on 2027-01-18"); on screen they read like every other date. */
export const withDatesInWords = (text: string) =>
  text.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (date) => (Number.isNaN(new Date(date).getTime()) ? date : formatDay(date)));

export const perInterval = (interval: string) =>
  interval === 'month' ? '/month' : interval === 'year' ? '/year' : ' once';

export const hoursRange = (t: { minHours: number; maxHours: number }) =>
  `${formatRange(t.minHours, t.maxHours, (n) => String(n))} h`;

export const costRange = (c: { min: number; max: number; currency: string }) =>
  c.max === 0 ? 'Free' : formatRange(c.min, c.max, (n) => formatMoney(n, c.currency));

export const statusLabel: Record<string, string> = {
  active: 'Active',
  paused: 'Paused',
  completed: 'Completed',
  abandoned: 'Abandoned',
};
