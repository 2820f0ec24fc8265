import { type Confidence, confidenceRank } from './commitment.js';
import type { DecisionCategory } from './decisions.js';

/**
 * Which new decisions to store and which current ones they supersede. Pure: the project service applies the result
 * in one transaction (mark superseded and link, then insert). One decision per category is current.
 *
 * The rule, per category:
 * 1. Only the strongest new detection of a category counts (highest confidence; among equals the last one).
 * 2. Nothing current -> insert it (even a low-confidence one: a tentative choice is better than none; it shows as low).
 * 3. Same value as the current decision -> nothing new, unless it is more confident than the current one; then it
 *    is inserted and supersedes it (a "leaning towards Skool" firmed up into "going with Skool").
 * 4. A different value supersedes the current decision when it is medium or high confidence (the creator changed
 *    their mind and said so), or when both are low. A low-confidence detection never supersedes a medium or a high
 *    one: "I'm leaning towards Discord" must not undo "We decided on Skool".
 * Some categories hold several current decisions side by side, one per slot (`slotOf`): prices per billing interval
 * and tier (an annual $490/year and a monthly €25 coexist; a $10 premium tier does not replace the free tier's
 * terms), and a membership cap beside the community's shape. A new decision is compared with, and supersedes, only
 * the current one in its slot; if the store holds several there, the last one listed.
 */

export interface CurrentDecision<Id = string> {
  id: Id;
  category: DecisionCategory;
  value: unknown;
  confidence: Confidence;
}

export interface NewDecision {
  category: DecisionCategory;
  value: unknown;
  confidence: Confidence;
}

export interface SupersedeItem<D extends NewDecision, Id> {
  decision: D;
  /** The current decision this one supersedes (mark it superseded and link it), or null. */
  supersedes: Id | null;
}

export interface SupersedePlan<D extends NewDecision, Id> {
  /** Store these, each marking `supersedes` (when not null) as superseded by it. */
  insert: Array<SupersedeItem<D, Id>>;
  /** Detected, not stored, with the reason. */
  skipped: Array<{
    decision: D;
    reason: 'same-as-current' | 'weaker-than-current' | 'weaker-in-same-message';
    currentId: Id | null;
  }>;
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return typeof value === 'string' ? value.trim().toLowerCase() : value;
}

/**
 * Whether two decision values say the same thing. Pricing compares amount, currency and interval (not the
 * alternatives offered alongside); timeline compares event and date; content compares the main activity and rhythm;
 * platforms compare names case-insensitively; structure compares all stated fields.
 */
export function sameDecisionValue(category: DecisionCategory, a: unknown, b: unknown): boolean {
  const pick = (v: unknown, keys: string[]) =>
    v !== null && typeof v === 'object'
      ? Object.fromEntries(keys.map((k) => [k, (v as Record<string, unknown>)[k]]))
      : v;
  const keysBy: Partial<Record<DecisionCategory, string[]>> = {
    pricing: ['amount', 'currency', 'interval'],
    timeline: ['event', 'date'],
    content: ['activity', 'count', 'period'],
  };
  const keys = keysBy[category];
  const [x, y] = keys ? [pick(a, keys), pick(b, keys)] : [a, b];
  return JSON.stringify(canonical(x)) === JSON.stringify(canonical(y));
}

/**
 * The slot a decision occupies within its category: pricing by interval (no interval counts as monthly, the usual
 * community price) and tier; structure splits a membership cap from the shape (access, tiers); one slot otherwise.
 */
export function slotOf(category: DecisionCategory, value: unknown): string {
  const v = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  if (category === 'pricing') {
    const interval = v.interval === undefined || v.interval === 'unspecified' ? 'month' : String(v.interval);
    return `${interval}|${typeof v.tier === 'string' ? v.tier : ''}`;
  }
  if (category === 'structure') {
    const keys = Object.keys(v).filter((k) => v[k] !== undefined);
    return keys.length === 1 && keys[0] === 'cap' ? 'cap' : 'shape';
  }
  return '';
}

/** The decisions to store, each with the current decision it supersedes (see the rule above). */
export function planSupersession<D extends NewDecision, Id>(
  current: ReadonlyArray<CurrentDecision<Id>>,
  detected: readonly D[],
): Array<SupersedeItem<D, Id>> {
  return explainSupersession(current, detected).insert;
}

/** The same plan with what was not stored and why (for logs and tests). */
export function explainSupersession<D extends NewDecision, Id>(
  current: ReadonlyArray<CurrentDecision<Id>>,
  detected: readonly D[],
): SupersedePlan<D, Id> {
  const plan: SupersedePlan<D, Id> = { insert: [], skipped: [] };
  const strongest = new Map<DecisionCategory, D>();
  for (const d of detected) {
    const seen = strongest.get(d.category);
    if (!seen || confidenceRank[d.confidence] >= confidenceRank[seen.confidence]) {
      if (seen) plan.skipped.push({ decision: seen, reason: 'weaker-in-same-message', currentId: null });
      strongest.set(d.category, d);
    } else {
      plan.skipped.push({ decision: d, reason: 'weaker-in-same-message', currentId: null });
    }
  }
  for (const [category, decision] of strongest) {
    const slot = slotOf(category, decision.value);
    const existing = current.filter((c) => c.category === category && slotOf(category, c.value) === slot).at(-1);
    if (!existing) {
      plan.insert.push({ decision, supersedes: null });
      continue;
    }
    const newRank = confidenceRank[decision.confidence];
    const oldRank = confidenceRank[existing.confidence];
    if (sameDecisionValue(category, decision.value, existing.value)) {
      if (newRank > oldRank) plan.insert.push({ decision, supersedes: existing.id });
      else plan.skipped.push({ decision, reason: 'same-as-current', currentId: existing.id });
      continue;
    }
    if (decision.confidence === 'low' && existing.confidence !== 'low') {
      plan.skipped.push({ decision, reason: 'weaker-than-current', currentId: existing.id });
      continue;
    }
    plan.insert.push({ decision, supersedes: existing.id });
  }
  return plan;
}
