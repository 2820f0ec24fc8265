import { appendFileSync } from 'node:fs';

/**
 * The reliability suite's figures (requests sent, conflicts, guesses checked ...), collected from every test file and
 * printed together when the run ends (test/support/reliability-global.ts). Outside a full run they go to stdout.
 */
export function reportFigure(name: string, value: string): void {
  const file = process.env.PATHWISE_FIGURES_FILE;
  if (file) appendFileSync(file, `${JSON.stringify({ name, value })}\n`);
  else process.stdout.write(`[figure] ${name}: ${value}\n`);
}
