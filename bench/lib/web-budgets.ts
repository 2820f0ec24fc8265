import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './proc.js';

/**
 * The web app's browser budgets, measured in Chromium by web/e2e/coach.test.ts (which writes the file) rather than
 * here: the first streamed characters painted after a send (performance.now() in the page, offline coach, localhost)
 * and the JavaScript a coach page loads first, gzipped. Reported against the budgets, never asserted by time.
 */
export interface WebBudgets {
  measuredAt: string;
  /** The median of the samples: four sends in one conversation, the first on a cold server. */
  firstStreamedPaintMs?: number;
  firstStreamedPaintSamplesMs?: number[];
  replyPaints?: number;
  coachFirstLoadJsGzipBytes?: number;
  coachFirstLoadJsFiles?: number;
}

export const WEB_BUDGETS = { firstStreamedPaintMs: 100, coachFirstLoadJsGzipBytes: 150 * 1024 } as const;

export function readWebBudgets(): WebBudgets | undefined {
  const file = join(repoRoot, 'test-results', 'web', 'coach-budgets.json');
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as WebBudgets;
}

export function renderWebBudgets(budgets: WebBudgets | undefined): string {
  if (!budgets) return 'web budgets: not measured (run `npx vitest run web/e2e/coach.test.ts` first)';
  const lines = [`web budgets (Chromium, web/e2e/coach.test.ts, ${budgets.measuredAt}):`];
  if (budgets.firstStreamedPaintMs !== undefined) {
    const met = budgets.firstStreamedPaintMs <= WEB_BUDGETS.firstStreamedPaintMs ? 'met' : 'NOT met';
    lines.push(
      `  first streamed characters painted after send: median ${budgets.firstStreamedPaintMs} ms of ${JSON.stringify(budgets.firstStreamedPaintSamplesMs ?? [])} (budget ${WEB_BUDGETS.firstStreamedPaintMs} ms: ${met}; the first reply painted ${budgets.replyPaints} times before done)`,
    );
  }
  if (budgets.coachFirstLoadJsGzipBytes !== undefined) {
    const kb = Math.round((budgets.coachFirstLoadJsGzipBytes / 1024) * 10) / 10;
    const met = budgets.coachFirstLoadJsGzipBytes <= WEB_BUDGETS.coachFirstLoadJsGzipBytes ? 'met' : 'NOT met';
    lines.push(
      `  coach project page, first-load JavaScript: ${kb} KB gzip in ${budgets.coachFirstLoadJsFiles} files (budget 150 KB: ${met})`,
    );
  }
  return lines.join('\n');
}
