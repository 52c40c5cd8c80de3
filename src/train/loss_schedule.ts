// Which loss trains which epoch. A schedule is a list of phases "loss:epochs":
//  - constant:    one loss throughout ("mse")
//  - staged:      each phase once, the last one for the rest ("kendall:3,mse": 3 epochs of
//                 kendall, then mse)
//  - alternating: the phases repeat ("kendall:2,mse:1": the IDE RankNet recipe).
import { UsageError } from '../cli/usage_error.js';

export const lossNames = ['mse', 'kendall', 'joint', 'logRatio', 'softmaxKL'] as const;
export type LossName = (typeof lossNames)[number];

export interface LossPhase {
  loss: LossName;
  /** epochs in this phase; Infinity for a staged schedule's open-ended last phase */
  epochs: number;
}

export interface LossSchedule {
  kind: 'constant' | 'staged' | 'alternating';
  phases: LossPhase[];
}

/** Recipes for the bare names `staged` and `alternating`. */
export const defaultSchedules: Record<'staged' | 'alternating', string> = {
  staged: 'staged:kendall:3,mse',
  alternating: 'alternating:kendall:2,mse:1',
};

function parseLoss(name: string, spec: string): LossName {
  if (!(lossNames as readonly string[]).includes(name))
    throw new UsageError(`unknown loss "${name}" in "${spec}" (known: ${lossNames.join(', ')})`);
  return name as LossName;
}

/**
 * Parses a loss name or a schedule: "mse", "staged", "alternating",
 * "staged:kendall:3,mse", "alternating:kendall:2,mse:1".
 *
 * @example
 * parseLossSchedule('alternating:kendall:2,mse:1');
 * // { kind: 'alternating', phases: [{ loss: 'kendall', epochs: 2 }, { loss: 'mse', epochs: 1 }] }
 */
export function parseLossSchedule(spec: string): LossSchedule {
  const text = spec.trim();
  if (text === 'staged' || text === 'alternating') return parseLossSchedule(defaultSchedules[text]);
  const head = text.split(':')[0];
  if (head !== 'staged' && head !== 'alternating') {
    if (text.includes(':') || text.includes(','))
      throw new UsageError(
        `"${spec}" is not a loss or a schedule (write e.g. "kendall", "staged:kendall:3,mse" or "alternating:kendall:2,mse:1")`,
      );
    return { kind: 'constant', phases: [{ loss: parseLoss(text, spec), epochs: Number.POSITIVE_INFINITY }] };
  }
  const body = text.slice(head.length + 1);
  const parts = body.split(',').map((p) => p.trim());
  if (!body || parts.some((p) => !p)) throw new UsageError(`schedule "${spec}" has an empty phase`);
  const phases = parts.map((part, i): LossPhase => {
    const [name, count, ...rest] = part.split(':');
    if (rest.length) throw new UsageError(`phase "${part}" of "${spec}" should be LOSS:EPOCHS`);
    const loss = parseLoss(name, spec);
    if (count === undefined) {
      if (head === 'staged' && i === parts.length - 1) return { loss, epochs: Number.POSITIVE_INFINITY };
      throw new UsageError(`phase "${part}" of "${spec}" needs an epoch count (LOSS:EPOCHS)`);
    }
    const epochs = Number(count);
    if (!Number.isInteger(epochs) || epochs < 1)
      throw new UsageError(`phase "${part}" of "${spec}" needs a whole number of epochs ≥ 1`);
    return { loss, epochs };
  });
  return { kind: head, phases };
}

/** The loss for a 0-based epoch. */
export function lossForEpoch(schedule: LossSchedule, epoch: number): LossName {
  const { phases } = schedule;
  if (schedule.kind === 'alternating') {
    const cycle = phases.reduce((a, p) => a + p.epochs, 0);
    let e = epoch % cycle;
    for (const p of phases) {
      if (e < p.epochs) return p.loss;
      e -= p.epochs;
    }
  }
  let e = epoch;
  for (const p of phases) {
    if (e < p.epochs) return p.loss;
    e -= p.epochs;
  }
  return phases[phases.length - 1].loss;
}

/** "kendall:2,mse:1 (alternating)" — for logs and reports. */
export function describeSchedule(schedule: LossSchedule): string {
  if (schedule.kind === 'constant') return schedule.phases[0].loss;
  const phases = schedule.phases.map((p) => (Number.isFinite(p.epochs) ? `${p.loss}:${p.epochs}` : p.loss));
  return `${schedule.kind}:${phases.join(',')}`;
}
