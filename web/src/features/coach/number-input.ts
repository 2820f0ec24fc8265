/**
 * What the profile form reads from its number fields. People write numbers their own way ("12,000", "12 000",
 * "4,5"), and a separator read the wrong way silently changes the figure tenfold or more; what can't be read one way
 * only is NaN, which the form shows as a field error.
 */

// Thousands separators: comma, dot, space (also no-break and narrow no-break) and apostrophe (Swiss).
const GROUPED = /^\d{1,3}([,. \u00a0\u202f'])\d{3}(?:\1\d{3})*$/;

/** A whole number such as a follower count: "12000", "12,000", "12.000" and "12 000" are all 12000. */
export function parseWholeNumber(text: string): number {
  const s = text.trim();
  if (/^\d+$/.test(s)) return Number(s);
  // A count has no fraction, so a dot or comma before three digits can only group thousands.
  return GROUPED.test(s) ? Number(s.replace(/\D/g, '')) : Number.NaN;
}

/**
 * A percentage such as an engagement or open rate: a comma is a decimal comma ("4,5" is 4.5, never 45), since a
 * share of 0 to 100 has no thousands to group. A trailing "%" is allowed.
 */
export function parsePercent(text: string): number {
  const s = text.trim().replace(/\s*%$/, '');
  return /^(?:\d+(?:[.,]\d*)?|[.,]\d+)$/.test(s) ? Number(s.replace(',', '.')) : Number.NaN;
}

/**
 * An amount of US dollars: "1,200", "1,200.50", "1.200,50", "800.50" and "800,50" (a comma before one or two digits
 * is a decimal comma; before three it groups thousands). A leading "$" is allowed.
 */
export function parseAmount(text: string): number {
  const s = text.trim().replace(/^\$\s*/, '');
  if (/^\d+(?:\.\d+)?$/.test(s)) return Number(s);
  const decimalComma = /^(\d+),(\d{1,2})$/.exec(s);
  if (decimalComma) return Number(`${decimalComma[1]}.${decimalComma[2]}`);
  // Grouped thousands, then maybe a fraction after the other separator.
  const grouped = /^(\d{1,3}(?:([,. \u00a0\u202f'])\d{3})(?:\2\d{3})*)(?:([.,])(\d+))?$/.exec(s);
  if (!grouped || grouped[3] === grouped[2]) return Number.NaN;
  const whole = (grouped[1] ?? '').replace(/\D/g, '');
  return Number(grouped[4] === undefined ? whole : `${whole}.${grouped[4]}`);
}
