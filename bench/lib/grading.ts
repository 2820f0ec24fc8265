import { type GradeInput, gradeAnswer } from '../../src/exam/grading/grade.js';

/** A representative mix of checks (one per kind, plain and LaTeX), for benchmarks. */
export const benchmarkInputs: readonly GradeInput[] = [
  { kind: 'antiderivative', expected: 'x*e^(2x)/2 - e^(2x)/4 + C', answer: '\\frac{(2x-1)e^{2x}}{4} + K' },
  { kind: 'antiderivative', expected: 'sin(x)^2/2 + C', answer: '-cos^2(x)/2 + C' },
  { kind: 'expression', expected: '2x*y + y^2', answer: 'y(2x + y)' },
  { kind: 'number', expected: '1/3', answer: '0.3333' },
  { kind: 'equation', expected: '2x + y - z = 4', answer: 'z = 2x + y - 4' },
  { kind: 'interval', expected: '(-1, 3]', answer: '-1 < x <= 3' },
  { kind: 'vector', expected: '<1, 2, 3>', answer: '(1,2,3)' },
  { kind: 'set', expected: '{-1, 2}', answer: '{2, -1}' },
  { kind: 'convergence', expected: 'converges absolutely', answer: 'converges' },
];

/**
 * Benchmark hook: grades `inputs` round-robin `iterations` times and reports time per check. Cheap enough to
 * call gradeAnswer in a loop directly too (expected answers are parsed once and cached).
 */
export function benchmarkGrading(
  iterations = 1000,
  inputs: readonly GradeInput[] = benchmarkInputs,
): { iterations: number; totalMs: number; msPerCheck: number } {
  const start = performance.now();
  for (let i = 0; i < iterations; i++) gradeAnswer(inputs[i % inputs.length]!);
  const totalMs = performance.now() - start;
  return { iterations, totalMs, msPerCheck: totalMs / Math.max(1, iterations) };
}
