import { z } from '@hono/zod-openapi';

export const projectIdParams = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

export const taskParams = projectIdParams.extend({
  taskId: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'taskId', in: 'path' }, example: 'build-waitlist-page' }),
});

export const progressSchema = z
  .object({
    overallPercent: z.number().int(),
    completedTasks: z.number().int(),
    totalTasks: z.number().int(),
    phases: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        percent: z.number().int(),
        completedTasks: z.number().int(),
        totalTasks: z.number().int(),
      }),
    ),
    nextTask: z.object({ id: z.string(), title: z.string(), phaseId: z.string() }).nullable(),
    currentDecisions: z.array(z.record(z.string(), z.unknown())),
    openDecisionPoints: z.array(z.object({ id: z.string(), category: z.string(), question: z.string() })),
  })
  .openapi('ProjectProgress');

export const taskStateSchema = z
  .object({
    taskId: z.string(),
    completed: z.boolean(),
    completedAt: z.string().nullable(),
    notes: z.string().nullable(),
    source: z.enum(['manual', 'detected']),
  })
  .openapi('TaskState');

const range = z.object({ min: z.number(), max: z.number() });

export const economicsSchema = z
  .object({
    totalFollowers: z.number().int(),
    engaged: z.number().int(),
    members: range,
    price: range.extend({ currency: z.string(), interval: z.enum(['month', 'year', 'one-time']) }),
    revenue: range,
    revenuePeriod: z.enum(['month', 'once']),
    assumptions: z.array(z.string()),
  })
  .openapi('EconomicsProjection', {
    description: 'Engaged audience × conversion range → members; × price range → revenue (docs/COACH-ECONOMICS.md)',
  });

const planTaskSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  whyItMatters: z.string(),
  steps: z.array(z.string()),
  timeEstimate: z.object({ minHours: z.number(), maxHours: z.number() }),
  costEstimate: z.object({ min: z.number(), max: z.number(), currency: z.string(), note: z.string().optional() }),
  deliverable: z.string(),
});

/** Only what clients read is described; the stored plan carries more (the template's detection signals, ...). */
export const customizedPlanSchema = z
  .object({
    opportunityId: z.string(),
    generatedAt: z.string(),
    opportunity: z.object({ id: z.string(), title: z.string(), summary: z.string() }),
    phases: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        goal: z.string(),
        minCalendarWeeks: z.number().int(),
        tasks: z.array(planTaskSchema),
      }),
    ),
    proTips: z.array(z.string()),
    commonPitfalls: z.array(z.object({ pitfall: z.string(), fix: z.string() })),
    decisionPoints: z.array(
      z.object({
        id: z.string(),
        category: z.string(),
        taskIds: z.array(z.string()),
        question: z.string(),
        guidance: z.string(),
      }),
    ),
    personalization: z.object({
      suggestedPrice: z.object({
        min: z.number(),
        max: z.number(),
        currency: z.string(),
        interval: z.enum(['month', 'year', 'one-time']),
        foundingMemberPrice: z.number(),
        reasoning: z.string(),
      }),
      suggestedPlatforms: z.array(z.object({ platform: z.string(), reason: z.string(), audienceFit: z.number() })),
      timeline: z.object({
        weeks: z.number(),
        hoursPerWeek: z.number(),
        targetLaunchDate: z.string(),
        totalHours: z.number(),
        reasoning: z.string(),
      }),
      whyThisWorks: z.array(z.string()),
      economics: economicsSchema
        .optional()
        .openapi({ description: 'Members and revenue at the suggested price (absent on plans made before it)' }),
    }),
  })
  .openapi('CustomizedPlan', {
    description:
      'The personalised plan: the opportunity, phases[].tasks[] (steps, time, cost, deliverable), proTips, commonPitfalls, decisionPoints, personalization',
  });

export const projectSchema = z
  .object({
    id: z.string(),
    opportunityId: z.string(),
    title: z.string(),
    status: z.enum(['active', 'paused', 'completed', 'abandoned']),
    createdAt: z.string(),
    updatedAt: z.string(),
    completedAt: z.string().nullable(),
    customizedPlan: customizedPlanSchema,
    taskStates: z.array(taskStateSchema),
    progress: progressSchema,
    documentTaskIds: z
      .array(z.string())
      .openapi({ description: "Tasks whose deliverable the coach can draft (the project's drafts and export)" }),
    outlook: z
      .object({
        economics: economicsSchema.nullable().openapi({
          description: 'Members and revenue for the profile as it is now; null when the profile has no audience',
        }),
        priceBasis: z.enum(['decided', 'suggested']).openapi({
          description: "At the creator's decided price once there is one, else the plan's suggested range",
        }),
        targetLaunchDate: z.string().openapi({ description: "The decided launch day, else the plan's target" }),
        launchBasis: z.enum(['decided', 'plan']),
      })
      .openapi({
        description:
          'The numbers the project page, the export and the coach all use, worked out afresh from the profile and the current decisions (customizedPlan keeps those made when the project started)',
      }),
  })
  .openapi('Project');

export const projectStatusSchema = z.enum(['active', 'paused', 'completed', 'abandoned']);

export const projectSummarySchema = z
  .object({
    id: z.string(),
    opportunityId: z.string(),
    title: z.string(),
    status: projectStatusSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
    completedAt: z.string().nullable(),
    progress: z.object({
      overallPercent: z.number().int(),
      completedTasks: z.number().int(),
      totalTasks: z.number().int(),
    }),
  })
  .openapi('ProjectSummary');

export const decisionSchema = z
  .object({
    id: z.string(),
    category: z.enum(['pricing', 'platform', 'structure', 'timeline', 'content']),
    value: z.unknown(),
    summary: z.string(),
    confidence: z.enum(['high', 'medium', 'low']),
    rationale: z.string().nullable(),
    sourceMessageId: z.string().nullable(),
    status: z.enum(['current', 'superseded']),
    supersededById: z.string().nullable(),
    supersededAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Decision');

export const messageSchema = z
  .object({
    id: z.string(),
    role: z.enum(['user', 'assistant']),
    content: z.string(),
    status: z.enum(['complete', 'streaming', 'incomplete']),
    clientMessageId: z.string().nullable(),
    replyToId: z.string().nullable(),
    inputTokens: z.number().int(),
    outputTokens: z.number().int(),
    createdAt: z.string(),
  })
  .openapi('ChatMessage');

export const opportunitySchema = z
  .object({
    id: z.string(),
    title: z.string(),
    category: z.string(),
    summary: z.string(),
    revenueRange: z.object({ min: z.number(), max: z.number(), currency: z.string(), period: z.string() }),
    timeline: z.object({ minWeeks: z.number().int(), maxWeeks: z.number().int(), summary: z.string() }),
    conversion: z
      .object({
        social: z.object({ min: z.number(), max: z.number() }),
        email: z.object({ min: z.number(), max: z.number() }),
      })
      .openapi({ description: 'Share of engaged followers (social) and of email openers who become paying members' }),
    forYou: economicsSchema.nullable().openapi({
      description:
        "Members and revenue for the caller's profile at the price a plan would suggest (null without a profile)",
    }),
  })
  .openapi('Opportunity');
