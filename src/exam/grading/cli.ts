import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { type AnswerKind, answerKinds } from '../content/schema.js';
import { ExpectedAnswerError, type GradeInput, gradeAnswer } from './grade.js';

export const gradeUsage = `Usage: pathwise grade --kind <kind> --expected "<answer>" --answer "<answer>" [--var x] [options]

Grades an answer the way students' answers are graded and prints the verdict and feedback as JSON.

  --kind <kind>        ${answerKinds.join(', ')}
  --expected <text>    the correct answer (plain math or LaTeX), e.g. "x^2/2 + C"
  --answer <text>      the answer to grade, e.g. "\\frac{x^2}{2} + K"
  --var <x>            a variable of the question (repeat, or x,y); default: the letters of --expected
  --domain <x=a:b>     sampling range of a variable (repeat); default [-2, 2]
  --seed <n>           seed of the random sample points
  -h, --help           this help

Exit code: 0 correct, 1 incorrect, 2 unparsable input (or a usage error).`;

class UsageError extends Error {}

function parseArgs(argv: string[]): GradeInput | 'help' {
  const values: Record<string, string[]> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help') return 'help';
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    if (!['kind', 'expected', 'answer', 'var', 'domain', 'seed'].includes(name))
      throw new UsageError(`unknown option --${name}`);
    let value: string | undefined;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      i++;
    }
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    values[name] = [...(values[name] ?? []), value];
  }
  const one = (name: string) => {
    const v = values[name];
    if (!v || v.length === 0) throw new UsageError(`--${name} is required`);
    if (v.length > 1) throw new UsageError(`--${name} is given more than once`);
    return v[0]!;
  };
  const kind = one('kind');
  if (!(answerKinds as readonly string[]).includes(kind))
    throw new UsageError(`--kind must be one of ${answerKinds.join(', ')}`);
  const input: GradeInput = { kind: kind as AnswerKind, expected: one('expected'), answer: one('answer') };
  const vars = (values.var ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  if (vars.length > 0) input.vars = vars;
  for (const d of values.domain ?? []) {
    const m = /^([A-Za-z]\w*)=(-?[\d.]+):(-?[\d.]+)$/.exec(d.trim());
    if (!m || Number(m[2]) >= Number(m[3])) throw new UsageError(`--domain must look like x=0.5:3, got "${d}"`);
    input.domain = { ...input.domain, [m[1]!]: [Number(m[2]), Number(m[3])] };
  }
  if (values.seed) {
    const seed = Number(one('seed'));
    if (!Number.isInteger(seed)) throw new UsageError('--seed must be an integer');
    input.seed = seed;
  }
  return input;
}

/**
 * The `grade` command for content authors: prints the GradeResult as JSON and returns the exit code
 * (0 correct, 1 incorrect, 2 unparsable input or usage error).
 */
export async function runGradeCommand(argv: string[], out: (line: string) => void): Promise<number> {
  let input: GradeInput | 'help';
  try {
    input = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    out(JSON.stringify({ error: error.message }, null, 2));
    out(gradeUsage);
    return 2;
  }
  if (input === 'help') {
    out(gradeUsage);
    return 0;
  }
  try {
    const result = gradeAnswer(input);
    out(JSON.stringify({ kind: input.kind, ...result }, null, 2));
    return result.correct ? 0 : result.outcome === 'unparsable' ? 2 : 1;
  } catch (error) {
    if (!(error instanceof ExpectedAnswerError)) throw error;
    out(JSON.stringify({ error: `--expected is not usable: ${error.message}` }, null, 2));
    return 2;
  }
}

function isMain(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}

if (isMain()) {
  runGradeCommand(process.argv.slice(2), (line) => console.log(line)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 2;
    },
  );
}
