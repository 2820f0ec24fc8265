/**
 * Notes on the community platforms creators ask about most. Kept qualitative on purpose: plans and fees change,
 * so the coach points creators to each platform's current pricing page instead of quoting numbers.
 */
export interface PlatformNote {
  id: string;
  name: string;
  pattern: RegExp;
  summary: string;
  bestFor: string;
  watchOut: string;
}

export const PLATFORMS: readonly PlatformNote[] = [
  {
    id: 'skool',
    name: 'Skool',
    pattern: /\bskool\b/i,
    summary:
      'All-in-one and deliberately simple: one community feed, a classroom for courses, a calendar, and gamification ' +
      '(points and levels that can unlock content). It also has a discovery directory that can bring in new members.',
    bestFor: 'launching fast and keeping members active through one busy feed.',
    watchOut: 'very little customization or branding, and everything lives in that single feed.',
  },
  {
    id: 'circle',
    name: 'Circle',
    pattern: /(?<!(?:inner|full|close)\s)\bcircle(?:\.so)?\b/i,
    summary:
      'Flexible and polished: separate spaces for discussions, courses, events and live streams, paywalls and bundles, ' +
      'and branded mobile apps on higher plans.',
    bestFor: 'a branded community with several spaces or member tiers.',
    watchOut: 'more setup than Skool, and the features you may want sit on the more expensive plans.',
  },
  {
    id: 'discord',
    name: 'Discord',
    pattern: /\bdiscord\b/i,
    summary:
      'Free and real-time: great for chatty, younger, gaming or tech audiences who already use it daily. Paid access runs ' +
      'through Server Subscriptions or a membership service such as Whop or LaunchPass.',
    bestFor: 'live conversation with an audience that already lives on Discord.',
    watchOut:
      'it is weak at structured courses and busy servers get noisy; pin a clear "start here" channel and keep the channel list short.',
  },
  {
    id: 'patreon',
    name: 'Patreon',
    pattern: /\bpatreon\b/i,
    summary:
      'Built for membership tiers and content drops (posts, videos, behind-the-scenes) more than for members talking to each ' +
      'other. Patreon takes a percentage of what you earn on top of payment fees.',
    bestFor: 'members who mainly want more of your content; pair it with Discord if you also want conversation.',
    watchOut: 'weak community features and little discovery, so you bring every member yourself.',
  },
  {
    id: 'kajabi',
    name: 'Kajabi',
    pattern: /\bkajabi\b/i,
    summary:
      'Course-first all-in-one: courses, community, email marketing, landing pages and checkout under one roof, at a ' +
      'higher monthly price than community-only tools.',
    bestFor: 'selling courses or coaching alongside the community with fewer tools to stitch together.',
    watchOut:
      "the monthly cost is hard to justify before you have paying members; its community features are lighter than Circle's.",
  },
  {
    id: 'mighty',
    name: 'Mighty Networks',
    pattern: /\bmighty(?:\s*networks?)?\b/i,
    summary:
      'Community, courses, events and live streams with rich member profiles and features that help members find each ' +
      'other, plus white-label branded apps on the top plans.',
    bestFor: 'networking-style communities where members should meet and help each other.',
    watchOut: 'many options to configure, so keep your first version small.',
  },
  {
    id: 'heartbeat',
    name: 'Heartbeat',
    pattern: /\bheartbeat\b/i,
    summary:
      'A lighter, lower-cost community tool: channels, threads, events, documents and courses in a clean layout that ' +
      'feels like a calmer Discord.',
    bestFor: 'a budget-conscious first launch that still looks organised.',
    watchOut: 'a smaller ecosystem of integrations and no built-in discovery.',
  },
];

export function detectPlatforms(message: string): PlatformNote[] {
  return PLATFORMS.filter((p) => p.pattern.test(message));
}

export function platformSection(platforms: readonly PlatformNote[]): string {
  const lines: string[] = [];
  for (const p of platforms) {
    lines.push(`**${p.name}.** ${p.summary}`, `- Best for: ${p.bestFor}`, `- Watch out: ${p.watchOut}`, '');
  }
  if (platforms.length > 1) {
    lines.push(
      'How to choose: pick the one your members will actually open every week, then the one that fits your format ' +
        '(courses → Skool or Kajabi; conversation → Discord or Circle; content drops → Patreon). Check each ' +
        "platform's current pricing page before deciding; plans and fees change often.",
    );
  } else {
    lines.push("Check the platform's current pricing page before you commit; plans and fees change often.");
  }
  return lines.join('\n').trimEnd();
}
