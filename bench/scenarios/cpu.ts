import { readFileSync } from 'node:fs';
import { analyzeMessage } from '../../src/coach/detector/index.js';
import { getTemplate, loadTemplates } from '../../src/coach/templates/load-templates.js';
import { gradeAnswer } from '../../src/exam/grading/grade.js';
import { benchmarkInputs } from '../lib/grading.js';
import { repoRoot } from '../lib/proc.js';
import { median, percentiles, round } from '../lib/stats.js';
import type { BenchSettings, Contender, ScenarioResult } from '../lib/types.js';

interface Timed {
  rps: number;
  p50Ms: number;
  p99Ms: number;
}

/** Calls `fn` for about `seconds` (after a warm-up), timing each call. */
function timeLoop(seconds: number, fn: (i: number) => unknown): Timed {
  for (let i = 0; i < 200; i++) fn(i);
  const times: number[] = [];
  const start = performance.now();
  const end = start + seconds * 1000;
  for (let i = 0; performance.now() < end; i++) {
    const t = performance.now();
    fn(i);
    times.push(performance.now() - t);
  }
  const [p50 = 0, p99 = 0] = percentiles(times, [50, 99]);
  return { rps: times.length / ((performance.now() - start) / 1000), p50Ms: p50, p99Ms: p99 };
}

/**
 * Scenario 6: the action detector (messages/s) and the answer grader (answers/s), CPU-bound and in-process on the
 * load core, each round next to a fixed reference workload (a JSON round trip of a 1 KB object) so runs on different
 * machines compare through the ratio.
 */
export async function runCpu(settings: BenchSettings): Promise<ScenarioResult[]> {
  settings.log('[cpu] action detector and answer grader');
  const labelled = JSON.parse(readFileSync(`${repoRoot}/src/coach/detector/labelled-messages.json`, 'utf8')) as {
    messages: Array<{ text: string }>;
  };
  const messages = labelled.messages.map((m) => m.text);
  const plan = getTemplate(loadTemplates(), 'premium-community');
  const now = new Date('2026-03-01T12:00:00Z');
  const reference = {
    user: { id: 'u1', name: 'Ada', tags: ['a', 'b', 'c'] },
    items: Array.from({ length: 12 }, (_, i) => ({ id: i, title: `Item ${i}`, price: i * 1.5, flags: [true, false] })),
  };

  const seconds = settings.quick ? 1 : 4;
  const rounds: Record<'reference' | 'detector' | 'grader', Timed[]> = { reference: [], detector: [], grader: [] };
  for (let r = 0; r < settings.rounds; r++) {
    rounds.reference.push(timeLoop(seconds, () => JSON.parse(JSON.stringify(reference))));
    rounds.detector.push(timeLoop(seconds, (i) => analyzeMessage(messages[i % messages.length]!, plan, [], { now })));
    rounds.grader.push(timeLoop(seconds, (i) => gradeAnswer(benchmarkInputs[i % benchmarkInputs.length]!)));
  }
  const summary = (name: string, samples: Timed[], base?: Timed[]): Contender => ({
    name,
    rps: round(median(samples.map((s) => s.rps))),
    p50Ms: round(median(samples.map((s) => s.p50Ms))),
    p99Ms: round(median(samples.map((s) => s.p99Ms))),
    ...(base ? { ratio: round(median(samples.map((s, i) => s.rps / base[i]!.rps))) } : { baseline: true }),
  });
  const ref = summary('reference: JSON round trip of a 1 KB object', rounds.reference);
  return [
    {
      name: `cpu: action detector, messages/s (${messages.length} labelled messages, premium-community plan)`,
      scenario: 'cpu',
      contenders: [ref, summary('analyzeMessage (decisions, tasks, next steps)', rounds.detector, rounds.reference)],
      notes: ['in-process on the load core; ratio = detector messages/s over reference ops/s (machine-independent)'],
    },
    {
      name: `cpu: answer grader, answers/s (${benchmarkInputs.length} kinds of checks, plain and LaTeX)`,
      scenario: 'cpu',
      contenders: [ref, summary('gradeAnswer', rounds.grader, rounds.reference)],
      notes: ['in-process on the load core; expected answers are parsed once and cached, as in the server'],
    },
  ];
}
