/** How the coach pages write money, counts and dates (the same rules as the API's own texts). */
const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export const formatCount = (n: number) => COUNT.format(Math.round(n));

export function formatMoney(amount: number, currency: string): string {
  const whole = Math.abs(amount - Math.round(amount)) < 0.005;
  try {
    return new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency,
      minimumFractionDigits: whole ? 0 : 2,
      maximumFractionDigits: whole ? 0 : 2,
    }).format(whole ? Math.round(amount) : amount);
  } catch {
    return `${formatCount(amount)} ${currency}`;
  }
}

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
