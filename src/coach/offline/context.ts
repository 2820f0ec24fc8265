import type { AudienceChannel, EconomicsAssumptions, PriceRange } from '../economics.js';

/** Structured data the offline coach answers from (a model gets the same facts in its system prompt). */
export interface CoachContext {
  creator: {
    niche?: string;
    /** The profile's audience per platform (engagement in percent; for an email list, its open rate). */
    platforms: AudienceChannel[];
    hoursPerWeek?: number;
    goal?: string;
  };
  opportunity: { id: string; title: string };
  /** The conversion assumptions of the plan's template (the economics model). */
  economics: EconomicsAssumptions;
  progress: { overallPercent: number; completedTasks: number; totalTasks: number; currentPhaseTitle?: string };
  nextTask?: {
    id: string;
    title: string;
    description: string;
    steps: string[];
    whyItMatters?: string;
    timeEstimate?: string;
    deliverable?: string;
  };
  proTips: string[];
  pitfalls: string[];
  decisions: Array<{ category: 'pricing' | 'platform' | 'structure' | 'timeline' | 'content'; summary: string }>;
  suggestedPrice?: PriceRange;
  /** The plan's founding-member price, in the suggested price's currency. */
  foundingPrice?: number;
  /** The regular price the creator decided, once there is one: numbers without a stated price use it. */
  decidedPrice?: PriceRange;
  /** What the creator's last message recorded; the progress above already counts it. */
  thisTurn?: TurnNews;
}

/** Decisions and finished tasks detected in the message being answered, for the coach to acknowledge first. */
export interface TurnNews {
  decisions: Array<{ category: string; summary: string; replaces?: string }>;
  tasks: Array<{ title: string }>;
}
