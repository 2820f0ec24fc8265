import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** The repository root (bench/ lives in it). */
export const repoRoot = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');

/** Which cores exist; the bench wants two: the server on the first, the load generator on the second. */
export function cpuCores(): number[] {
  const out = execFileSync('taskset', ['-pc', String(process.pid)], { encoding: 'utf8' });
  const list = out.split(':').at(-1)?.trim() ?? '0';
  const cores: number[] = [];
  for (const part of list.split(',')) {
    const [lo, hi] = part.split('-').map(Number);
    for (let c = lo!; c <= (hi ?? lo!); c++) cores.push(c);
  }
  return cores;
}

/** Pins every thread of this process (the load generator) to `core`; threads made later inherit it. */
export function pinSelf(core: number): void {
  execFileSync('taskset', ['-a', '-p', '-c', String(core), String(process.pid)], { stdio: 'ignore' });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface ServerProcess {
  name: string;
  url: string;
  pid: number;
  /** Resident set size of the server process, in MB (from /proc). */
  rssMb(): number;
  stop(): Promise<void>;
}

export interface StartOptions {
  name: string;
  /** Node arguments: the script and its flags. */
  args: string[];
  env: Record<string, string>;
  core: number;
  /** Where the server's stdout/stderr go (kept for a failed run). */
  logDir: string;
  /** A path that answers 200 once the server is ready. */
  readyPath?: string;
  port?: number;
}

/** Starts a Node server pinned to one core (`taskset -c`) and waits until it answers. */
export async function startServer(options: StartOptions): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const logFile = join(options.logDir, `${options.name.replace(/[^a-z0-9]+/gi, '-')}-${port}.log`);
  const log = createWriteStream(logFile);
  const child: ChildProcess = spawn('taskset', ['-c', String(options.core), process.execPath, ...options.args], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...options.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  let exited: number | null | undefined;
  child.on('exit', (code) => {
    exited = code;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited !== undefined) {
      throw new Error(`${options.name} exited with ${exited} before it was ready; see ${logFile}:\n${tail(logFile)}`);
    }
    try {
      const res = await fetch(`${url}${options.readyPath ?? '/health'}`);
      await res.arrayBuffer();
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${options.name} did not answer within 60 s; see ${logFile}`);
    await sleep(50);
  }
  const pid = child.pid ?? 0;
  return {
    name: options.name,
    url,
    pid,
    rssMb: () => {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      return kb / 1024;
    },
    stop: async () => {
      if (exited !== undefined) return;
      const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await done;
      clearTimeout(timer);
      log.end();
    },
  };
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return '';
  }
}

/** CPU time (user + system, all threads) a process has used so far, in ms; 0 when it is gone. */
export function cpuTimeMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
