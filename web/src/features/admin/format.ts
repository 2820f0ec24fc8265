/** Dollars with cents, and with more digits below a cent, where AI costs usually are. */
export function formatUsd(amount: number): string {
  const digits = amount !== 0 && Math.abs(amount) < 0.01 ? 4 : 2;
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(amount);
}

export const formatCount = (n: number) => new Intl.NumberFormat().format(n);

export const formatDay = (day: string) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(day));

/** A UTC day, `days` before today. */
export const daysAgo = (days: number, now = Date.now()) => new Date(now - days * 86_400_000).toISOString().slice(0, 10);
