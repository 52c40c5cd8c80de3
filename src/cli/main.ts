// The tauflow CLI. Each command lives in its own module and registers itself on the program;
// usage errors (bad flags, bad files) print one line and exit with code 2.
import { Command, CommanderError } from 'commander';
import { registerEvalCommand } from './eval_command.js';
import { registerExperimentCommand } from './experiment_command.js';
import { registerInfoCommand } from './info_command.js';
import { registerPredictCommand } from './predict_command.js';
import { registerSynthCommand } from './synth_command.js';
import { registerTauCommand } from './tau_command.js';
import { registerTrainCommand } from './train_command.js';
import { UsageError } from './usage_error.js';

export function buildProgram(): Command {
  const program = new Command('tauflow')
    .description(
      'Exact rank correlations, a fused Kendall-surrogate loss for tfjs, and a difficulty-regression trainer',
    )
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerInfoCommand(program);
  registerSynthCommand(program);
  registerTrainCommand(program);
  registerTauCommand(program);
  registerEvalCommand(program);
  registerPredictCommand(program);
  registerExperimentCommand(program);
  return program;
}

/** Runs the CLI; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  for (const c of program.commands) c.exitOverride();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version requests are not failures.
      if (
        err.code === 'commander.helpDisplayed' ||
        err.code === 'commander.version' ||
        err.code === 'commander.help'
      )
        return 0;
      return 2;
    }
    if (err instanceof UsageError || err instanceof TypeError || err instanceof RangeError) {
      process.stderr.write(`tauflow: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}
