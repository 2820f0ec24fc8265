import { shuffled } from '../../platform/random.js';

/**
 * A practice midterm shaped like the course's real ones:
 * - question count and total points: the averages of the real midterms;
 * - topic mix: seats apportioned to topics by how often they appeared on real midterms (largest remainder),
 *   so frequent topics get more questions and a topic never seen on a midterm gets none;
 * - no two questions of one pattern;
 * - a spread of difficulty: seat i aims at a target difficulty running from easy to hard across the exam;
 * - points: each question's original points, scaled so the total matches.
 * Deterministic for a given random source, so the same seed gives the same midterm.
 */
export interface MidtermPoolQuestion {
  id: string;
  topicId: string;
  patternId: string | null;
  difficulty: number;
  points: number;
  estimatedMinutes: number;
}

export interface MidtermShape {
  questionCount: number;
  totalPoints: number;
  /** Topic -> number of appearances on real midterms. */
  topicWeights: Map<string, number>;
  /** Topic order in the course (questions are listed in syllabus order, as on a real exam). */
  topicOrder: string[];
}

export interface GeneratedQuestion {
  number: number;
  questionId: string;
  topicId: string;
  points: number;
}

/** Largest-remainder apportionment of `seats` by weight; ties broken by the random source. */
export function apportion(weights: Map<string, number>, seats: number, random: () => number): Map<string, number> {
  const total = [...weights.values()].reduce((s, w) => s + w, 0);
  const entries = shuffled(
    [...weights.entries()].filter(([, w]) => w > 0),
    random,
  );
  const result = new Map(entries.map(([k, w]) => [k, Math.floor((w / total) * seats)]));
  let left = seats - [...result.values()].reduce((s, n) => s + n, 0);
  const byRemainder = [...entries].sort((a, b) => (((b[1] / total) * seats) % 1) - (((a[1] / total) * seats) % 1));
  for (const [key] of byRemainder) {
    if (left <= 0) break;
    result.set(key, (result.get(key) ?? 0) + 1);
    left--;
  }
  return result;
}

/** Scales integer points to a total, keeping proportions (largest remainder). */
export function scalePoints(points: number[], total: number): number[] {
  const sum = points.reduce((s, p) => s + p, 0) || 1;
  const exact = points.map((p) => (p / sum) * total);
  const result = exact.map(Math.floor);
  let left = total - result.reduce((s, p) => s + p, 0);
  const order = exact.map((e, i) => ({ i, r: e % 1 })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    result[i]! += 1;
    left--;
  }
  return result;
}

export function generateMidterm(
  pool: MidtermPoolQuestion[],
  shape: MidtermShape,
  random: () => number,
): GeneratedQuestion[] {
  const seats = apportion(shape.topicWeights, shape.questionCount, random);
  const usedPatterns = new Set<string>();
  const usedQuestions = new Set<string>();
  const picked: MidtermPoolQuestion[] = [];

  // Seats in syllabus order, each with a target difficulty rising from 2 to 4 across the exam.
  const seatTopics = shape.topicOrder.flatMap((topicId) => Array<string>(seats.get(topicId) ?? 0).fill(topicId));
  const target = (i: number) => (seatTopics.length <= 1 ? 3 : 2 + (2 * i) / (seatTopics.length - 1));
  const order = shuffled(
    seatTopics.map((topicId, i) => ({ topicId, target: target(i) })),
    random,
  );
  for (const seat of order) {
    const options = shuffled(
      pool.filter(
        (q) =>
          q.topicId === seat.topicId && !usedQuestions.has(q.id) && !(q.patternId && usedPatterns.has(q.patternId)),
      ),
      random,
    ).sort((a, b) => Math.abs(a.difficulty - seat.target) - Math.abs(b.difficulty - seat.target));
    const choice = options[0];
    if (!choice) continue;
    picked.push(choice);
    usedQuestions.add(choice.id);
    if (choice.patternId) usedPatterns.add(choice.patternId);
  }

  const rank = new Map(shape.topicOrder.map((id, i) => [id, i]));
  picked.sort((a, b) => (rank.get(a.topicId) ?? 0) - (rank.get(b.topicId) ?? 0) || a.difficulty - b.difficulty);
  const points = scalePoints(
    picked.map((q) => q.points),
    shape.totalPoints,
  );
  return picked.map((q, i) => ({ number: i + 1, questionId: q.id, topicId: q.topicId, points: points[i]! }));
}
