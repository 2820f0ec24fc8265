/**
 * Decisions read by a language model, with the rules as the offline default and the fallback.
 *
 * The model is asked for JSON in the shapes the rules produce; its answer is validated by `detectedDecisionsSchema`
 * (which the rules' own output satisfies too), every decision must quote its evidence from the message, and at most
 * one decision per category is kept, as with the rules. Anything else (a provider error, an abort, text that is not
 * that JSON) falls back to the rules. The usage and cost of the call are returned for the caller to log, whether or
 * not the answer was used.
 */
import { z } from 'zod';
import { costMicros } from '../../ai/pricing.js';
import { type AiProvider, type AiUsage, emptyUsage } from '../../ai/provider.js';
import { confidenceRank } from './commitment.js';
import {
  type DecisionCategory,
  type DetectedDecision,
  type DetectOptions,
  decisionCategories,
  detectDecisions,
  summarizeDecision,
} from './decisions.js';

const priceSchema = z
  .object({
    amount: z.number().positive().max(100_000),
    currency: z.string().regex(/^[A-Z]{3}$/),
    interval: z.enum(['month', 'year', 'week', 'quarter', 'one-time', 'unspecified']),
    founding: z.boolean().optional(),
    tier: z.string().min(1).max(40).optional(),
  })
  .strict();
const cadenceSchema = z
  .object({
    activity: z.string().min(1).max(60),
    count: z.number().int().min(1).max(31),
    period: z.enum(['day', 'week', 'two-weeks', 'month']),
  })
  .strict();
const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    {
      message: 'not a calendar day',
    },
  );

const common = {
  confidence: z.enum(['high', 'medium', 'low']),
  rationale: z.string().min(1).max(300).optional(),
  evidence: z.string().min(1).max(1000),
};

/** One detected decision, by category; the rules' `DetectedDecision` (without its summary) satisfies it. */
export const detectedDecisionSchema = z.discriminatedUnion('category', [
  z.object({
    category: z.literal('pricing'),
    value: priceSchema.extend({ also: z.array(priceSchema).optional() }),
    ...common,
  }),
  z.object({ category: z.literal('platform'), value: z.string().min(1).max(60), ...common }),
  z.object({
    category: z.literal('structure'),
    value: z
      .object({
        access: z.enum(['cohort', 'evergreen']).optional(),
        tiers: z.number().int().min(1).max(10).optional(),
        freeTier: z.boolean().optional(),
        premiumTier: z.boolean().optional(),
        cap: z.number().int().positive().max(100_000).optional(),
      })
      .strict()
      .refine((v) => Object.keys(v).length > 0, { message: 'states nothing' }),
    ...common,
  }),
  z.object({
    category: z.literal('timeline'),
    value: z
      .object({
        event: z.enum(['launch', 'presale']),
        date: isoDay,
        approximate: z.literal(true).optional(),
        expression: z.string().min(1).max(100),
      })
      .strict(),
    ...common,
  }),
  z.object({
    category: z.literal('content'),
    value: cadenceSchema.extend({ also: z.array(cadenceSchema).optional() }),
    ...common,
  }),
]);

export const detectedDecisionsSchema = z.object({ decisions: z.array(detectedDecisionSchema).max(20) });

export interface ModelDetectionResult {
  decisions: DetectedDecision[];
  /** Who read the decisions: the model, or the rules (offline, or as the fallback). */
  source: 'model' | 'rules';
  /** Why the rules were used although a model is configured. */
  fallback?: 'provider_error' | 'aborted' | 'invalid_output';
  /** The model call, for the usage log; absent when no model was asked. */
  call?: {
    provider: string;
    model: string;
    usage: AiUsage;
    costMicros: number;
    status: 'complete' | 'failed' | 'aborted';
    errorCode?: string;
    durationMs: number;
  };
}

