// `tauflow info [--json]`: the package, the native binary in use and where it was loaded from,
// threads, and whether CUDA is compiled in and usable here (and why not).
import type { Command } from 'commander';
import { info, type TauflowInfo } from '../info.js';

/** The human-readable form of info(), one fact per line. */
export function formatInfo(i: TauflowInfo): string {
  const devices = i.cuda.devices.length
    ? i.cuda.devices
        .map(
          (d) =>
            `#${d.index} ${d.name} (sm ${d.computeCapability}, ${(d.totalMemory / 2 ** 30).toFixed(1)} GiB)`,
        )
        .join(', ')
    : 'none';
  const lines = [
    `tauflow ${i.version} on Node ${i.nodeVersion} (${i.platform}, Node-API ${i.nodeNapiVersion})`,
    `binary:   ${i.binary.path}`,
    `          ${i.binary.source}, Node-API ${i.napiVersion}, built with ${i.binary.compiler}`,
    `threads:  ${i.threads}`,
    `cuda:     ${i.cuda.compiled ? `compiled in (runtime ${i.cuda.runtimeVersion})` : 'not compiled in'}`,
    `driver:   ${i.cuda.driverVersion ? `supports CUDA ${i.cuda.driverVersion}` : 'none'}`,
    `devices:  ${devices}`,
  ];
  if (i.cuda.reason) lines.push(`          CPU only: ${i.cuda.reason}`);
  return lines.join('\n');
}

export function registerInfoCommand(program: Command): void {
  program
    .command('info')
    .description(
      'show the package version, the native binary in use and where it came from, CUDA and threads',
    )
    .option('--json', 'print one JSON object')
    .action((opts: { json?: boolean }) => {
      const i = info();
      process.stdout.write(opts.json ? `${JSON.stringify(i, null, 2)}\n` : `${formatInfo(i)}\n`);
    });
}
