/**
 * The community platforms the coach knows: how creators write their names (for the detector and the offline coach)
 * and, for the ones creators ask about most, a short note. Notes stay qualitative on purpose: plans and fees change,
 * so the coach points creators to each platform's current pricing page instead of quoting numbers.
 */
export interface PlatformNote {
  summary: string;
  bestFor: string;
  watchOut: string;
}

export interface CommunityPlatform {
  name: string;
  /** Matched against lower-cased text. */
  pattern: RegExp;
  /** Common English uses of the same word ("inner circle", "cut me some slack"), matched around the mention. */
  reject?: RegExp;
  note?: PlatformNote;
}

export const communityPlatforms: readonly CommunityPlatform[] = [
  {
    name: 'Skool',
    pattern: /\bskool\b/g,
    note: {
      summary:
        'All-in-one and deliberately simple: one community feed, a classroom for courses, a calendar, and gamification ' +
        '(points and levels that can unlock content). It also has a discovery directory that can bring in new members.',
      bestFor: 'launching fast and keeping members active through one busy feed.',
      watchOut: 'very little customization or branding, and everything lives in that single feed.',
    },
  },
  {
    name: 'Circle',
    pattern: /\bcircle(?:\.so)?\b/g,
    reject:
      /(?:\b(?:inner|full|close|tight|small|the|a|my|our|your|their|this|that|social|family|friend|vicious|private|circle|come)\s+circle\b)|(?:\bcircle\s+(?:back|of|up|around|jerk|round|time)\b)/,
    note: {
      summary:
        'Flexible and polished: separate spaces for discussions, courses, events and live streams, paywalls and bundles, ' +
        'and branded mobile apps on higher plans.',
      bestFor: 'a branded community with several spaces or member tiers.',
      watchOut: 'more setup than Skool, and the features you may want sit on the more expensive plans.',
    },
  },
  {
    name: 'Discord',
    pattern: /\bdiscord\b/g,
    note: {
      summary:
        'Free and real-time: great for chatty, younger, gaming or tech audiences who already use it daily. Paid access runs ' +
        'through Server Subscriptions or a membership service such as Whop or LaunchPass.',
      bestFor: 'live conversation with an audience that already lives on Discord.',
      watchOut:
        'it is weak at structured courses and busy servers get noisy; pin a clear "start here" channel and keep the channel list short.',
    },
  },
  {
    name: 'Patreon',
    pattern: /\bpatreon\b/g,
    note: {
      summary:
        'Built for membership tiers and content drops (posts, videos, behind-the-scenes) more than for members talking to each ' +
        'other. Patreon takes a percentage of what you earn on top of payment fees.',
      bestFor: 'members who mainly want more of your content; pair it with Discord if you also want conversation.',
      watchOut: 'weak community features and little discovery, so you bring every member yourself.',
    },
  },
  {
    name: 'Kajabi',
    pattern: /\bkajabi\b/g,
    note: {
      summary:
        'Course-first all-in-one: courses, community, email marketing, landing pages and checkout under one roof, at a ' +
        'higher monthly price than community-only tools.',
      bestFor: 'selling courses or coaching alongside the community with fewer tools to stitch together.',
      watchOut:
        "the monthly cost is hard to justify before you have paying members; its community features are lighter than Circle's.",
    },
  },
  {
    name: 'Mighty Networks',
    pattern: /\bmighty\s?networks?\b/g,
    note: {
      summary:
        'Community, courses, events and live streams with rich member profiles and features that help members find each ' +
        'other, plus white-label branded apps on the top plans.',
      bestFor: 'networking-style communities where members should meet and help each other.',
      watchOut: 'many options to configure, so keep your first version small.',
    },
  },
  {
    name: 'Heartbeat',
    pattern: /\bheartbeat(?:\.chat)?\b/g,
    reject: /\bheartbeat\s+of\b|\bin a heartbeat\b/,
    note: {
      summary:
        'A lighter, lower-cost community tool: channels, threads, events, documents and courses in a clean layout that ' +
        'feels like a calmer Discord.',
      bestFor: 'a budget-conscious first launch that still looks organised.',
      watchOut: 'a smaller ecosystem of integrations and no built-in discovery.',
    },
  },
  { name: 'Facebook Groups', pattern: /\b(?:facebook|fb)\s+(?:group|groups|community)\b/g },
  {
    name: 'Ghost',
    pattern: /\bghost(?:\.org)?\b/g,
    reject: /\bghost\s+(?:town|writ\w*|story|stories|of|kitchen|protocol)\b|\b(?:a|like a|the holy)\s+ghost\b/,
  },
  {
    name: 'Discourse',
    pattern: /\bdiscourse\b/g,
    reject:
      /\b(?:public|political|online|civil|civic|healthy|toxic|academic|the|this|that|our|internet)\s+discourse\b|\bdiscourse\s+(?:about|around|on|of|in)\b/,
  },
  { name: 'Slack', pattern: /\bslack\b/g, reject: /\bsome slack\b|\bslack off\b|\bpick up the slack\b/ },
  { name: 'Geneva', pattern: /\bgeneva\b/g, reject: /\b(?:in|to|from|visit(?:ing)?|near|around)\s+geneva\b/ },
  { name: 'Whop', pattern: /\bwhop\b/g },
  { name: 'Teachable', pattern: /\bteachable\b/g },
  { name: 'Thinkific', pattern: /\bthinkific\b/g },
  { name: 'Podia', pattern: /\bpodia\b/g },
  { name: 'Memberful', pattern: /\bmemberful\b/g },
  { name: 'Substack', pattern: /\bsubstack(?:\s+chat)?\b/g },
  { name: 'Telegram', pattern: /\btelegram\b/g },
  { name: 'WhatsApp', pattern: /\bwhats\s?app\b/g },
  { name: 'Locals', pattern: /\blocals\.com\b|\bon locals\b/g },
  { name: 'Stan Store', pattern: /\bstan\s+store\b|\bstan\.store\b/g },
  { name: 'YouTube Memberships', pattern: /\b(?:youtube|channel)\s+memberships?\b/g },
  { name: 'Buy Me a Coffee', pattern: /\bbuy\s?me\s?a\s?coffee\b/g },
  { name: 'Ko-fi', pattern: /\bko-?fi\b/g },
];

