import { examTypes } from '../content/schema.js';

/**
 * Exam-pattern analysis of one course, computed from its past exams. Pure: the service loads the rows.
 *
 * Likelihood for the next exam blends three signals, each in [0, 1]:
 *   coverage (0.5)  share of past exams the topic appeared on;
 *   recency  (0.3)  share of the most recent year's exams it appeared on;
 *   trend    (0.2)  the slope of its yearly question count, mapped from [-1, +1] questions/year to [0, 1].
 * Coverage dominates because exams are written from a syllabus that changes slowly; recency and trend catch
 * a topic an instructor has started (or stopped) testing.
 */
export interface AnalysisInput {
  exams: Array<{ id: string; year: number; examType: string; totalPoints: number | null }>;
  topics: Array<{ id: string; name: string; category: string }>;
  patterns: Array<{ id: string; name: string; topicId: string }>;
  questions: Array<{
    examId: string | null;
    topicId: string;
    patternId: string | null;
    points: number;
    difficulty: number | null;
  }>;
}

export type ExamType = (typeof examTypes)[number];

/** The analysis of every scope: all exams, and each exam type on its own. */
export type ScopedAnalysis = { overall: CourseAnalysis } & Record<ExamType, CourseAnalysis>;

export function computeScopedAnalysis(input: AnalysisInput): ScopedAnalysis {
  return {
    overall: computeAnalysis(input),
    ...(Object.fromEntries(examTypes.map((type) => [type, computeAnalysis(input, type)])) as Record<
      ExamType,
      CourseAnalysis
    >),
  };
}

export interface TopicTrendPoint {
  year: number;
  questions: number;
  points: number;
}

