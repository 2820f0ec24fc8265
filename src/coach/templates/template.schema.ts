import { z } from 'zod';

/**
 * The shape of a Creator Coach plan template: `content/coach/<opportunityId>.json`, one file per monetization
 * opportunity. Only `premium-community` ships today; another opportunity is another file with the same shape.
 * Nothing here is specific to communities except the content itself.
 */

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lowercase words joined by hyphens');
const text = z.string().trim().min(1);
const currency = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD');

export const decisionCategories = ['pricing', 'platform', 'structure', 'timeline', 'content'] as const;
export type DecisionCategory = (typeof decisionCategories)[number];

/**
 * Placeholders a "why this works" reason may use; `personalizePlan` fills them from the profile.
 * A reason whose placeholder has no value for a profile (e.g. no audience description) is left out.
 */
export const reasonPlaceholders = [
  'niche',
  'goal',
  'totalFollowers',
  'engagedFollowers',
  'topPlatform',
  'engagementRate',
  'hoursPerWeek',
  'currentMonthlyIncome',
  'audienceDescription',
  'priceMin',
  'priceMax',
  'priceMid',
  'membersFor1000',
  'timelineWeeks',
  'expectedMembers',
  'expectedMonthlyRevenue',
] as const;
export type ReasonPlaceholder = (typeof reasonPlaceholders)[number];

const placeholderPattern = /\{\{\s*([a-zA-Z0-9]+)\s*\}\}/g;

/** Names used as `{{name}}` in a text. */
export function placeholdersIn(value: string): string[] {
  return [...value.matchAll(placeholderPattern)].map((m) => m[1] ?? '');
}

const hoursRange = z
  .object({ minHours: z.number().positive(), maxHours: z.number().positive() })
  .strict()
  .refine((v) => v.minHours <= v.maxHours, { message: 'minHours must not exceed maxHours', path: ['minHours'] });

const fractionRange = z
  .object({ min: z.number().positive().max(1), max: z.number().positive().max(1) })
  .strict()
  .refine((v) => v.min <= v.max, { message: 'min must not exceed max', path: ['min'] });

const costRange = z
  .object({ min: z.number().nonnegative(), max: z.number().nonnegative(), currency, note: text.optional() })
  .strict()
  .refine((v) => v.min <= v.max, { message: 'min must not exceed max', path: ['min'] });

/** When a "why this works" reason applies; every given condition must hold (all optional). */
export const reasonConditionSchema = z
  .object({
    minTotalFollowers: z.number().nonnegative().optional(),
    maxTotalFollowers: z.number().nonnegative().optional(),
    /** Follower-weighted engagement rate in percent (4.5 = 4.5%); min inclusive, max exclusive. */
    minEngagementRate: z.number().nonnegative().optional(),
    maxEngagementRate: z.number().nonnegative().optional(),
    minMonthlyIncome: z.number().nonnegative().optional(),
    maxMonthlyIncome: z.number().nonnegative().optional(),
    minHoursPerWeek: z.number().nonnegative().optional(),
    maxHoursPerWeek: z.number().nonnegative().optional(),
    /** The platform with the largest audience is one of these (normalised names: youtube, tiktok, newsletter, ...). */
    topPlatformIn: z.array(slug).min(1).optional(),
    /** Profile fields that must be present (non-empty). */
    requires: z
      .array(z.enum(['audienceDescription', 'goal', 'niche']))
      .min(1)
      .optional(),
  })
  .strict();
export type ReasonCondition = z.infer<typeof reasonConditionSchema>;

export const reasonSchema = z
  .object({
    id: slug,
    /** May use `{{placeholder}}`s from `reasonPlaceholders`. */
    text: text.refine((t) => placeholdersIn(t).every((p) => (reasonPlaceholders as readonly string[]).includes(p)), {
      message: `unknown placeholder; allowed: ${reasonPlaceholders.join(', ')}`,
    }),
    when: reasonConditionSchema.optional(),
  })
  .strict();

export const taskSchema = z
  .object({
    /** Stable: progress rows and detected completions refer to it. Never rename a shipped id. */
    id: slug,
    title: text,
    description: text,
    whyItMatters: text,
    steps: z.array(text).min(2),
    timeEstimate: hoursRange,
    costEstimate: costRange,
    deliverable: text,
    /** Phrases a creator uses when saying the task is done ("sales page", "waitlist"); used by the detector. */
    completionSignals: z.array(z.string().trim().toLowerCase().min(3)).min(1),
  })
  .strict();
export type TemplateTask = z.infer<typeof taskSchema>;

export const phaseSchema = z
  .object({
    id: slug,
    title: text,
    goal: text,
    /** Calendar time the phase needs whatever the hours (a waitlist needs time to fill). */
    minCalendarWeeks: z.number().int().min(0),
    tasks: z.array(taskSchema).min(1),
  })
  .strict();
export type TemplatePhase = z.infer<typeof phaseSchema>;

export const decisionPointSchema = z
  .object({
    id: slug,
    category: z.enum(decisionCategories),
    /** The tasks that need this decision made. */
    taskIds: z.array(slug).min(1),
    question: text,
    guidance: text,
  })
  .strict();
export type DecisionPoint = z.infer<typeof decisionPointSchema>;

