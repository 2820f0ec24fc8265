import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Vitest global setup: gives the test files one file to report figures to, and prints them all at the end. */
export function setup(): () => void {
  const file = join(tmpdir(), `pathwise-figures-${process.pid}.jsonl`);
  rmSync(file, { force: true });
  process.env.PATHWISE_FIGURES_FILE = file;
  return () => {
    if (!existsSync(file)) return;
    const lines = readFileSync(file, 'utf8').trim().split('\n').filter(Boolean);
    rmSync(file, { force: true });
    if (lines.length === 0) return;
    const figures = lines.map((line) => JSON.parse(line) as { name: string; value: string });
    process.stdout.write(`\nReliability figures\n${figures.map((f) => `  ${f.name}: ${f.value}`).join('\n')}\n`);
  };
}
