/**
 * Validates the course content (schema, references, exam points) and runs each question's answer check.
 * Usage: npx tsx scripts/check-content.ts [courseId...]
 */
import { join } from 'node:path';
import { runAnswerCheck } from '../src/exam/content/checks.js';
import { ContentError, loadCourseContent } from '../src/exam/content/load.js';

const root = join(import.meta.dirname, '..', 'content', 'courses');
const ids = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['calc2', 'calc3'];
let failed = false;
for (const id of ids) {
  try {
    const content = loadCourseContent(join(root, id));
    let checked = 0;
    for (const q of content.questions) {
      if (!q.check) continue;
      checked++;
      const problem = runAnswerCheck(q.check, q.answer.value, q.answer.domain);
      if (problem) {
        failed = true;
        console.log(`${id} ${q.id}: check failed: ${problem}`);
      }
    }
    console.log(
      `${id}: ${content.exams.length} exams, ${content.topics.length} topics, ${content.patterns.length} patterns, ` +
        `${content.questions.length} questions, ${checked} machine-checked`,
    );
  } catch (error) {
    failed = true;
    console.log(error instanceof ContentError ? `${id}: ${error.message}` : error);
  }
}
process.exit(failed ? 1 : 0);
