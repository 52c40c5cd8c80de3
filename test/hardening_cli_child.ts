// Child process for the trainer fault tests: the tauflow CLI from source (bin/tauflow.js needs
// the compiled dist/), with bin/tauflow.js's error handling: an error main() does not turn into
// a usage error is printed as one line and exits 1.
//   node --import tsx test/hardening_cli_child.ts train --out DIR ...
import { main } from '../src/cli/main.js';

try {
  process.exitCode = await main(['node', 'tauflow', ...process.argv.slice(2)]);
} catch (err) {
  console.error(`tauflow: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
