// The native scratch arena: large work buffers (kendallTau's sort records, kendallTauAsync's input
// copies) are kept between calls so that repeated calls do not page-fault fresh memory each time
// (about a third of the CPU time of a 1e7-row kendallTau on the VMs we measured). Policy: idle
// blocks are kept up to `limitBytes` in all (default 512 MiB) and unmapped after `idleMs` without
// use (default 60 s) or at once by releaseScratch(). Results never depend on reuse.
import type { NativeScratchInfo } from '../binding.js';
import { native } from './native.js';
import { checkOptions, integerIn, typeError } from './validate.js';

export type ScratchInfo = NativeScratchInfo;

export interface ScratchPolicy {
  /** largest total of idle scratch kept between calls, in bytes (0 = keep nothing) */
  limitBytes?: number;
  /** unmap idle scratch after this many milliseconds without use (0 = never) */
  idleMs?: number;
}

/**
 * Unmap the idle scratch buffers now (e.g. after a batch of large kendallTau calls) and return
 * the bytes freed. Buffers in use by running calls are not affected.
 * @example
 * import { kendallTau, releaseScratch } from 'tauflow';
 * kendallTau(x, y);
 * const freed = releaseScratch(); // 320 MB after a 1e7-row call
 */
export function releaseScratch(): number {
  return native().releaseScratch();
}

/**
 * What the scratch arena holds now and its policy.
 * @example
 * import { scratchInfo } from 'tauflow';
 * console.log(scratchInfo().cachedBytes);
 */
export function scratchInfo(): ScratchInfo {
  return native().scratchInfo();
}

const KNOWN = ['limitBytes', 'idleMs'] as const;
// 2^53 - 1 bytes / ms: far beyond any real value, still exact as a double.
const MAX = Number.MAX_SAFE_INTEGER;

/**
 * Change the scratch policy for this process; omitted fields keep their current value. Idle
 * buffers beyond a lowered limit are unmapped at once. Returns the new state.
 * @example
 * import { setScratchPolicy } from 'tauflow';
 * setScratchPolicy({ limitBytes: 0 }); // never keep scratch between calls
 * setScratchPolicy({ limitBytes: 1 << 30, idleMs: 5_000 });
 */
export function setScratchPolicy(policy: ScratchPolicy): ScratchInfo {
  const fn = 'setScratchPolicy';
  if (policy === undefined) throw typeError(fn, 'policy', 'an object', policy);
  const o = checkOptions<ScratchPolicy>(fn, policy, KNOWN);
  const now = native().scratchInfo();
  const limitBytes = integerIn(fn, 'limitBytes', o.limitBytes, 0, MAX, now.limitBytes);
  const idleMs = integerIn(fn, 'idleMs', o.idleMs, 0, MAX, now.idleMs);
  return native().setScratchPolicy(limitBytes, idleMs);
}