export interface PlatformMention {
  name: string;
  start: number;
  end: number;
}

/** Every community platform the lower-cased text names, in order, minus common-word uses. */
export function findPlatformMentions(lower: string): PlatformMention[] {
  const found: PlatformMention[] = [];
  for (const p of communityPlatforms) {
    for (const m of lower.matchAll(p.pattern)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      if (p.reject) {
        const window = lower.slice(Math.max(0, start - 20), Math.min(lower.length, end + 20));
        const local = new RegExp(p.reject.source).exec(window);
        // Reject only when the rejecting phrase covers this mention.
        if (local) {
          const localStart = Math.max(0, start - 20) + local.index;
          if (localStart <= start && localStart + local[0].length >= end) continue;
        }
      }
      found.push({ name: p.name, start, end });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The platforms with a note that the message names, each once, in the order first named. */
export function notedPlatformsIn(message: string): Array<CommunityPlatform & { note: PlatformNote }> {
  const names = [...new Set(findPlatformMentions(message.toLowerCase()).map((m) => m.name))];
  return names
    .map((name) => communityPlatforms.find((p) => p.name === name))
    .filter((p): p is CommunityPlatform & { note: PlatformNote } => p?.note !== undefined);
}

export function notedPlatforms(): Array<CommunityPlatform & { note: PlatformNote }> {
  return communityPlatforms.filter((p): p is CommunityPlatform & { note: PlatformNote } => p.note !== undefined);
}

export function platformSection(platforms: ReadonlyArray<{ name: string; note: PlatformNote }>): string {
  const lines: string[] = [];
  for (const { name, note } of platforms) {
    lines.push(`**${name}.** ${note.summary}`, `- Best for: ${note.bestFor}`, `- Watch out: ${note.watchOut}`, '');
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