/** What the model is told: the shapes, the conventions the rules follow, and the day the message was sent. */
export function detectionSystemPrompt(options: DetectOptions): string {
  const today = (options.now ?? new Date()).toISOString().slice(0, 10);
  return [
    "You read one chat message from a creator planning a paid community and record the decisions it makes about the creator's own community.",
    'Answer with JSON only: {"decisions": [...]}, at most one decision per category, an empty list when nothing is decided.',
    'Each decision: {"category", "value", "confidence", "evidence", "rationale"?}.',
    '- pricing: value {"amount": number, "currency": ISO code (bare amounts: ' +
      `${options.defaultCurrency ?? 'USD'}), "interval": "month"|"year"|"week"|"quarter"|"one-time"|"unspecified", ` +
      '"founding"?: true, "tier"?: string, "also"?: [other prices offered alongside]}',
    '- platform: value is the name of the platform the community will live on, e.g. "Skool", "Circle", "Discord".',
    '- structure: value {"access"?: "cohort"|"evergreen", "tiers"?: number, "freeTier"?: boolean, "premiumTier"?: true, "cap"?: number of members}',
    `- timeline: value {"event": "launch"|"presale", "date": "YYYY-MM-DD", "approximate"?: true, "expression": the words of the date}; today is ${today}; "next Friday" and "Friday" mean the first Friday after today.`,
    '- content: value {"activity", "count", "period": "day"|"week"|"two-weeks"|"month", "also"?: [more activities]} for the community\'s recurring activities.',
    'confidence: "high" for a commitment ("I\'m going with", "decided"), "medium" for a plain statement, "low" for tentative wording. Questions, hedges ("maybe", "thinking about"), other people\'s prices, income, fees and past events are not decisions.',
    'evidence: the sentence of the message the decision comes from, copied exactly. rationale: the reason the creator gave, if any.',
  ].join('\n');
}

const squash = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

/** The model's answer as decisions, or undefined when it is not valid JSON in the schema. */
export function parseModelDecisions(text: string, message: string): DetectedDecision[] | undefined {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end < start) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text.slice(start, end + 1));
  } catch {
    return undefined;
  }
  const parsed = detectedDecisionsSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const said = squash(message);
  const best = new Map<DecisionCategory, DetectedDecision>();
  for (const d of parsed.data.decisions) {
    // A decision the message does not contain is the model's invention, not the creator's.
    if (!said.includes(squash(d.evidence))) continue;
    const decision = { ...d, summary: summarizeDecision(d as DetectedDecision) } as DetectedDecision;
    const current = best.get(d.category);
    if (!current || confidenceRank[d.confidence] >= confidenceRank[current.confidence]) best.set(d.category, decision);
  }
  return decisionCategories.flatMap((c) => {
    const d = best.get(c);
    return d ? [d] : [];
  });
}

/**
 * The decisions of a message: from the model when `provider` is a real one, else (and whenever the model's answer
 * cannot be used) from the rules.
 */
export async function detectDecisionsWithModel(
  provider: AiProvider,
  message: string,
  options: DetectOptions & { signal?: AbortSignal; maxTokens?: number } = {},
): Promise<ModelDetectionResult> {
  const rules = () => detectDecisions(message, options);
  if (provider.name === 'offline') return { decisions: rules(), source: 'rules' };
  const started = Date.now();
  let text = '';
  let usage = emptyUsage();
  let model = provider.model;
  let failure: { code: string } | undefined;
  for await (const event of provider.stream({
    system: detectionSystemPrompt(options),
    messages: [{ role: 'user', content: message }],
    maxTokens: options.maxTokens ?? 1000,
    ...(options.signal ? { signal: options.signal } : {}),
  })) {
    if (event.type === 'text') text += event.text;
    else {
      usage = event.usage;
      model = event.model;
      if (event.type === 'error') failure = { code: event.error.code };
    }
  }
  const aborted = failure?.code === 'aborted';
  const call: NonNullable<ModelDetectionResult['call']> = {
    provider: provider.name,
    model,
    usage,
    costMicros: costMicros(usage, provider.price),
    status: failure ? (aborted ? 'aborted' : 'failed') : 'complete',
    ...(failure ? { errorCode: failure.code } : {}),
    durationMs: Date.now() - started,
  };
  if (failure) return { decisions: rules(), source: 'rules', fallback: aborted ? 'aborted' : 'provider_error', call };
  const decisions = parseModelDecisions(text, message);
  if (!decisions) return { decisions: rules(), source: 'rules', fallback: 'invalid_output', call };
  return { decisions, source: 'model', call };
}
