// `tauflow eval --checkpoint PATH [data flags] [--on val|test|all] [--json]`: exact tau-b,
// Spearman, Pearson and MSE of a trained model.
import type { Command } from 'commander';
import { addModelDataOptions, type ModelDataFlags, predictFromFlags } from './predict_command.js';

export function registerEvalCommand(program: Command): void {
  const command = program
    .command('eval')
    .description('evaluate a trained model: Kendall tau-b, Spearman, Pearson, MSE');
  addModelDataOptions(command, 'all');
  command.option('--json', 'print one JSON object');
  command.action(async (flags: ModelDataFlags & { json?: boolean }) => {
    const { source, data, results } = await predictFromFlags(flags);
    const out: Record<string, unknown> = { checkpoint: source, data: data.description };
    for (const [name, e] of results) out[name] = e.metrics;
    if (data.ceilingTau !== undefined) out.ceilingTau = data.ceilingTau;
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      return;
    }
    const lines = [`${source} on ${data.description}`, 'split    n      tau-b    spearman  pearson   mse'];
    for (const [name, e] of results) {
      const m = e.metrics;
      lines.push(
        `${name.padEnd(8)} ${String(m.n).padEnd(6)} ${m.kendall.toFixed(4).padStart(7)}  ${m.spearman.toFixed(4).padStart(8)}  ${m.pearson.toFixed(4).padStart(7)}  ${m.mse.toFixed(4)}`,
      );
    }
    if (data.ceilingTau !== undefined) lines.push(`ceiling tau ${data.ceilingTau.toFixed(4)}`);
    process.stdout.write(`${lines.join('\n')}\n`);
  });
}