export const platformOptionSchema = z
  .object({
    name: text,
    pricing: text,
    fees: text,
    discovery: text,
    strengths: z.array(text).min(1),
    weaknesses: z.array(text).min(1),
    bestFor: text,
    /** Audience platforms (normalised: youtube, tiktok, newsletter, ...) whose followers fit this option. */
    audienceFit: z.array(slug).min(1),
  })
  .strict();
export type PlatformOption = z.infer<typeof platformOptionSchema>;

export const opportunitySchema = z
  .object({
    /** Equals the file name without `.json`. */
    id: slug,
    title: text,
    category: slug,
    summary: text,
    revenueRange: z
      .object({
        min: z.number().nonnegative(),
        max: z.number().nonnegative(),
        currency,
        period: z.enum(['month', 'year']),
        assumptions: text,
      })
      .strict()
      .refine((v) => v.min <= v.max, { message: 'min must not exceed max', path: ['min'] }),
    timeline: z
      .object({
        typicalWeeks: z
          .object({ min: z.number().int().positive(), max: z.number().int().positive() })
          .strict()
          .refine((v) => v.min <= v.max, { message: 'min must not exceed max', path: ['min'] }),
        assumedHoursPerWeek: z.number().positive(),
        /** The task whose completion is "launch" (the target launch date is the end of its phase). */
        launchTaskId: slug,
        summary: text,
      })
      .strict(),
    /**
     * The conversion assumptions of the economics model (src/coach/economics.ts, docs/COACH-ECONOMICS.md): the share
     * of an engaged audience that becomes paying members, for social platforms (of engaged followers) and for email
     * lists (of openers), and the rates assumed when the creator gives none.
     */
    economics: z
      .object({
        conversion: z.object({ social: fractionRange, email: fractionRange }).strict(),
        assumedRates: z
          .object({
            socialEngagementPercent: z.number().positive().max(100),
            emailOpenPercent: z.number().positive().max(100),
          })
          .strict(),
      })
      .strict(),
    /** Bounds and unit of the suggested price; the price heuristic lives in `personalize.ts`. */
    pricing: z
      .object({
        currency,
        interval: z.enum(['month', 'year', 'one-time']),
        floor: z.number().positive(),
        ceiling: z.number().positive(),
      })
      .strict()
      .refine((p) => p.floor <= p.ceiling, { message: 'floor must not exceed ceiling' }),
  })
  .strict();

export const templateSchema = z
  .object({
    schemaVersion: z.literal(1),
    opportunity: opportunitySchema,
    whyThisWorks: z.array(reasonSchema).min(1),
    phases: z.array(phaseSchema).min(1),
    proTips: z.array(text).min(1),
    commonPitfalls: z.array(z.object({ pitfall: text, fix: text }).strict()).min(1),
    decisionPoints: z.array(decisionPointSchema),
    platformOptions: z.array(platformOptionSchema).optional(),
  })
  .strict()
  .superRefine((template, ctx) => {
    const unique = (ids: string[], path: (string | number)[], label: string) => {
      const seen = new Set<string>();
      ids.forEach((id, i) => {
        if (seen.has(id))
          ctx.addIssue({ code: 'custom', path: [...path, i, 'id'], message: `duplicate ${label} id "${id}"` });
        seen.add(id);
      });
    };
    unique(
      template.phases.map((p) => p.id),
      ['phases'],
      'phase',
    );
    unique(
      template.whyThisWorks.map((r) => r.id),
      ['whyThisWorks'],
      'reason',
    );
    unique(
      template.decisionPoints.map((d) => d.id),
      ['decisionPoints'],
      'decision point',
    );

    const taskIds = new Set<string>();
    const signalOwner = new Map<string, string>();
    template.phases.forEach((phase, p) => {
      phase.tasks.forEach((task, t) => {
        if (taskIds.has(task.id)) {
          ctx.addIssue({
            code: 'custom',
            path: ['phases', p, 'tasks', t, 'id'],
            message: `duplicate task id "${task.id}"`,
          });
        }
        taskIds.add(task.id);
        // A phrase that signals two tasks could never mark either one done with confidence.
        task.completionSignals.forEach((signal, s) => {
          const owner = signalOwner.get(signal);
          if (owner && owner !== task.id) {
            ctx.addIssue({
              code: 'custom',
              path: ['phases', p, 'tasks', t, 'completionSignals', s],
              message: `completion signal "${signal}" is also used by task "${owner}"`,
            });
          }
          signalOwner.set(signal, task.id);
        });
      });
    });

    template.decisionPoints.forEach((point, d) => {
      point.taskIds.forEach((id, i) => {
        if (!taskIds.has(id)) {
          ctx.addIssue({
            code: 'custom',
            path: ['decisionPoints', d, 'taskIds', i],
            message: `unknown task id "${id}"`,
          });
        }
      });
    });
    if (!taskIds.has(template.opportunity.timeline.launchTaskId)) {
      ctx.addIssue({
        code: 'custom',
        path: ['opportunity', 'timeline', 'launchTaskId'],
        message: `unknown task id "${template.opportunity.timeline.launchTaskId}"`,
      });
    }
  });

export type PlanTemplate = z.infer<typeof templateSchema>;
