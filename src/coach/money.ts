/**
 * How the coach writes money, counts, rates and days: one formatter for plans, detected decisions and coach replies.
 */

const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatCount(n: number): string {
  return COUNT.format(Math.round(n));
}

/** `formatMoney(49, 'USD')` -> `$49`; `formatMoney(9.99, 'EUR')` -> `€9.99`. Whole amounts print without cents. */
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
    // Unknown currency code: fall back to "49 XYZ".
    return `${whole ? formatCount(amount) : amount.toFixed(2)} ${currency}`;
  }
}

/** A rate (0.011) as a percent ("1.1%"); whole percents print without decimals. */
export function formatPercent(rate: number): string {
  const pct = Math.round(rate * 10_000) / 100;
  return `${Number.isInteger(pct) ? pct : Number.parseFloat(pct.toFixed(2))}%`;
}

/** "January 18, 2027": a YYYY-MM-DD day as a reader writes it. */
export function formatDay(isoDay: string): string {
  return new Date(`${isoDay}T00:00:00Z`).toLocaleDateString('en-US', {
    timeZone: 'UTC',
    month: 'long',
    day: 'numeric',
    year: 'numeric',
  });
}

/** A decision's summary ("Launch on 2027-01-18") for a sentence to a creator: its days in words. */
export function withDaysInWords(text: string): string {
  return text.replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (day) => formatDay(day));
}
