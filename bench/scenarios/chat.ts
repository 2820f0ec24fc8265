import { type ClientRequest, request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { createParser } from 'eventsource-parser';
import { chunkText } from '../../src/ai/offline.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { dropDatabase, freshDatabase, insertUsers, withHandle } from '../lib/db.js';
import type { ServerProcess } from '../lib/proc.js';
import { startApp } from '../lib/servers.js';
import { median, percentiles, round } from '../lib/stats.js';
import type { BenchSettings, Contender, ScenarioResult } from '../lib/types.js';

const MESSAGE =
  "I'm stuck. Should I charge $49/month, and is Discord or Circle the better platform? How am I doing so far?";
const STREAMS_PER_USER = 50;

interface Coach {
  token: string;
  projectId: string;
}

interface Stream {
  deltas: number[];
  text: string;
  done: Promise<void>;
  abort(): void;
}

/** Opens one chat stream and records when each delta arrives. */
function openStream(baseUrl: string, coach: Coach, message: string): Stream {
  const deltas: number[] = [];
  let text = '';
  let req: ClientRequest | undefined;
  const done = new Promise<void>((resolve, reject) => {
    const body = JSON.stringify({ message });
    req = request(
      `${baseUrl}/api/v1/monetization/projects/${coach.projectId}/chat`,
      {
        method: 'POST',
        agent: false,
        headers: {
          authorization: `Bearer ${coach.token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          return reject(new Error(`chat answered ${res.statusCode}`));
        }
        const parser = createParser({
          onEvent: (event) => {
            if (event.event === 'delta') {
              deltas.push(performance.now());
              text += (JSON.parse(event.data) as { text: string }).text;
            }
          },
        });
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => parser.feed(chunk));
        res.on('end', () => resolve());
        res.on('error', () => resolve());
        res.on('close', () => resolve());
      },
    );
    req.on('error', (error) => (deltas.length > 0 ? resolve() : reject(error)));
    req.end(body);
  });
  return {
    deltas,
    get text() {
      return text;
    },
    done,
    abort: () => req?.destroy(),
  };
}

async function api(baseUrl: string, token: string, path: string, body: unknown): Promise<unknown> {
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function coaches(server: ServerProcess, tokens: string[]): Promise<Coach[]> {
  const out: Coach[] = [];
  for (const token of tokens) {
    await api(server.url, token, '/api/v1/monetization/profile', {
      niche: 'home espresso and coffee gear',
      platforms: [{ platform: 'YouTube', followers: 42_000, engagementRate: 5.5 }],
      currentMonthlyIncome: 1800,
      goal: 'Replace sponsorship income with member revenue',
      hoursPerWeek: 8,
    });
    const { project } = (await api(server.url, token, '/api/v1/monetization/projects', {
      opportunityId: 'premium-community',
    })) as { project: { id: string } };
    out.push({ token, projectId: project.id });
  }
  return out;
}

/** What the offline provider alone spends per chunk: the same chunks, the same pause (setImmediate) between them. */
async function providerAloneMsPerChunk(text: string, rounds: number): Promise<number> {
  const chunks = chunkText(text);
  async function* provider() {
    for (const chunk of chunks) {
      yield chunk;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    let n = 0;
    for await (const chunk of provider()) n += chunk.length > 0 ? 1 : 0;
    times.push((performance.now() - start) / Math.max(1, n));
  }
  return median(times);
}

/**
 * Scenario 5: Server-Sent Events chat on the offline provider. (1) With no pause between chunks, the server's
 * overhead per streamed delta: stream time over deltas, minus what the provider alone needs per chunk. (2) With a
 * 1 s pause, N streams held open at once by one process: its memory and how late deltas arrive.
 */
export async function runChat(settings: BenchSettings): Promise<ScenarioResult[]> {
  const { log } = settings;
  const place = { core: settings.serverCore, logDir: settings.logDir };
  const results: ScenarioResult[] = [];
  const counts = settings.quick ? [100] : [100, 1000];
  const users = Math.ceil(Math.max(...counts) / STREAMS_PER_USER);
  const url = await freshDatabase(settings.place, 'sqlite', 'chat');
  const db = { dialect: 'sqlite' as const, url, users: [] };
  const tokens = await withHandle(url, async (handle) => {
    await migrateToLatest(handle.db);
    return (
      await insertUsers(handle, { count: users, prefix: 'coach', passwordHash: settings.passwordHash, credits: 0 })
    ).map((u) => u.token);
  });
  const servers: ServerProcess[] = [];
  try {
    // (1) Overhead per delta, one stream at a time.
    const instant = await startApp(place, 'chat-instant', url, { AI_OFFLINE_CHUNK_DELAY_MS: '0' });
    servers.push(instant);
    const all = await coaches(instant, tokens);
    const coach = all[0];
    const n = settings.quick ? 20 : 100;
    log(`[chat] overhead per delta: ${n} streams one after another, provider without pauses`);
    const perDelta: number[] = [];
    let deltas = 0;
    let text = '';
    for (let i = 0; i < n + 3; i++) {
      const s = openStream(instant.url, coach!, `${MESSAGE} (${i})`);
      await s.done;
      if (i < 3 || s.deltas.length < 2) continue; // warm-up
      perDelta.push((s.deltas.at(-1)! - s.deltas[0]!) / (s.deltas.length - 1));
      deltas = s.deltas.length;
      text = s.text;
    }
    const alone = await providerAloneMsPerChunk(text, 20);
    const [p50 = 0, p99 = 0] = percentiles(perDelta, [50, 99]);
    const overhead = round(p50 - alone);
    results.push({
      name: 'chat: server overhead per streamed delta (offline provider, no pause) [sqlite]',
      scenario: 'chat',
      dialect: 'sqlite',
      contenders: [
        { name: 'provider alone (same chunks)', baseline: true, p50Ms: round(alone), deltas },
        { name: 'pathwise SSE stream', p50Ms: round(p50), p99Ms: round(p99), overheadMsPerDelta: overhead },
      ],
      target: '<= 1 ms added per delta',
      met: overhead <= 1,
      notes: ['time between the first and last delta at the client over the deltas, per stream; median over streams'],
    });
    await instant.stop();
    servers.pop();

    // (2) Many streams held open: one delta a second each.
    const slow = await startApp(place, 'chat-held', url, { AI_OFFLINE_CHUNK_DELAY_MS: '1000' });
    servers.push(slow);
    await sleep(1000);
    const idleRss = slow.rssMb();
    const contenders: Contender[] = [{ name: 'idle server', baseline: true, rssMb: round(idleRss) }];
    let met = true;
    for (const count of counts) {
      log(`[chat] ${count} streams held open (a delta a second each)`);
      const streams: Stream[] = [];
      for (let i = 0; i < count; i++) {
        streams.push(openStream(slow.url, all[i % all.length]!, `${MESSAGE} [${count}/${i}]`));
        if (i % 50 === 49) await sleep(50);
      }
      const deadline = Date.now() + 60_000;
      while (streams.some((s) => s.deltas.length === 0) && Date.now() < deadline) await sleep(100);
      const opened = streams.filter((s) => s.deltas.length > 0).length;
      const holdS = settings.quick ? 5 : 15;
      const holdStart = performance.now();
      let rss = slow.rssMb();
      while (performance.now() - holdStart < holdS * 1000) {
        await sleep(500);
        rss = Math.max(rss, slow.rssMb());
      }
      const lateness: number[] = [];
      for (const s of streams) {
        for (let k = 1; k < s.deltas.length; k++) {
          if (s.deltas[k]! >= holdStart) lateness.push(s.deltas[k]! - s.deltas[k - 1]! - 1000);
        }
      }
      for (const s of streams) s.abort();
      await Promise.allSettled(streams.map((s) => s.done));
      const [l50 = 0, l99 = 0] = percentiles(lateness, [50, 99]);
      contenders.push({
        name: `${count} open streams`,
        rssMb: round(rss),
        rssPerStreamKb: round(((rss - idleRss) * 1024) / count),
        opened,
        p50Ms: round(l50),
        p99Ms: round(l99),
      });
      log(`  ${opened}/${count} open, RSS ${round(rss)} MB, delta lateness p50 ${round(l50)} ms, p99 ${round(l99)} ms`);
      if (count >= 1000 && rss >= 1024) met = false;
      if (opened < count) met = false;
      await sleep(2000); // let the aborted streams store what they had
    }
    results.push({
      name: 'chat: SSE streams held open by one process (offline provider, 1 delta/s) [sqlite]',
      scenario: 'chat',
      dialect: 'sqlite',
      contenders,
      target: '1,000 streams under 1 GB RSS',
      met: counts.includes(1000) ? met : undefined,
      notes: [
        `${users} users, ${STREAMS_PER_USER} streams each; p50Ms/p99Ms here are how late deltas arrive (interval minus 1 s) while all are open`,
      ],
    });
    return results;
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await dropDatabase(settings.place, db);
  }
}
