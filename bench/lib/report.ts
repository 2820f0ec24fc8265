import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { repoRoot } from './proc.js';
import type { Contender, ScenarioResult } from './types.js';

const STANDARD = new Set(['name', 'rps', 'p50Ms', 'p99Ms', 'ratio', 'p99Ratio', 'baseline', 'rounds', 'failures']);

const fmt = (n: unknown) => (typeof n === 'number' ? String(n) : '');

function extras(c: Contender): string {
  return Object.entries(c)
    .filter(([k, v]) => !STANDARD.has(k) && (typeof v === 'number' || typeof v === 'string'))
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

/** A Markdown table: one row per contender, the baseline first, ratios against it. */
export function renderTable(results: ScenarioResult[]): string {
  const lines = [
    '| scenario | contender | req/s | p50 ms | p99 ms | ratio | p99 ratio | other | target met |',
    '|---|---|---:|---:|---:|---:|---:|---|:---:|',
  ];
  for (const r of results) {
    r.contenders.forEach((c, i) => {
      const met = i === r.contenders.length - 1 && r.met !== undefined ? (r.met ? 'yes' : '**no**') : '';
      const label = c.baseline ? `${c.name} (baseline)` : c.name;
      lines.push(
        `| ${i === 0 ? r.name : ''} | ${label} | ${fmt(c.rps)} | ${fmt(c.p50Ms)} | ${fmt(c.p99Ms)} | ${fmt(c.ratio)} | ${fmt(c.p99Ratio)} | ${extras(c)} | ${met} |`,
      );
    });
  }
  return lines.join('\n');
}

const BEGIN = '<!-- bench:results:begin (written by npm run bench) -->';
const END = '<!-- bench:results:end -->';

/** Replaces the generated section of docs/PERFORMANCE.md with this run's table (the rest is hand-written). */
export function updatePerformanceDoc(
  path: string,
  report: { date: string; durationSeconds: number; machine: Record<string, unknown>; scenarios: ScenarioResult[] },
  resultsFile: string,
): void {
  const m = report.machine;
  const section = [
    BEGIN,
    `Latest full run: ${report.date.slice(0, 16).replace('T', ' ')} UTC, ${Math.round(report.durationSeconds / 60)} min, ` +
      `${m.cores} cores (${m.cpu}), Node ${m.node}; raw figures in \`${relative(repoRoot, resultsFile)}\`.`,
    '',
    renderTable(report.scenarios),
    '',
    'Targets:',
    ...report.scenarios.filter((r) => r.target).map((r) => `- ${r.met ? 'met' : '**missed**'}: ${r.name}: ${r.target}`),
    END,
  ].join('\n');
  const current = existsSync(path) ? readFileSync(path, 'utf8') : `# Performance\n\n${BEGIN}\n${END}\n`;
  const start = current.indexOf(BEGIN);
  const end = current.indexOf(END);
  const next =
    start >= 0 && end > start
      ? current.slice(0, start) + section + current.slice(end + END.length)
      : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(path, next);
}
