/**
 * Scores the Creator Coach action detector on the labelled chat messages and prints precision and recall per
 * decision category and for task completions, then every message it gets wrong.
 * Usage: npx tsx scripts/detector-eval.ts [--all]   (--all also lists the messages it gets right)
 */
import { evaluateDetector, loadLabelledMessages, type Score } from '../src/coach/detector/evaluate.js';
import { loadTemplates } from '../src/coach/templates/load-templates.js';

const template = loadTemplates().get('premium-community');
if (!template) throw new Error('content/coach/premium-community.json is missing');
const set = loadLabelledMessages();
const tasks = template.phases.flatMap((p) => p.tasks);
const report = evaluateDetector(set, tasks);

const pct = (n: number) => `${(n * 100).toFixed(1)}%`.padStart(7);
const row = (name: string, s: Score) =>
  `${name.padEnd(12)} ${pct(s.precision)} ${pct(s.recall)}   ${String(s.truePositives).padStart(3)} ${String(s.falsePositives).padStart(3)} ${String(s.falseNegatives).padStart(3)}`;

function table(title: string, r: typeof report, count: number) {
  console.log(`\n${title}: ${count} messages`);
  console.log(`${'category'.padEnd(12)} precision  recall    TP  FP  FN`);
  for (const [category, s] of Object.entries(r.byCategory)) console.log(row(category, s));
  console.log(row('decisions', r.decisions));
  console.log(row('tasks', r.tasks));
  console.log(row('overall', r.overall));
  const { matched, agreeing } = r.confidenceAgreement;
  console.log(`confidence agrees with the label on ${agreeing} of ${matched} matched decisions`);
}

console.log(`Action detector on ${set.messages.length} labelled messages (clock ${set.now})`);
table('all', report, set.messages.length);
for (const name of ['development', 'holdout', 'holdout-2', 'holdout-3'] as const) {
  const subset = { ...set, messages: set.messages.filter((m) => m.set === name) };
  table(name, evaluateDetector(subset, tasks), subset.messages.length);
}

console.log(
  '\nThe development set is in-sample, and both holdouts were used for fixes after their first run. The unbiased\n' +
    'estimates are the first-run holdout scores recorded in labelled-messages.json:',
);
for (const [name, scores] of Object.entries(set.firstRunScores ?? {}))
  console.log(`  ${name}: ${JSON.stringify(scores)}`);

const wrong = report.results.filter((r) => !r.correct);
console.log(`\n${report.results.length - wrong.length} of ${report.results.length} messages fully right`);
for (const r of process.argv.includes('--all') ? report.results : wrong) {
  console.log(`\n[${r.correct ? 'ok' : 'MISS'}] ${r.message.id}: ${r.message.text}`);
  for (const d of r.missedDecisions) console.log(`  missed   ${d.category} ${JSON.stringify(d.value)}`);
  for (const d of r.extraDecisions)
    console.log(`  extra    ${d.category} ${JSON.stringify(d.value)} (${d.confidence})`);
  for (const t of r.missedTasks) console.log(`  missed   task ${t}`);
  for (const t of r.extraTasks) console.log(`  extra    task ${t}`);
  for (const c of r.confidenceMismatches)
    console.log(`  confidence ${c.category}: label ${c.expected}, got ${c.actual}`);
}
