/**
 * The offline coach's drafts: a useful filled template per kind of document, built from the profile, the plan and
 * the current decisions. Square-bracketed parts are what only the creator can write; everything the coach knows is
 * filled in.
 */
import { formatDay, formatMoney } from '../money.js';

export const documentKinds = [
  'sales-page',
  'pricing-table',
  'email-sequence',
  'onboarding-message',
  'community-rules',
] as const;
export type DocumentKind = (typeof documentKinds)[number];

/** What a draft is built from. */
export interface DraftFacts {
  taskTitle: string;
  deliverable: string;
  communityName: string;
  niche: string;
  audienceDescription?: string | undefined;
  goal?: string | undefined;
  /** The plan's suggested price; `decided` is the creator's regular price once there is one. */
  price: {
    min: number;
    max: number;
    founding: number;
    currency: string;
    interval: string;
    decided?: { amount: number; interval: string } | undefined;
  };
  /** Current decisions by category (their summaries). */
  decided: Partial<Record<'pricing' | 'platform' | 'structure' | 'timeline' | 'content', string>>;
  suggestedPlatform?: string | undefined;
  /** YYYY-MM-DD: the decided launch day, else the plan's target. */
  targetLaunchDate: string;
}

/** The regular price alone (the founding one has its own line and column). */
function priceLine(f: DraftFacts): string {
  const { decided } = f.price;
  return decided
    ? `${formatMoney(decided.amount, f.price.currency)}/${decided.interval}`
    : `${formatMoney(f.price.min, f.price.currency)}/${f.price.interval}`;
}

function foundingLine(f: DraftFacts): string {
  return `${formatMoney(f.price.founding, f.price.currency)}/${f.price.interval}, locked in for as long as you stay`;
}

function launchLine(f: DraftFacts): string {
  return `Doors open ${formatDay(f.targetLaunchDate)}`;
}

function platformLine(f: DraftFacts): string {
  return f.decided.platform ?? f.suggestedPlatform ?? '[your platform]';
}

function rhythmLine(f: DraftFacts): string {
  return f.decided.content ?? 'a weekly live call and a monthly workshop';
}

const builders: Record<DocumentKind, (f: DraftFacts) => string> = {
  'sales-page': (f) =>
    [
      `# ${f.communityName}`,
      '',
      `## For ${f.audienceDescription ?? `people serious about ${f.niche}`} who are tired of figuring it out alone`,
      '',
      `You have watched the videos and saved the posts. What is missing is a place to practise ${f.niche} with people on the same path, and someone to tell you what to do next.`,
      '',
      '## What changes in 90 days',
      '- Before: [where members are on day 1, in their words]',
      '- After: [the one measurable result of day 90]',
      '',
      '## What you get',
      `- ${rhythmLine(f)}`,
      '- A Start Here path that gets you your first win in week one',
      `- A community of people working on ${f.niche}, on ${platformLine(f)}`,
      '- Direct answers from me on your questions',
      '',
      '## Founding members',
      `Membership is ${priceLine(f)}. The first members join at ${foundingLine(f)}, and help shape what we build.`,
      `${launchLine(f)}.${f.decided.structure ? ` ${f.decided.structure[0]?.toUpperCase()}${f.decided.structure.slice(1)}.` : ''}`,
      '',
      '## Is this for you?',
      `- Yes, if you [situation of your ideal member] and want [outcome].`,
      '- Not yet, if you are looking for a course to watch on your own.',
      '',
      '## Questions',
      '- **Can I cancel?** Any time, in two clicks.',
      '- **How much time does it take?** [hours a week a member should plan for]',
      '',
      '[Join as a founding member →]',
    ].join('\n'),
  'pricing-table': (f) =>
    [
      `# ${f.communityName}: membership`,
      '',
      '| | Founding member | Member |',
      '|---|---|---|',
      `| Price | ${foundingLine(f)} | ${priceLine(f)} |`,
      `| ${rhythmLine(f)} | ✓ | ✓ |`,
      '| Start Here path and library | ✓ | ✓ |',
      '| Say in what we build next | ✓ | |',
      `| Available | until ${formatDay(f.targetLaunchDate)} | after launch |`,
      '',
      `Plan range for your audience: ${formatMoney(f.price.min, f.price.currency)}–${formatMoney(f.price.max, f.price.currency)}/${f.price.interval}.`,
      'Founding prices are locked in for as long as a member stays.',
    ].join('\n'),
  'email-sequence': (f) =>
    [
      `# Launch emails: ${f.communityName}`,
      '',
      `**Email 1 (7 days before): the problem.** Subject: "The part of ${f.niche} nobody talks about"`,
      `Tell one story about [the obstacle your members face]. No pitch. End: "${f.communityName} opens soon; reply if you want in first."`,
      '',
      '**Email 2 (3 days before): the transformation.** Subject: "What 90 days inside looks like"',
      `Describe a member's week: ${rhythmLine(f)}. Name the founding price: ${foundingLine(f)}.`,
      '',
      `**Email 3 (launch day): doors open.** Subject: "${f.communityName} is open"`,
      `${launchLine(f)}. What you get, the price (${priceLine(f)}; founding ${foundingLine(f)}), the link.`,
      '',
      '**Email 4 (2 days in): questions answered.** Subject: "Is it for you?"',
      'The three questions readers asked, answered. One member or beta-tester quote.',
      '',
      '**Email 5 (last day): closing.** Subject: "Founding price ends tonight"',
      'The deadline, what they lose after it, the link. Short.',
    ].join('\n'),
  'onboarding-message': (f) =>
    [
      `# Welcome to ${f.communityName}!`,
      '',
      `Hi [name], I'm so glad you're here. This is a place for ${f.audienceDescription ?? `people working on ${f.niche}`} to make real progress together.`,
      '',
      '**Your first three steps (10 minutes):**',
      '1. Introduce yourself in the Introductions thread: who you are, what you want from the next 90 days, and one recent win.',
      '2. Open the Start Here path and finish lesson 1 today.',
      `3. Put our rhythm in your calendar: ${rhythmLine(f)}.`,
      '',
      `Stuck or unsure? Ask in the Questions space, I answer every post within a day.`,
      '',
      '[your name]',
    ].join('\n'),
  'community-rules': (f) =>
    [
      `# ${f.communityName}: how we work together`,
      '',
      `1. **Be generous.** Answer one question for every one you ask; everyone here is working on ${f.niche}.`,
      '2. **Share the work, not just the wins.** Post drafts, attempts and questions; that is how we get better.',
      '3. **No selling.** No pitches, affiliate links or DMs offering services unless a member asks.',
      '4. **Keep it kind.** Critique the work, never the person.',
      '5. **What is shared here stays here.** Do not screenshot members’ posts outside the community.',
      '6. **Use the right space.** Questions in Questions, wins in Wins, everything else in General.',
      '',
      'Breaking a rule: a private reminder first; a second time, removal. Questions about the rules: ask me directly.',
    ].join('\n'),
};

export function templateDraft(kind: DocumentKind, facts: DraftFacts): string {
  return `${builders[kind](facts)}\n\n_Drafted offline from your plan and decisions: fill in the [bracketed] parts._`;
}
