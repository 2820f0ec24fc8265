import type { DialectName } from '../../src/db/connection.js';
import type { DatabasePlace } from './db.js';

/** One contender's figures in a scenario (medians over the rounds). */
export interface Contender {
  name: string;
  /** Requests (or operations) per second. */
  rps?: number;
  p50Ms?: number;
  p99Ms?: number;
  /** This contender over the scenario's baseline (throughput; for latency-only scenarios, latency). */
  ratio?: number;
  /** p99 over the baseline's p99. */
  p99Ratio?: number;
  baseline?: boolean;
  [extra: string]: unknown;
}

export interface ScenarioResult {
  /** e.g. `read: GET /api/courses/calc2/topics [sqlite]`. */
  name: string;
  scenario: 'read' | 'write' | 'login' | 'scale' | 'chat' | 'cpu' | 'web';
  dialect?: DialectName;
  contenders: Contender[];
  /** What the target is, in words, and whether this run met it. */
  target?: string;
  met?: boolean;
  notes?: string[];
}

export interface BenchSettings {
  quick: boolean;
  rounds: number;
  warmupS: number;
  durationS: number;
  serverCore: number;
  loadCore: number;
  dialects: DialectName[];
  place: DatabasePlace;
  logDir: string;
  /** A PBKDF2 hash of BENCH_PASSWORD at 600k iterations, shared by every bench user. */
  passwordHash: string;
  /** Another built checkout (its dist/) to measure next to this one on the read and write paths: before vs after. */
  compareDist?: { dir: string; label: string };
  log(message: string): void;
}
