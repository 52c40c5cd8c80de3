import type { Command } from 'commander';
import { info } from '../info.js';

export function registerInfoCommand(program: Command): void {
  program
    .command('info')
    .description('show the package version, the native binary in use, CUDA and threads')
    .option('--json', 'print one JSON object')
    .action((opts: { json?: boolean }) => {
      const i = info();
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(i, null, 2)}\n`);
        return;
      }
      const devices = i.cuda.devices.length
        ? i.cuda.devices.map((d) => `${d.name} (sm ${d.computeCapability})`).join(', ')
        : `none${i.cuda.error ? ` (${i.cuda.error})` : ''}`;
      const lines = [
        `tauflow ${i.version} on Node ${i.nodeVersion} (${i.platform}), Node-API ${i.napiVersion}`,
        `binary:   ${i.binary.path} [${i.binary.source}]`,
        `threads:  ${i.threads}`,
        `cuda:     ${i.cuda.compiled ? `compiled in (runtime ${i.cuda.runtimeVersion})` : 'not compiled in'}`,
        `driver:   ${i.cuda.driverVersion ?? 'none'}`,
        `devices:  ${devices}`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
