import type { CourseContent } from '../../src/exam/content/load.js';

/**
 * A small generated course for HTTP tests, so they do not depend on the real bank's ids.
 * `exams` past exams over consecutive years (alternating midterm/final), `topics` topics with two patterns each;
 * each exam has one question per topic (so points add up), with topic 0 appearing only from the second year on.
 * Question k (counting across the course) answers `x^(k+1)/(k+1) + C`; even k also carry four MCQ options.
 * `finalsOnlyTopics`: that many last topics appear on finals only (as series do in a real Calculus II).
 */
export function fixtureCourse(
  options: { id?: string; exams?: number; topics?: number; finalsOnlyTopics?: number } = {},
): CourseContent {
  const id = options.id ?? 'fixture';
  const examCount = options.exams ?? 6;
  const topicCount = options.topics ?? 4;
  const topics = Array.from({ length: topicCount }, (_, i) => ({
    id: `${id}-topic-${i}`,
    slug: `topic-${i}`,
    name: `Topic ${i}`,
    category: i % 2 === 0 ? 'Integration' : 'Series',
    difficulty: (i % 5) + 1,
  }));
  const patterns = topics.flatMap((t, i) =>
    [0, 1].map((k) => ({
      id: `${t.id}-pattern-${k}`,
      name: `Pattern ${i}.${k}`,
      techniques: ['technique'],
      canonicalForm: `\\int x^${k} dx`,
      topicId: t.id,
    })),
  );
  const exams = Array.from({ length: examCount }, (_, e) => ({
    id: `${id}-exam-${e}`,
    year: 2019 + Math.floor(e / 2),
    semester: 'fall' as const,
    type: (e % 2 === 0 ? 'midterm' : 'final') as 'midterm' | 'final',
    date: `${2019 + Math.floor(e / 2)}-10-01`,
    totalPoints: 0,
  }));
  const questions: CourseContent['questions'] = [];
  for (const exam of exams) {
    const finalsOnlyFrom = topicCount - (options.finalsOnlyTopics ?? 0);
    const onExam = topics.filter(
      (_, i) => !(i === 0 && exam.year === 2019) && (exam.type === 'final' || i < finalsOnlyFrom),
    );
    onExam.forEach((topic, n) => {
      const k = questions.length;
      questions.push({
        id: `${exam.id}-q${n + 1}`,
        exam: exam.id,
        number: n + 1,
        points: 10 + (k % 3) * 2,
        pattern: `${topic.id}-pattern-${k % 2}`,
        topicId: topic.id,
        difficulty: (k % 5) + 1,
        difficultyReason: 'Fixture difficulty reason',
        techniques: ['technique'],
        estimatedMinutes: 8,
        text: `Evaluate $\\int x^{${k}}\\,dx$.`,
        solution: ['Use the power rule.', `The answer is $\\frac{x^{${k + 1}}}{${k + 1}} + C$.`],
        answer: {
          kind: 'antiderivative',
          value: `x^${k + 1}/${k + 1} + C`,
          latex: `\\frac{x^{${k + 1}}}{${k + 1}} + C`,
          alternates: [`x^(${k + 1})/${k + 1} + K`],
          wrong: [`x^${k + 1}/${k + 1}`],
        },
        // Every other question is also multiple choice, its distractors written from real mistakes.
        ...(k % 2 === 0
          ? {
              options: [
                { text: `$\\frac{x^{${k + 1}}}{${k + 1}} + C$`, correct: true },
                { text: `$x^{${k + 1}} + C$`, correct: false, mistake: 'forgot to divide by the new exponent' },
                { text: `$${k}x^{${k - 1}}$`, correct: false, mistake: 'differentiated instead of integrating' },
                {
                  text: `$\\frac{x^{${k + 1}}}{${k + 1}}$`,
                  correct: false,
                  mistake: 'left out the constant of integration',
                },
              ],
            }
          : {}),
      });
    });
    exam.totalPoints = questions.filter((q) => q.exam === exam.id).reduce((s, q) => s + q.points, 0);
  }
  return {
    course: { id, name: `Fixture course ${id}`, description: 'Generated for tests' },
    topics,
    exams,
    patterns,
    questions,
  };
}
