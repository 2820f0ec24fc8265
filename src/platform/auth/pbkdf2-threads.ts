/**
 * PBKDF2 on Node in two worker threads that lower their own OS priority (nice 19; on Linux a thread has its own), so a stream of
 * logins takes the CPU the request path leaves over instead of a fair share of it. On a server with one core, Web
 * Crypto's hashing in libuv's thread pool competed with the event loop as an equal: read latency during logins grew
 * 2.4x at p99 (bench: docs/PERFORMANCE.md). Node modules are looked up at run time, so nothing Node-only is imported on
 * the request path; where they are missing (Workers), `pbkdf2OnThreads` is undefined and Web Crypto is used.
 */
import type { Worker } from 'node:worker_threads';

type WorkerThreads = typeof import('node:worker_threads');

const workerThreads = (
  globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }
).process?.getBuiltinModule?.('node:worker_threads') as WorkerThreads | undefined;

const THREADS = 2;
const NICE = 19;

// CommonJS, run with `eval: true`. The same bytes as Web Crypto's PBKDF2-SHA256 (the password as UTF-8).
const SOURCE = `
const { parentPort } = require('node:worker_threads');
const { pbkdf2Sync } = require('node:crypto');
try { require('node:os').setPriority(${NICE}); } catch {}
parentPort.on('message', (job) => {
  try {
    const hash = pbkdf2Sync(job.password, job.salt, job.iterations, job.bytes, 'sha256');
    parentPort.postMessage({ hash: new Uint8Array(hash.buffer, hash.byteOffset, hash.length) });
  } catch (error) {
    parentPort.postMessage({ error: String((error && error.message) || error) });
  }
});
`;

interface Job {
  password: string;
  salt: Uint8Array;
  iterations: number;
  bytes: number;
}

const idle: Worker[] = [];
let started = 0;
const waiting: Array<(worker: Worker) => void> = [];

function startThread(threads: WorkerThreads): Worker {
  const worker = new threads.Worker(SOURCE, { eval: true });
  worker.unref(); // never keeps the process alive
  started++;
  return worker;
}

async function acquire(threads: WorkerThreads): Promise<Worker> {
  const free = idle.pop();
  if (free) return free;
  if (started < THREADS) return startThread(threads);
  return new Promise((resolve) => waiting.push(resolve));
}

function release(worker: Worker): void {
  const next = waiting.shift();
  if (next) next(worker);
  else idle.push(worker);
}

function run(worker: Worker, job: Job): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: { hash?: Uint8Array; error?: string }) => {
      worker.off('error', onError);
      if (reply.hash) resolve(reply.hash);
      else reject(new Error(`PBKDF2 failed: ${reply.error}`));
    };
    const onError = (error: Error) => {
      worker.off('message', onMessage);
      reject(error);
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
    worker.postMessage(job);
  });
}

async function hashOnThread(threads: WorkerThreads, job: Job): Promise<Uint8Array> {
  const worker = await acquire(threads);
  try {
    const hash = await run(worker, job);
    release(worker);
    return hash;
  } catch (error) {
    // A thread that failed is not reused; the next hash starts a fresh one.
    started--;
    void worker.terminate();
    const next = waiting.shift();
    if (next) void acquire(threads).then(next);
    throw error;
  }
}

/** PBKDF2-SHA256 of `password` on a low-priority worker thread (Node), or undefined where there are none. */
export const pbkdf2OnThreads: ((job: Job) => Promise<Uint8Array>) | undefined = workerThreads
  ? (job) => hashOnThread(workerThreads, job)
  : undefined;
