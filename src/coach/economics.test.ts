import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  channelsForAnswer,
  DEFAULT_ECONOMICS,
  type PriceUnit,
  projectEconomics,
  projectionHeadline,
  statedAudience,
} from './economics.js';
import { formatCount } from './money.js';

const doc = readFileSync(new URL('../../docs/COACH-ECONOMICS.md', import.meta.url), 'utf8');

/** The worked-examples table of docs/COACH-ECONOMICS.md, one object per row. */
function workedExamples() {
  const table = doc.slice(doc.indexOf('| Audience |'));
  const rows = table.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Audience'));
  return rows.map((row) => {
    const [audience, price, engaged, members, revenue] = row
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    const channels = audience!.split(';').map((part) => {
      const m = /^(.+?) ([\d,]+) @ ([\d.]+)%$/.exec(part.trim())!;
      return { platform: m[1]!, followers: Number(m[2]!.replace(/,/g, '')), engagementRate: Number(m[3]) };
    });
    const p = /^\$([\d,]+)(?:–\$([\d,]+))?(?:\/(month|year)| (one-time))$/.exec(price!)!;
    const min = Number(p[1]!.replace(/,/g, ''));
    return {
      row,
      channels,
      price: {
        min,
        max: p[2] ? Number(p[2].replace(/,/g, '')) : min,
        currency: 'USD',
        interval: (p[3] ?? p[4]) as PriceUnit,
      },
      engaged: engaged!,
      members: members!,
      revenue: revenue!,
    };
  });
}

describe('the economics model', () => {
  it('reproduces every worked example in docs/COACH-ECONOMICS.md', () => {
    const examples = workedExamples();
    expect(examples.length).toBeGreaterThanOrEqual(6);
    for (const ex of examples) {
      const projection = projectEconomics({ channels: ex.channels, price: ex.price, assumptions: DEFAULT_ECONOMICS });
      const buyers = ex.price.interval === 'one-time' ? 'buyers' : 'members';
      expect(formatCount(projection.engaged), ex.row).toBe(ex.engaged);
      expect(projectionHeadline(projection), ex.row).toBe(`${ex.members} ${buyers}, ${ex.revenue}`);
    }
  });

  it('matches the template: the shipped conversion assumptions are the documented ones', () => {
    const template = JSON.parse(
      readFileSync(new URL('../../content/coach/premium-community.json', import.meta.url), 'utf8'),
    ) as { opportunity: { economics: unknown } };
    expect(template.opportunity.economics).toEqual(DEFAULT_ECONOMICS);
  });

  it('shows each assumption, and says when a rate was assumed', () => {
    const projection = projectEconomics({
      channels: [{ platform: 'TikTok', followers: 50_000, engagementRate: 0 }],
      price: { min: 25, max: 25, currency: 'USD', interval: 'month' },
      assumptions: DEFAULT_ECONOMICS,
    });
    expect(projection.assumptions[0]).toContain('1.5% engagement (assumed: none given) = 750 engaged');
    expect(projection.channels[0]).toMatchObject({ rateAssumed: true, members: { min: 4, max: 15 } });
  });

  it('reads the audience a message states', () => {
    expect(statedAudience('I have 12k followers')).toEqual([{ followers: 12_000 }]);
    expect(statedAudience('40,000 Instagram followers at 2% engagement')).toEqual([
      { followers: 40_000, platform: 'instagram', engagementRate: 2 },
    ]);
    expect(statedAudience('my email list has 3,000 subscribers with a 45% open rate')).toEqual([
      { followers: 3_000, platform: 'Newsletter', engagementRate: 45 },
    ]);
    expect(statedAudience('How many paying members can I expect?')).toEqual([]);
    expect(statedAudience('cap it at 100 members')).toEqual([]);
  });

  it('lays stated numbers over the profile: a named platform replaces that one, a bare count the social audience', () => {
    const profile = [
      { platform: 'Instagram', followers: 85_000, engagementRate: 1.1 },
      { platform: 'Newsletter', followers: 2_000, engagementRate: 40 },
    ];
    expect(channelsForAnswer(profile, 'I have 12k followers').channels).toEqual([
      { platform: 'Newsletter', followers: 2_000, engagementRate: 40 },
      { platform: 'Instagram', followers: 12_000, engagementRate: 1.1 },
    ]);
    expect(channelsForAnswer(profile, 'I now have 90k followers on instagram').channels[0]).toEqual({
      platform: 'Instagram',
      followers: 90_000,
      engagementRate: 1.1,
    });
    expect(channelsForAnswer(profile, 'what could I make?')).toEqual({ channels: profile, stated: false });
  });
});
