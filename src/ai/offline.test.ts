import { describe, expect, it } from 'vitest';
import { chunkText, NO_OFFLINE_REPLY, OfflineProvider } from './offline.js';
import type { AiStreamEvent } from './provider.js';

const REPLY =
  'Here is your next step.\n\n**Next task: Run a founding-member waitlist** (about 2-3 hours)\nCollect emails from ' +
  'followers who want in before launch.\n\nSteps:\n1. Write a one-paragraph offer\n2. Create a simple waitlist page\n' +
  '3. Post about it in stories three days in a row\n4. DM the 20 most engaged followers personally';

describe('OfflineProvider', () => {
  const request = (content: string, signal?: AbortSignal) => ({
    system: 'system prompt',
    messages: [{ role: 'user' as const, content }],
    offlineReply: REPLY,
    ...(signal ? { signal } : {}),
  });

  it('streams the reply in word groups, yielding to the event loop, and ends with estimated usage', async () => {
    const provider = new OfflineProvider();
    const events: AiStreamEvent[] = [];
    // Other work queued on the event loop (a ticker that re-queues itself with setImmediate) runs between chunks:
    // counted by turns of the loop, not by a timer, so a fast machine that streams within a millisecond counts too.
    let ticks = 0;
    let streaming = true;
    const tick = () => {
      if (!streaming) return;
      ticks += 1;
      setImmediate(tick);
    };
    setImmediate(tick);
    for await (const event of provider.stream(request('What should I do next?'))) events.push(event);
    streaming = false;
    const texts = events.filter((e) => e.type === 'text').map((e) => (e.type === 'text' ? e.text : ''));
    expect(texts.length).toBeGreaterThan(10);
    expect(texts.join('')).toBe(REPLY);
    for (const t of texts) expect(t.trim().split(/\s+/).length).toBeLessThanOrEqual(5);
    expect(ticks).toBeGreaterThan(0); // the stream did not block the event loop
    const last = events.at(-1);
    expect(last).toMatchObject({ type: 'done', model: 'offline-coach', stopReason: 'end_turn' });
    if (last?.type !== 'done') return;
    expect(last.usage.inputEstimated).toBe(true);
    expect(last.usage.outputEstimated).toBe(true);
    expect(last.usage.outputTokens).toBeGreaterThan(20);
    expect(provider.price.outputPerMTok).toBe(0);
    expect(provider.describe().offline).toBe(true);
  });

  it('stops on abort with the text so far and estimated usage', async () => {
    const controller = new AbortController();
    const texts: string[] = [];
    let last: AiStreamEvent | undefined;
    for await (const event of new OfflineProvider().stream(request('What should I do next?', controller.signal))) {
      if (event.type === 'text') {
        texts.push(event.text);
        if (texts.length === 3) controller.abort();
      } else last = event;
    }
    expect(texts).toHaveLength(3);
    expect(last?.type === 'error' && last.error.code).toBe('aborted');
    expect(last?.type === 'error' && last.usage.outputEstimated).toBe(true);
  });

  it('chunks deterministically and loses no characters', () => {
    const text = 'One two three\n\n- four five six seven eight nine ten';
    expect(chunkText(text).join('')).toBe(text);
    expect(chunkText(text)).toEqual(chunkText(text));
  });

  it('says there is no offline answer when the caller composed none', async () => {
    let text = '';
    for await (const event of new OfflineProvider().stream({
      system: 's',
      messages: [{ role: 'user', content: 'hi' }],
    })) {
      if (event.type === 'text') text += event.text;
    }
    expect(text).toBe(NO_OFFLINE_REPLY);
  });
});
