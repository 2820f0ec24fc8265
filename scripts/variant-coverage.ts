/**
 * Prints the variant generators' coverage (issue 16 §4): per pattern, how many distinct variants passed every machine
 * check among N seeds, and the share of patterns with at least 20.
 * Usage: npx tsx scripts/variant-coverage.ts [seeds=50] [courseId...]
 */
import { join } from 'node:path';
import { loadCourseContent } from '../src/exam/content/load.js';
import { coveredShare, DISTINCT_TARGET, measureCoverage, PATTERN_SHARE_TARGET } from '../src/exam/variants/coverage.js';

const [seedsArg, ...ids] = process.argv.slice(2);
const seeds = Number(seedsArg ?? 50);
const root = join(import.meta.dirname, '..', 'content', 'courses');
const courses = (ids.length > 0 ? ids : ['calc2', 'calc3']).map((id) => loadCourseContent(join(root, id)));
const rows = measureCoverage(courses, seeds);
for (const r of rows) {
  const status = !r.hasGenerator ? 'no generator' : `${String(r.distinct).padStart(3)} distinct, ${r.failed} failed`;
  console.log(`${r.distinct >= DISTINCT_TARGET ? 'ok  ' : '    '} ${r.patternId.padEnd(62)} ${status}  ${r.ms} ms`);
}
const share = coveredShare(rows);
const withGenerator = rows.filter((r) => r.hasGenerator).length;
console.log(
  `\n${rows.length} patterns, ${withGenerator} with a generator; ${Math.round(share * 100)}% have >= ${DISTINCT_TARGET} ` +
    `distinct verified variants in ${seeds} seeds (target ${PATTERN_SHARE_TARGET * 100}%)`,
);
process.exit(share >= PATTERN_SHARE_TARGET ? 0 : 1);
