import { parseNumberWords } from './text.js';

/**
 * Dates in chat text, resolved against `now` in UTC (the creator's time zone is not known here; a date is a calendar
 * day, so an off-by-one near midnight is the worst case).
 *
 * Conventions (English is ambiguous here, so they are fixed and tested):
 *   "March 3", "3 March", "the 20th" -> the next such day on or after today (a past date this year means next year;
 *                                      a day of the month already past means next month)
 *   "Friday", "this Friday", "next Friday", "on Tuesday" -> the first such weekday strictly after today
 *   "in two weeks", "in 10 days", "in a month"           -> today plus that (months: same day of the month)
 *   "six weeks from today", "a week from Wednesday"      -> that day plus that ("a week on Friday" too; a fortnight
 *                                                          is two weeks)
 *   "Valentine's Day", "Christmas", "Halloween"          -> the next such day
 *   "two weeks out", "10 days away"                      -> today plus that
 *   "3/17", "17/3"                                        -> only when one number cannot be a month ("3/4" is skipped)
 *   "the first / last week of April"                      -> the 1st / the last seven days' first day (approximate)
 *   "tomorrow", "today"
 *   "next week" -> Monday of next week; "next month" -> the 1st of next month       (approximate)
 *   "early/mid/end of next month" -> its 1st / 15th / last day                      (approximate)
 *   "early/mid/late March", "end of March", "in March" -> the 1st / 15th / last day  (approximate)
 * Without `now` only fully written dates resolve ("2025-05-01", "March 3, 2026").
 */
export interface FoundDate {
  /** YYYY-MM-DD */
  date: string;
  approximate?: true;
  start: number;
  end: number;
  text: string;
}

const DAY_MS = 86_400_000;
const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const monthPattern =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const dateAfterWeekday = new RegExp(
  String.raw`^,?\s+(?:the\s+\d{1,2}(?:st|nd|rd|th)|${monthPattern}\b|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?${monthPattern}|\d{1,2}\/\d{1,2})`,
);
const weekdays = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const monthIndex = (name: string) => months.indexOf(name.slice(0, 3));
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month + 1, 0)).getUTCDate();

/** Days in a counted unit ("two weeks", "a fortnight"); months are counted by the calendar instead. */
const unitDays = (unit: string) => (unit === 'fortnight' ? 14 : unit === 'week' ? 7 : 1);

