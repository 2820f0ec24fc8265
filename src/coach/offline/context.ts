/** Structured data the offline coach answers from (a model gets the same facts in its system prompt). */
export interface CoachContext {
  creator: {
    niche?: string;
    totalFollowers: number;
    mainPlatform?: string;
    /** Percent, e.g. 4.2 for 4.2 %. */
    engagementRate?: number;
    hoursPerWeek?: number;
    goal?: string;
  };
  opportunity: { id: string; title: string };
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
  suggestedPrice?: { min: number; max: number; currency: string };
}
