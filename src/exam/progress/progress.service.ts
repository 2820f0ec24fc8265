/**
 * Per-question progress (tries, correct answers, assisted reveals) is written by attempts, exams and reveals, and read
 * by courses and assessment: they reach the progress table through here, never through progress.repo.ts itself.
 */
export { addProgressQuery, listCourseProgress, summarizeCourseProgress } from './progress.repo.js';
