/**
 * Scores the Creator Coach action detector on the labelled chat messages and prints precision and recall per
 * decision category and for task completions, then every message it gets wrong, except in the held-out sets: those
 * are scored in aggregate only, since reading their misses would be tuning on them.
 * Usage: npx tsx scripts/detector-eval.ts [--all] [--set=<name>]   (--all also lists the messages it gets right;
 * --set lists only that set's messages)
 */
import {
  evaluateDetector,
  evaluateSet,
  formatScoreTable,
  heldOutSets,
  labelledSetNames,
  loadLabelledMessages,
} from '../src/coach/detector/evaluate.js';
import { loadTemplates } from '../src/coach/templates/load-templates.js';

const template = loadTemplates().get('premium-community');
if (!template) throw new Error('content/coach/premium-community.json is missing');
const set = loadLabelledMessages();
const tasks = template.phases.flatMap((p) => p.tasks);
const report = evaluateDetector(set, tasks);

function table(title: string, r: typeof report) {
  console.log(`\n${formatScoreTable(title, r)}`);
  const { matched, agreeing } = r.confidenceAgreement;
  console.log(`confidence agrees with the label on ${agreeing} of ${matched} matched decisions`);
}

console.log(`Action detector on ${set.messages.length} labelled messages (clock ${set.now})`);
table('all', report);
for (const name of labelledSetNames) {
  table(name, evaluateSet(set, name, tasks));
}

console.log(
  '\nThe development set is in-sample, and both holdouts were used for fixes after their first run. The unbiased\n' +
    'estimates are the first-run holdout scores recorded in labelled-messages.json:',
);
for (const [name, scores] of Object.entries(set.firstRunScores ?? {}))
  console.log(`  ${name}: ${JSON.stringify(scores)}`);

const only = process.argv.find((a) => a.startsWith('--set='))?.slice('--set='.length);
const listed = report.results.filter((r) => !heldOutSets.has(r.message.set) && (!only || r.message.set === only));
const wrong = listed.filter((r) => !r.correct);
console.log(
  `\n${listed.length - wrong.length} of ${listed.length} tuned-on messages fully right (held-out sets not listed)`,
);
for (const r of process.argv.includes('--all') ? listed : wrong) {
  console.log(`\n[${r.correct ? 'ok' : 'MISS'}] ${r.message.id}: ${r.message.text}`);
  for (const d of r.missedDecisions) console.log(`  missed   ${d.category} ${JSON.stringify(d.value)}`);
  for (const d of r.extraDecisions)
    console.log(`  extra    ${d.category} ${JSON.stringify(d.value)} (${d.confidence})`);
  for (const t of r.missedTasks) console.log(`  missed   task ${t}`);
  for (const t of r.extraTasks) console.log(`  extra    task ${t}`);
  for (const c of r.confidenceMismatches)
    console.log(`  confidence ${c.category}: label ${c.expected}, got ${c.actual}`);
}
