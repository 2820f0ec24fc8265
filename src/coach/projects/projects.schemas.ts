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

export const projectSchema = z
  .object({
    id: z.string(),
    opportunityId: z.string(),
    title: z.string(),
    status: z.enum(['active', 'paused', 'completed', 'abandoned']),
    createdAt: z.string(),
    updatedAt: z.string(),
    completedAt: z.string().nullable(),
    customizedPlan: z.record(z.string(), z.unknown()).openapi({
      description:
        'The personalised plan: opportunity, phases[].tasks[], proTips, commonPitfalls, decisionPoints, personalization',
    }),
    taskStates: z.array(taskStateSchema),
    progress: progressSchema,
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
