import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeAnthropic, startFakeAnthropic } from '../../../test/fakes/anthropic-server.js';
import { AnthropicProvider } from '../../ai/anthropic.js';
import { OfflineProvider } from '../../ai/offline.js';
import { costMicros, priceFor } from '../../ai/pricing.js';
import { getTemplate, loadTemplates } from '../templates/load-templates.js';
import { detectDecisions } from './decisions.js';
import { evaluateDetector, loadLabelledMessages } from './evaluate.js';
import { detectDecisionsWithModel, detectedDecisionSchema, parseModelDecisions } from './model-detection.js';

const monday = new Date('2025-02-10T15:00:00Z');
let fake: FakeAnthropic;

beforeAll(async () => {
  fake = await startFakeAnthropic();
});
afterAll(async () => {
  await fake.close();
});
afterEach(() => {
  fake.setBehaviors([{}]);
  fake.requests.length = 0;
});

const anthropic = () =>
  new AnthropicProvider({
    apiKey: 'test-key',
    baseURL: fake.url,
    model: 'claude-sonnet-5-5',
    maxTokens: 4096,
    maxRetries: 0,
    timeoutMs: 2000,
    idleTimeoutMs: 2000,
    promptCaching: false,
    price: priceFor('claude-sonnet-5-5'),
  });

const message = "Skool or Circle? Skool, final. And I'll charge $39 a month.";
const answer = {
  decisions: [
    { category: 'platform', value: 'Skool', confidence: 'high', evidence: 'Skool, final.' },
    {
      category: 'pricing',
      value: { amount: 39, currency: 'USD', interval: 'month' },
      confidence: 'high',
      evidence: "And I'll charge $39 a month.",
    },
  ],
};

describe('detection by the model, with the rules as the default and the fallback', () => {
  it('the rules produce only values the schema accepts, on every labelled message', () => {
    const set = loadLabelledMessages();
    const tasks = getTemplate(loadTemplates(), 'premium-community').phases.flatMap((p) => p.tasks);
    const detections = evaluateDetector(set, tasks).results.flatMap((r) => r.decisions);
    expect(detections.length).toBeGreaterThan(300);
    for (const { summary: _summary, ...d } of detections) {
      expect(detectedDecisionSchema.safeParse(d).success, JSON.stringify(d)).toBe(true);
    }
  });

  it('uses the rules, without a model call, when the provider is offline', async () => {
    const result = await detectDecisionsWithModel(new OfflineProvider(), message, { now: monday });
    expect(result).toEqual({ decisions: detectDecisions(message, { now: monday }), source: 'rules' });
    expect(fake.requests).toHaveLength(0);
  });

  it("takes the model's decisions, validated, with the call's usage and cost", async () => {
    const usage = { input_tokens: 900, output_tokens: 120, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 };
    fake.setBehaviors([{ thinking: null, text: ['```json\n', JSON.stringify(answer), '\n```'], usage }]);
    const result = await detectDecisionsWithModel(anthropic(), message, { now: monday });
    expect(result.source).toBe('model');
    expect(result.decisions.map((d) => [d.category, d.value, d.summary])).toEqual([
      ['pricing', { amount: 39, currency: 'USD', interval: 'month' }, '$39/month'],
      ['platform', 'Skool', 'Skool'],
    ]);
    expect(result.call).toMatchObject({
      provider: 'anthropic',
      status: 'complete',
      usage: { inputTokens: 900, outputTokens: 120 },
    });
    expect(result.call!.costMicros).toBe(costMicros(result.call!.usage, priceFor('claude-sonnet-5-5')));
    expect(result.call!.costMicros).toBeGreaterThan(0);
    // The model is told the day the message was sent and sees only the message.
    const body = fake.requests[0]!.body;
    expect(JSON.stringify(body.system)).toContain('today is 2025-02-10');
    expect(body.messages).toEqual([{ role: 'user', content: message }]);
  });

  it('falls back to the rules when the answer is not the schema, and still reports what the call cost', async () => {
    const invented = { decisions: [{ category: 'pricing', value: { amount: -5 }, confidence: 'sure', evidence: 'x' }] };
    fake.setBehaviors([{ thinking: null, text: [JSON.stringify(invented)] }]);
    const result = await detectDecisionsWithModel(anthropic(), message, { now: monday });
    expect(result).toMatchObject({ source: 'rules', fallback: 'invalid_output', call: { status: 'complete' } });
    expect(result.decisions).toEqual(detectDecisions(message, { now: monday }));
    expect(result.call!.costMicros).toBeGreaterThan(0);
  });

  it('falls back to the rules when the provider fails', async () => {
    fake.setBehaviors([{ status: 500 }]);
    const result = await detectDecisionsWithModel(anthropic(), message, { now: monday });
    expect(result).toMatchObject({ source: 'rules', fallback: 'provider_error', call: { status: 'failed' } });
    expect(result.decisions.map((d) => d.category)).toEqual(['pricing', 'platform']);
  });

  it('drops decisions whose evidence the message does not contain, and keeps one per category', () => {
    const text = JSON.stringify({
      decisions: [
        { category: 'platform', value: 'Circle', confidence: 'high', evidence: 'I will use Circle.' },
        { category: 'platform', value: 'Skool', confidence: 'medium', evidence: 'skool,   final.' },
        { category: 'platform', value: 'Skool', confidence: 'high', evidence: 'Skool, final.' },
      ],
    });
    expect(parseModelDecisions(text, message)?.map((d) => [d.value, d.confidence])).toEqual([['Skool', 'high']]);
    expect(parseModelDecisions('no decisions here', message)).toBeUndefined();
    expect(
      parseModelDecisions(
        JSON.stringify({
          decisions: [
            {
              category: 'timeline',
              value: { event: 'launch', date: '2025-02-30', expression: 'Feb 30' },
              confidence: 'high',
              evidence: 'Skool, final.',
            },
          ],
        }),
        message,
      ),
    ).toBeUndefined();
  });
});
