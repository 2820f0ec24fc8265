/**
 * Token estimation for when a provider gives no count (aborts, failures, servers without usage, the offline coach).
 *
 * A heuristic, deliberately a little generous: about four characters of ASCII text per token (English prose
 * with Claude-era tokenizers runs 3.5–4.5), one token per CJK character or emoji, and a third of a token for
 * other non-ASCII characters (accents inside Latin words). Estimates are always flagged as such in AiUsage.
 */
import type { AiMessage } from './provider.js';

/** Per-message framing tokens (role markers etc.) and the fixed framing of a request. */
const PER_MESSAGE_OVERHEAD = 4;
const PER_REQUEST_OVERHEAD = 3;

export function estimateTokens(text: string): number {
  if (!text) return 0;
  let ascii = 0;
  let wide = 0;
  let other = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80) ascii += 1;
    else if (cp >= 0x2e80) wide += 1;
    else other += 1;
  }
  return Math.ceil(ascii / 4 + wide + other / 3);
}

export function estimateRequestTokens(system: string, messages: readonly AiMessage[]): number {
  let total = PER_REQUEST_OVERHEAD + estimateTokens(system);
  for (const message of messages) total += PER_MESSAGE_OVERHEAD + estimateTokens(message.content);
  return total;
}