export interface CourseAnalysis {
  examCount: number;
  years: number[];
  topics: Array<{
    topicId: string;
    name: string;
    category: string;
    frequency: number;
    examsAppeared: number;
    totalAppearances: number;
    avgPoints: number;
    shareOfPoints: number;
    trend: { direction: 'rising' | 'falling' | 'steady'; slope: number; byYear: TopicTrendPoint[] };
  }>;
  topPatterns: Array<{
    patternId: string;
    name: string;
    topicId: string;
    appearanceRate: number;
    appearances: number;
    lastSeenYear: number | null;
  }>;
  likelihood: Array<{ rank: number; topicId: string; name: string; score: number; reasoning: string }>;
  difficultyDistribution: Array<{ difficulty: number; questions: number; share: number }>;
  examShape: Array<{ examType: string; exams: number; averageQuestionCount: number; averageTotalPoints: number }>;
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Least-squares slope of y over x (questions per year). */
function slope(points: Array<{ x: number; y: number }>): number {
  if (points.length < 2) return 0;
  const mx = points.reduce((s, p) => s + p.x, 0) / points.length;
  const my = points.reduce((s, p) => s + p.y, 0) / points.length;
  const num = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

/**
 * Every statistic over one kind of exam (`examType`) or over all of them: a topic that appears only on finals is on
 * "50% of exams" overall but on none of the midterms, which is what a student preparing for a midterm needs to know.
 */
export function computeAnalysis(all: AnalysisInput, examType?: ExamType): CourseAnalysis {
  const input = examType ? { ...all, exams: all.exams.filter((e) => e.examType === examType) } : all;
  const examYear = new Map(input.exams.map((e) => [e.id, e.year]));
  const years = [...new Set(input.exams.map((e) => e.year))].sort((a, b) => a - b);
  const latestYear = years.at(-1);
  const latestExams = input.exams.filter((e) => e.year === latestYear);
  const questions = input.questions.filter((q) => q.examId !== null && examYear.has(q.examId));
  const totalPoints = questions.reduce((s, q) => s + q.points, 0);
  const examCount = input.exams.length;
  const kind = examType ? `${examType}s` : 'exams';

  const topics = input.topics.map((topic) => {
    const mine = questions.filter((q) => q.topicId === topic.id);
    const examsAppeared = new Set(mine.map((q) => q.examId)).size;
    const points = mine.reduce((s, q) => s + q.points, 0);
    const byYear = years.map((year) => {
      const inYear = mine.filter((q) => examYear.get(q.examId!) === year);
      return { year, questions: inYear.length, points: inYear.reduce((s, q) => s + q.points, 0) };
    });
    const s = slope(byYear.map((p) => ({ x: p.year, y: p.questions })));
    return {
      topicId: topic.id,
      name: topic.name,
      category: topic.category,
      frequency: examCount === 0 ? 0 : round(examsAppeared / examCount),
      examsAppeared,
      totalAppearances: mine.length,
      avgPoints: mine.length === 0 ? 0 : round(points / mine.length, 1),
      shareOfPoints: totalPoints === 0 ? 0 : round(points / totalPoints, 3),
      trend: {
        direction: (s > 0.15 ? 'rising' : s < -0.15 ? 'falling' : 'steady') as 'rising' | 'falling' | 'steady',
        slope: round(s, 3),
        byYear,
      },
    };
  });

  const topPatterns = input.patterns
    .map((pattern) => {
      const mine = questions.filter((q) => q.patternId === pattern.id);
      const seenYears = mine.map((q) => examYear.get(q.examId!) ?? 0);
      return {
        patternId: pattern.id,
        name: pattern.name,
        topicId: pattern.topicId,
        appearanceRate: examCount === 0 ? 0 : round(new Set(mine.map((q) => q.examId)).size / examCount),
        appearances: mine.length,
        lastSeenYear: seenYears.length ? Math.max(...seenYears) : null,
      };
    })
    .filter((p) => p.appearances > 0)
    .sort(
      (a, b) =>
        b.appearanceRate - a.appearanceRate || b.appearances - a.appearances || a.patternId.localeCompare(b.patternId),
    )
    .slice(0, 10);

  const likelihood = topics
    .map((t) => {
      const inLatest = latestExams.filter((e) =>
        questions.some((q) => q.examId === e.id && q.topicId === t.topicId),
      ).length;
      const recency = latestExams.length === 0 ? 0 : inLatest / latestExams.length;
      const trendScore = Math.min(1, Math.max(0, (t.trend.slope + 1) / 2));
      const score = round(0.5 * t.frequency + 0.3 * recency + 0.2 * trendScore, 3);
      const parts = [`appeared on ${t.examsAppeared} of ${examCount} past ${kind} (${Math.round(t.frequency * 100)}%)`];
      if (latestYear !== undefined) parts.push(`${inLatest} of ${latestExams.length} ${kind} in ${latestYear}`);
      if (t.trend.direction !== 'steady') {
        const first = t.trend.byYear[0];
        const last = t.trend.byYear.at(-1);
        parts.push(
          `${t.trend.direction}: ${countOfQuestions(last?.questions ?? 0)} in ${last?.year} vs ${first?.questions ?? 0} in ${first?.year}`,
        );
      }
      if (t.avgPoints > 0) parts.push(`worth ${t.avgPoints} points on average`);
      return { topicId: t.topicId, name: t.name, score, reasoning: `${parts.join('; ')}.` };
    })
    .sort((a, b) => b.score - a.score || a.topicId.localeCompare(b.topicId))
    .map((entry, i) => ({ rank: i + 1, ...entry }));

  const difficultyDistribution = [1, 2, 3, 4, 5].map((difficulty) => {
    const n = questions.filter((q) => q.difficulty === difficulty).length;
    return { difficulty, questions: n, share: questions.length === 0 ? 0 : round(n / questions.length) };
  });

  const examTypes = [...new Set(input.exams.map((e) => e.examType))].sort();
  const examShape = examTypes.map((examType) => {
    const exams = input.exams.filter((e) => e.examType === examType);
    const counts = exams.map((e) => questions.filter((q) => q.examId === e.id).length);
    return {
      examType,
      exams: exams.length,
      averageQuestionCount: round(counts.reduce((s, n) => s + n, 0) / exams.length, 1),
      averageTotalPoints: round(exams.reduce((s, e) => s + (e.totalPoints ?? 0), 0) / exams.length, 1),
    };
  });

  return { examCount, years, topics, topPatterns, likelihood, difficultyDistribution, examShape };
}

const countOfQuestions = (n: number) => `${n} ${n === 1 ? 'question' : 'questions'}`;
