import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runGradeCommand } from './cli.js';

async function run(
  argv: string[],
): Promise<{ code: number; output: string; json: Record<string, unknown> | undefined }> {
  const lines: string[] = [];
  const code = await runGradeCommand(argv, (line) => lines.push(line));
  const output = lines.join('\n');
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(lines[0] ?? '');
  } catch {
    json = undefined;
  }
  return { code, output, json };
}

describe('pathwise grade', () => {
  it('exits 0 and prints the verdict as JSON for a correct answer', async () => {
    const r = await run(['--kind', 'antiderivative', '--expected', 'x^2/2 + C', '--answer', '\\frac{x^2}{2}+K']);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ kind: 'antiderivative', correct: true, outcome: 'correct', feedback: 'Correct.' });
  });

  it('exits 1 for an incorrect answer, with the outcome and feedback', async () => {
    const r = await run(['--kind', 'antiderivative', '--expected', 'x^2/2 + C', '--answer', 'x^2/2']);
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({ correct: false, outcome: 'missing_constant' });
    expect(String(r.json?.feedback)).toMatch(/\+ C/);
  });

  it('exits 2 for unparsable input, naming where it failed', async () => {
    const r = await run(['--kind', 'expression', '--expected', 'x^2', '--answer', 'x^']);
    expect(r.code).toBe(2);
    expect(r.json).toMatchObject({ outcome: 'unparsable', parseError: { position: 2 } });
  });

  it('takes --var (repeated or comma-separated), --domain, --seed and --flag=value', async () => {
    const r = await run([
      '--kind=expression',
      '--expected=ln|x|',
      '--answer=ln(x)',
      '--var',
      'x',
      '--domain',
      'x=0.5:3',
      '--seed',
      '7',
    ]);
    expect(r.json).toMatchObject({ outcome: 'correct' });
    expect((await run(['--kind', 'expression', '--expected', 'x*y', '--answer', 'y*x', '--var', 'x,y'])).code).toBe(0);
  });

  it('without --var the variables are the letters of the expected answer', async () => {
    const r = await run(['--kind', 'expression', '--expected', 'x^2', '--answer', 't^2']);
    expect(r.json).toMatchObject({ outcome: 'wrong_variable' });
  });

  it('prints help and rejects bad usage with exit 2', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.output).toMatch(/--kind/);
    for (const argv of [
      [],
      ['--kind', 'mcq', '--expected', 'a', '--answer', 'a'],
      ['--kind', 'number', '--expected', '1'],
      ['--bogus', '1'],
      ['--domain', 'x=3:1', '--kind', 'number', '--expected', '1', '--answer', '1'],
    ]) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.json?.error, argv.join(' ')).toBeTruthy();
    }
  });

  it('reports an unusable --expected as an error, exit 2', async () => {
    const r = await run(['--kind', 'expression', '--expected', 'sqrt(-1 - x^2)', '--answer', 'x']);
    expect(r.code).toBe(2);
    expect(String(r.json?.error)).toMatch(/undefined/);
  });

  it('takes an expected antiderivative without a constant (implied), as STACK does', async () => {
    const r = await run(['--kind', 'antiderivative', '--expected', 'x^2/2', '--answer', 'x^2/2 + C']);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ outcome: 'correct' });
  });

  it('runs as `pathwise grade` from one bundled file (no tsx), with the exit code of the verdict', async () => {
    const bin = fileURLToPath(new URL('../../../bin/pathwise.js', import.meta.url));
    // Waits for each process to exit; how long that takes depends on the machine, so nothing here is timed.
    const pathwise = (...args: string[]) =>
      new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
        const child = execFile(process.execPath, [bin, 'grade', ...args], { encoding: 'utf8' }, (error, stdout) =>
          error && typeof error.code !== 'number' ? reject(error) : resolve({ code: child.exitCode, stdout }),
        );
      });
    const correct = await pathwise('--kind', 'set', '--expected', '{-1, 2}', '--answer', '{2, -1}');
    expect(correct.code).toBe(0);
    expect(JSON.parse(correct.stdout)).toMatchObject({ correct: true, outcome: 'correct' });
    expect((await pathwise('--kind', 'number', '--expected', '1/3', '--answer', '0.3')).code).toBe(1);
    expect((await pathwise('--kind', 'expression', '--expected', 'x^2', '--answer', 'x^')).code).toBe(2);
  });
});
