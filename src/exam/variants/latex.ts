import { all, create } from 'mathjs';
import { toMathjs } from '../content/checks.js';

const math = create(all!, { predictable: true });

/**
 * LaTeX for a plain-math expression (the bank's syntax), for generated question text, answers and options.
 * mathjs writes the structure; the rewrites make it read as a teacher writes it (`\arcsin`, `C`, no `~` spacing)
 * and keep it in the subset the grader reads back (the displayed answer is graded as an answer, see verify.ts).
 */
export function toLatex(plain: string): string {
  let latex = cache.get(plain);
  if (latex === undefined) {
    if (cache.size >= CACHE_SIZE) cache.clear();
    latex = render(plain);
    cache.set(plain, latex);
  }
  return latex;
}

// A generator writes the same expressions again for the same parameters (building, then verifying); mathjs's parse
// and toTex are the slowest part of building a variant.
const CACHE_SIZE = 5000;
const cache = new Map<string, string>();

function render(plain: string): string {
  return math
    .parse(toMathjs(plain))
    .toTex({ implicit: 'hide', parenthesis: 'auto' })
    .replace(/~/g, ' ')
    .replace(/\\mathrm\{([A-Za-z])\}/g, '$1')
    .replace(/\{ ?([A-Za-z])\}/g, ' $1')
    .replace(/\\cdot/g, ' \\cdot ')
    .replace(/\\left\( ?([A-Za-z0-9])\\right\)/g, '($1)')
    .replace(/\\(sin|cos|tan)\^\{-1\}/g, '\\arc$1')
    .replace(/\\mathrm\{(sec|csc|cot)\}/g, '\\$1')
    .replace(/ +/g, ' ')
    .replace(/\{ /g, '{')
    .replace(/\( /g, '(')
    .replace(/\\left\| /g, '\\left|')
    .trim();
}

/** `$...$` around the LaTeX of a plain-math expression. */
export function tex(plain: string): string {
  return `$${toLatex(plain)}$`;
}
