// Shared by the hardening tests: run risky calls in a child Node process (so a native crash is a
// test failure, not a dead vitest worker), and a plain O(n^2) Kendall tau-b oracle in TypeScript.
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tauBNaive as exactTauB } from './helpers/tau_b_naive.js';

export const testDir = dirname(fileURLToPath(import.meta.url));
export const repoRoot = join(testDir, '..');

/** What one case did in the child: threw (with the error's class and message) or returned. */
export interface CaseOutcome {
  id: string;
  kind: 'threw' | 'returned' | 'crashed' | 'missing';
  name?: string;
  message?: string;
  /** the returned value, JSON-encoded with NaN/±Infinity as strings and typed arrays as arrays */
  value?: unknown;
}

export interface ChildRun {
  outcomes: Map<string, CaseOutcome>;
  code: number | null;
  signal: string | null;
  stderr: string;
}

/** How a child run ended and everything it printed. */
export interface TsxRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node [...execArgv] --import tsx test/SCRIPT ...args` from the repository root with stdout
 * and stderr collected. timeoutMs (none by default) SIGKILLs a child that outlives it; onSpawn
 * gets the child (e.g. to kill it at a chosen moment).
 * @example const r = await runTsx('hardening_cli_child.ts', ['info']); // r.code === 0
 */
export function runTsx(
  script: string,
  args: string[],
  opts: {
    timeoutMs?: number;
    env?: NodeJS.ProcessEnv;
    execArgv?: string[];
    uid?: number;
    gid?: number;
    onSpawn?: (child: ChildProcess) => void;
  } = {},
): Promise<TsxRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...(opts.execArgv ?? []), '--import', 'tsx', join(testDir, script), ...args],
      {
        cwd: repoRoot,
        env: { ...process.env, ...opts.env },
        stdio: ['ignore', 'pipe', 'pipe'],
        uid: opts.uid,
        gid: opts.gid,
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer =
      opts.timeoutMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    opts.onSpawn?.(child);
  });
}

/**
 * Runs `node --import tsx SCRIPT ...args` and collects the JSON lines it prints on stdout:
 * {"start": id} before each case and a CaseOutcome after it. A case that started but never
 * finished is reported as 'crashed' together with the exit signal and the tail of stderr.
 */
export async function runChild(
  script: string,
  args: string[],
  opts: { timeoutMs?: number; env?: NodeJS.ProcessEnv; execArgv?: string[] } = {},
): Promise<ChildRun> {
  const { code, signal, stdout, stderr } = await runTsx(script, args, {
    ...opts,
    timeoutMs: opts.timeoutMs ?? 60_000,
  });
  const outcomes = new Map<string, CaseOutcome>();
  let started: string | undefined;
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    const msg = JSON.parse(line) as { start?: string } & CaseOutcome;
    if (msg.start !== undefined) started = msg.start;
    else {
      outcomes.set(msg.id, msg);
      started = undefined;
    }
  }
  if (started !== undefined)
    outcomes.set(started, {
      id: started,
      kind: 'crashed',
      message: `child exited with code ${code} signal ${signal}: ${stderr.slice(-2000)}`,
    });
  return { outcomes, code, signal, stderr };
}

/** JSON with NaN, ±Infinity and typed arrays (first 64 elements) kept readable. */
export function encodeValue(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_k, v) => {
      if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
      if (typeof v === 'bigint') return `${v}n`;
      if (ArrayBuffer.isView(v) && !(v instanceof DataView))
        return Array.from(v as unknown as ArrayLike<number> as ArrayLike<number>).slice(0, 64);
      return v;
    }) ?? 'null',
  );
}

/** Kendall tau-b by the O(n^2) definition (helpers/tau_b_naive.ts), clamped to [-1, 1]; NaN when either side is constant. */
export function tauBNaive(x: ArrayLike<number>, y: ArrayLike<number>): number {
  return Math.max(-1, Math.min(1, exactTauB(x, y)));
}

export { rng } from './helpers/seeded_rng.js';
