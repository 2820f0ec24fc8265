/**
 * How the coach pages write money, counts and dates. Money and counts are the API's own formatter (src/coach/money.ts:
 * pure Intl, no server code), so a page and the coach's reply never write the same figure two ways.
 */
import { formatMoney } from '../../../../src/coach/money.js';

export { formatCount, formatMoney } from '../../../../src/coach/money.js';

export const formatRange = (min: number, max: number, format: (n: number) => string) =>
  min === max ? format(min) : `${format(min)}–${format(max)}`;

export const formatDay = (iso: string) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date(iso));

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
