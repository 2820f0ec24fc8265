/**
 * Short playbooks for questions creators ask often that the plan itself may not cover.
 */
export interface Topic {
  id: string;
  title: string;
  pattern: RegExp;
  points: string[];
}

export const TOPICS: readonly Topic[] = [
  {
    id: 'welcome',
    title: 'Welcoming new members',
    pattern: /\b(welcome|onboard\w*|introductions?|new members?)\b/i,
    points: [
      'Greet each new member by name within a day; while the community is small, do it personally.',
      'Give them one prompt to answer: who they are, what they want from the community, and one recent win.',
      'Point to a single “start here” post: what the community is for, the weekly rhythm, and where to ask questions.',
      'Give them a small first action they can finish today, so they get an early win.',
    ],
  },
  {
    id: 'retention',
    title: 'Keeping members',
    pattern: /\b(churn\w*|retention|retain\w*|cancel\w*|keep (?:my )?members|members? (?:leav|quit)\w*)\b/i,
    points: [
      'Members stay for progress and people: make sure each one gets a first win in their first week.',
      'Keep a simple weekly rhythm (one live call or thread, one challenge) so there is always a reason to come back.',
      'Celebrate member wins publicly; it shows newcomers that the community works.',
      'Check in personally with members who go quiet, and ask everyone who cancels for one reason why.',
    ],
  },
  {
    id: 'engagement',
    title: 'Getting members talking',
    pattern:
      /\b(engag\w*|too quiet|feels dead|nobody (?:posts|comments|talks)|content ideas?|what (?:should|do|can) i post|post ideas?)\b/i,
    points: [
      'Post one easy prompt a day that anyone can answer in a sentence (a win, a question, a photo).',
      'Reply to every post during the first month; members copy the energy you bring.',
      'Run a short challenge (5–7 days) with one clear daily task and a shared thread.',
      'Tag members into conversations where their experience helps; people respond when they are asked.',
    ],
  },
  {
    id: 'launch',
    title: 'Running the launch',
    pattern: /\b(launch\w*|open(?:ing)? (?:the )?doors|announc\w*|go(?:ing)? live)\b/i,
    points: [
      'Warm up first: talk about the problem the community solves for a week before you sell anything.',
      'Open to your waitlist first, with a founding price and a clear deadline.',
      'Show up daily while doors are open (stories, a post, a live Q&A) and answer questions publicly.',
      'Send personal DMs to your most engaged followers; they convert far better than posts.',
      'Close on the date you announced: a real deadline is what makes people decide.',
    ],
  },
  {
    id: 'growth',
    title: 'Getting your first members',
    pattern:
      /\b(first (?:\d+ |ten |few )?members|more members|get members|find members|grow\w*|marketing|promot\w*|email list|newsletter)\b/i,
    points: [
      'Start with people who already engage: message your most active followers and ask what they struggle with.',
      'Offer a founding-member price in exchange for feedback; your first 10–20 members shape the community.',
      'Share the transformation, not the features: member wins, before/after stories, what a week inside looks like.',
      'Collect emails (a waitlist or a free resource) so a launch does not depend on the algorithm.',
    ],
  },
];

export function detectTopic(message: string): Topic | undefined {
  return TOPICS.find((t) => t.pattern.test(message));
}

export function topicSection(topic: Topic): string {
  return [`**${topic.title}**`, ...topic.points.map((p) => `- ${p}`)].join('\n');
}
