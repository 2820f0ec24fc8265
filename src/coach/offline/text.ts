/** Small deterministic text helpers for the offline coach: stable choices and keyword relevance. */

/** FNV-1a: a stable hash so "rotating" choices stay deterministic for the same input. */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function pick<T>(items: readonly T[], seed: number): T | undefined {
  return items.length === 0 ? undefined : items[seed % items.length];
}

/** Lower-case words of 4+ letters, minus common filler, for matching a message against tips and tasks. */
const STOPWORDS = new Set([
  'about',
  'after',
  'also',
  'been',
  'before',
  'could',
  'does',
  'doing',
  'from',
  'have',
  'just',
  'like',
  'make',
  'more',
  'much',
  'need',
  'really',
  'should',
  'some',
  'that',
  'their',
  'them',
  'then',
  'there',
  'they',
  'this',
  'what',
  'when',
  'where',
  'which',
  'will',
  'with',
  'would',
  'your',
  // Too common in a creator's plan to say anything about relevance.
  'audience',
  'community',
  'content',
  'creator',
  'followers',
  'member',
  'members',
  'people',
]);

export function keywords(text: string): Set<string> {
  const words = text.toLowerCase().match(/[a-z][a-z'-]{3,}/g) ?? [];
  return new Set(words.map((w) => w.replace(/'s$/, '')).filter((w) => !STOPWORDS.has(w)));
}

/** The item sharing the most keywords with `query` (ties: the earliest), or undefined when nothing overlaps. */
export function mostRelevant(items: readonly string[], query: Set<string>): string | undefined {
  let best: string | undefined;
  let bestScore = 0;
  for (const item of items) {
    let score = 0;
    for (const word of keywords(item)) if (query.has(word)) score += 1;
    if (score > bestScore) {
      best = item;
      bestScore = score;
    }
  }
  return best;
}

/** Ends a sentence with a full stop unless it already ends with punctuation. */
export function sentence(text: string): string {
  const t = text.trimEnd();
  return /[.!?:…)”"']$/.test(t) ? t : `${t}.`;
}