// Holidays on a fixed day: "drop day is Valentine's Day", "doors open on New Year's Day".
const holidays: Array<[RegExp, number, number]> = [
  [/\b(?:st\.? )?valentine'?s(?: day)?\b/g, 1, 14],
  [/\b(?:st\.? )?patrick'?s day\b|\bst\.? paddy'?s day\b/g, 2, 17],
  [/\bhalloween\b/g, 9, 31],
  [/\bchristmas eve\b/g, 11, 24],
  [/\bchristmas(?: day)?\b|\bxmas\b/g, 11, 25],
  [/\bboxing day\b/g, 11, 26],
  [/\bnew year'?s eve\b|\bnye\b/g, 11, 31],
  [/\bnew year'?s(?: day\b|\b(?!\s+(?:eve|resolutions?|goals?|plans?)\b))/g, 0, 1],
];

function validDay(year: number, month: number, day: number): boolean {
  return month >= 0 && month < 12 && day >= 1 && day <= lastDay(year, month);
}

/** Finds and resolves every date expression, in text order. */
export function findDates(lower: string, now?: Date): FoundDate[] {
  const found: FoundDate[] = [];
  const taken = (s: number, e: number) => found.some((f) => s < f.end && e > f.start);
  const add = (m: RegExpMatchArray, ms: number | undefined, approximate = false) => {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (ms === undefined || Number.isNaN(ms) || taken(start, end)) return;
    found.push({
      date: iso(ms),
      start,
      end,
      text: m[0].trim(),
      ...(approximate ? { approximate: true as const } : {}),
    });
  };
  const today = now ? Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) : undefined;
  const y = now?.getUTCFullYear();

  /** The next occurrence of month/day on or after today (explicit years are kept). */
  const monthDay = (month: number, day: number, year?: number): number | undefined => {
    if (year !== undefined) return validDay(year, month, day) ? Date.UTC(year, month, day) : undefined;
    if (today === undefined || y === undefined) return undefined;
    for (const candidate of [y, y + 1]) {
      if (!validDay(candidate, month, day)) continue;
      const ms = Date.UTC(candidate, month, day);
      if (ms >= today) return ms;
    }
    return undefined;
  };

  for (const m of lower.matchAll(/\b(\d{4})-(\d{2})-(\d{2})\b/g)) {
    const [year, month, day] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
    add(m, validDay(year, month, day) ? Date.UTC(year, month, day) : undefined);
  }
  // early / mid / late / end of <month>
  for (const m of lower.matchAll(
    new RegExp(
      String.raw`\b(early|mid|late|end of|the end of|beginning of|start of)[\s-]+${monthPattern}\b(?:,?\s*(\d{4}))?`,
      'g',
    ),
  )) {
    const month = monthIndex(m[2]!);
    const year = m[3] ? Number(m[3]) : y;
    if (year === undefined) continue;
    const which = m[1]!;
    const day = /early|beginning|start/.test(which) ? 1 : which === 'mid' ? 15 : lastDay(year, month);
    // Said within that month after the day ("early March" on March 5): today, not next year.
    const sameMonth =
      today !== undefined && !m[3] && month === now!.getUTCMonth() && Date.UTC(year, month, day) < today;
    add(m, sameMonth ? today : monthDay(month, day, m[3] ? year : undefined), true);
  }
  // 3/17, 17/3, 3/17/2025: only when the day cannot be the month (above 12); 3/4 could be either, so it is left out.
  for (const m of lower.matchAll(/(?<![\d/$€£.])(\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?(?![\d/%])/g)) {
    if (m[0] === '24/7') continue; // "24/7 support"
    const [a, b] = [Number(m[1]), Number(m[2])];
    const year = m[3] ? Number(m[3].length === 2 ? `20${m[3]}` : m[3]) : undefined;
    if (a > 12 && b >= 1 && b <= 12) add(m, monthDay(b - 1, a, year));
    else if (b > 12 && a >= 1 && a <= 12) add(m, monthDay(a - 1, b, year));
  }
  // the first / second / last week of April (approximate: the day that week starts)
  for (const m of lower.matchAll(
    new RegExp(
      String.raw`\b(?:the\s+)?(first|1st|second|2nd|third|3rd|last|final)\s+week\s+(?:of|in)\s+${monthPattern}\b`,
      'g',
    ),
  )) {
    const month = monthIndex(m[2]!);
    const year = y;
    if (year === undefined) continue;
    const which = m[1]!;
    const day = /first|1st/.test(which) ? 1 : /second|2nd/.test(which) ? 8 : /third|3rd/.test(which) ? 15 : 0;
    const resolved = day > 0 ? monthDay(month, day) : undefined;
    if (day > 0) add(m, resolved, true);
    else {
      const last = monthDay(month, 1);
      if (last !== undefined) {
        const d = new Date(last);
        add(m, Date.UTC(d.getUTCFullYear(), month, lastDay(d.getUTCFullYear(), month) - 6), true);
      }
    }
  }
  // March 3, Mar. 3rd, March 3, 2026
  for (const m of lower.matchAll(
    new RegExp(String.raw`\b${monthPattern}\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s*(\d{4})\b)?`, 'g'),
  )) {
    add(m, monthDay(monthIndex(m[1]!), Number(m[2]), m[3] ? Number(m[3]) : undefined));
  }
  // 3 March, 3rd of March
  for (const m of lower.matchAll(
    new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?${monthPattern}\b(?:,?\s*(\d{4})\b)?`, 'g'),
  )) {
    add(m, monthDay(monthIndex(m[2]!), Number(m[1]), m[3] ? Number(m[3]) : undefined));
  }
  if (today === undefined || y === undefined || !now) return found.sort((a, b) => a.start - b.start);

  for (const [re, month, day] of holidays) for (const m of lower.matchAll(re)) add(m, monthDay(month, day));
  // the 20th (this month, or next month once it has passed)
  for (const m of lower.matchAll(/\bthe\s+(\d{1,2})(?:st|nd|rd|th)\b/g)) {
    const day = Number(m[1]);
    const month = now.getUTCMonth();
    let ms: number | undefined;
    for (const offset of [0, 1, 2]) {
      const yy = y + Math.floor((month + offset) / 12);
      const mm = (month + offset) % 12;
      if (validDay(yy, mm, day) && Date.UTC(yy, mm, day) >= today) {
        ms = Date.UTC(yy, mm, day);
        break;
      }
    }
    add(m, ms);
  }
  // "six weeks from today", "10 days from now", "two weeks from tomorrow": counted from that day (before "today"
  // alone claims the word).
  // "a week from Wednesday", "two weeks after Friday": counted from the next such weekday.
  for (const m of lower.matchAll(
    /\b(a couple of|a few|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,3})\s+(day|week|fortnight|month)s?\s+(?:from|after|on)\s+(?:this\s+|next\s+)?(today|now|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/g,
  )) {
    const n = parseNumberWords(m[1]!);
    if (n === undefined) continue;
    const weekday = weekdays.indexOf(m[3]!);
    const base =
      m[3] === 'tomorrow'
        ? today + DAY_MS
        : weekday >= 0
          ? today + ((weekday - now.getUTCDay() + 7) % 7 || 7) * DAY_MS
          : today;
    if (m[2] === 'month') {
      const from = new Date(base);
      const month = from.getUTCMonth() + n;
      const yy = from.getUTCFullYear() + Math.floor(month / 12);
      const mm = month % 12;
      add(m, Date.UTC(yy, mm, Math.min(from.getUTCDate(), lastDay(yy, mm))));
    } else {
      add(m, base + n * unitDays(m[2]!) * DAY_MS);
    }
  }
  // (next|this|coming|on) Friday; "every Friday" / "on Fridays" are recurring, not a date.
  for (const m of lower.matchAll(
    /\b(?:(next|this|coming|on)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b(?!s)/g,
  )) {
    const before = lower.slice(Math.max(0, (m.index ?? 0) - 8), m.index ?? 0);
    if (/\b(?:every|each)\s+$/.test(before)) continue;
    // "Monday the 24th", "Friday, March 7": the date after the weekday says which one.
    const after = lower.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 16);
    if (dateAfterWeekday.test(after)) continue;
    const target = weekdays.indexOf(m[2]!);
    const current = now.getUTCDay();
    const ahead = (target - current + 7) % 7 || 7;
    add(m, today + ahead * DAY_MS);
  }
  // in two weeks / in 10 days / in a month / in a couple of weeks
  for (const m of lower.matchAll(
    /\bin\s+(a couple of|a few|few|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,3})\s+(day|week|fortnight|month)s?\b/g,
  )) {
    const n = parseNumberWords(m[1]!);
    if (n === undefined) continue;
    if (m[2] === 'month') {
      const target = new Date(today);
      const month = target.getUTCMonth() + n;
      const yy = target.getUTCFullYear() + Math.floor(month / 12);
      const mm = month % 12;
      add(m, Date.UTC(yy, mm, Math.min(target.getUTCDate(), lastDay(yy, mm))));
    } else {
      add(m, today + n * unitDays(m[2]!) * DAY_MS);
    }
  }
  // "two weeks out", "10 days away"
  for (const m of lower.matchAll(
    /\b(a couple of|a few|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,3})\s+(day|week|fortnight|month)s?\s+(?:out|away)\b/g,
  )) {
    const n = parseNumberWords(m[1]!);
    if (n === undefined) continue;
    if (m[2] === 'month') {
      const month = now.getUTCMonth() + n;
      const yy = y + Math.floor(month / 12);
      add(m, Date.UTC(yy, month % 12, Math.min(now.getUTCDate(), lastDay(yy, month % 12))));
    } else add(m, today + n * unitDays(m[2]!) * DAY_MS);
  }
  for (const m of lower.matchAll(/\btomorrow\b/g)) add(m, today + DAY_MS);
  for (const m of lower.matchAll(/\b(?:today|tonight)\b/g)) add(m, today);
  for (const m of lower.matchAll(/\bnext week\b/g)) {
    const ahead = (1 - now.getUTCDay() + 7) % 7 || 7;
    add(m, today + ahead * DAY_MS, true);
  }
  // "end of next month", "mid next month": before the bare "next month" below, which would take the words.
  for (const m of lower.matchAll(/\b(early|mid|late|(?:the\s+)?end of|beginning of|start of)[\s-]+next month\b/g)) {
    const month = now.getUTCMonth() + 1;
    const [yy, mm] = [y + Math.floor(month / 12), month % 12];
    const day = /early|beginning|start/.test(m[1]!) ? 1 : m[1] === 'mid' ? 15 : lastDay(yy, mm);
    add(m, Date.UTC(yy, mm, day), true);
  }
  for (const m of lower.matchAll(/\bnext month\b/g)) add(m, Date.UTC(y, now.getUTCMonth() + 1, 1), true);
  for (const m of lower.matchAll(/\b(?:the\s+)?end of (?:the|this) month\b/g)) {
    add(m, Date.UTC(y, now.getUTCMonth(), lastDay(y, now.getUTCMonth())), true);
  }
  // in March (approximate: the 1st, or today when it is already March)
  for (const m of lower.matchAll(new RegExp(String.raw`\bin\s+${monthPattern}\b(?!\s+\d)`, 'g'))) {
    const month = monthIndex(m[1]!);
    const first = monthDay(month, 1) ?? undefined;
    const thisMonth = month === now.getUTCMonth() ? today : undefined;
    add(m, thisMonth ?? first, true);
  }
  return found.sort((a, b) => a.start - b.start);
}
