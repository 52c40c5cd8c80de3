// Benchmark: forward+backward of the fused softKendall op vs the naive tfjs composition
// (bench/soft_kendall_naive.ts: n×n broadcast + autograd) on the same backend, wasm and cpu.
//   npx tsx bench/soft_kendall.bench.ts            the whole grid (results → bench/RESULTS.md by hand)
//   npx tsx bench/soft_kendall.bench.ts --quick    n = 256 only (a smoke run)
// Each measurement runs in its own child process, so its peak RSS (getrusage maxrss) is its own;
// "extra" is that peak minus the RSS after setup (backend ready, inputs made, before the first
// step), i.e. what the steps cost on top of the inputs. Inputs: seeded, tanh surrogate, tau-b.
// The fused op accumulates in double; the naive composition sums n² float32 terms, so the two
// values drift apart by ~1e-3 at n = 4096 (the float64 reference agrees with the fused value).
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

interface Config {
  impl: 'fused' | 'naive';
  backend: 'wasm' | 'cpu';
  batch: number;
  n: number;
}
interface Measurement extends Config {
  msPerStep: number;
  /** process CPU time (user + system, all threads) per step: what the step costs when the machine is shared */
  cpuMsPerStep: number;
  reps: number;
  peakRssMiB: number;
  extraRssMiB: number;
  value: number;
}

async function child(c: Config): Promise<Measurement> {
  const tf = await import('@tensorflow/tfjs-core');
  await import('@tensorflow/tfjs-backend-cpu');
  await import('@tensorflow/tfjs-backend-wasm');
  const { softKendall } = await import('../src/tfjs/index.js');
  const { naiveSoftKendall } = await import('./soft_kendall_naive.js');
  await tf.setBackend(c.backend);
  // seeded inputs: targets with ties (1 decimal), predictions correlated with them
  let s = 12345;
  const rand = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const size = c.batch * c.n;
  const target = new Float32Array(size);
  const pred = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    target[i] = Math.round((2.4 + 7 * rand() ** 3) * 10) / 10;
    pred[i] = 0.2 * target[i] + rand();
  }
  const shape = c.batch === 1 ? [c.n] : [c.batch, c.n];
  const yPred = tf.tensor(pred, shape);
  const yTrue = tf.tensor(target, shape);
  const options = {
    surrogate: 'tanh',
    alpha: 10,
    margin: 1,
    weighting: 'none',
    normalization: 'tau-b',
  } as const;
  const f =
    c.impl === 'fused'
      ? (p: import('@tensorflow/tfjs-core').Tensor) =>
          tf.sum(softKendall(p, yTrue, { ...options, device: 'cpu' }))
      : (p: import('@tensorflow/tfjs-core').Tensor) => tf.sum(naiveSoftKendall(p, yTrue, options));
  const step = () => {
    const { value, grad } = tf.valueAndGrad(f)(yPred);
    grad.dataSync(); // wait for the backend to finish
    const v = value.dataSync()[0];
    tf.dispose([value, grad]);
    return v;
  };
  const setupRss = process.memoryUsage().rss; // backend ready, inputs made, nothing run yet
  const t0 = performance.now();
  const value = step(); // warm-up (kernel compilation, allocations)
  const warmMs = performance.now() - t0;
  const reps = Math.max(1, Math.min(20, Math.floor(3000 / Math.max(warmMs, 1))));
  const times: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let r = 0; r < reps; r++) {
    const t = performance.now();
    step();
    times.push(performance.now() - t);
  }
  const cpu = process.cpuUsage(cpu0);
  times.sort((a, b) => a - b);
  const peak = process.resourceUsage().maxRSS * 1024;
  return {
    ...c,
    msPerStep: times[Math.floor(times.length / 2)],
    cpuMsPerStep: (cpu.user + cpu.system) / 1000 / reps,
    reps,
    peakRssMiB: peak / 2 ** 20,
    extraRssMiB: Math.max(0, peak - setupRss) / 2 ** 20,
    value,
  };
}

function runChild(c: Config): Measurement | { error: string } {
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, [...process.execArgv, self, '--child', JSON.stringify(c)], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
  if (r.status !== 0 || line === undefined) {
    const lines = (r.stderr || r.stdout).split('\n');
    const why = lines.find((l) => /Error/.test(l)) ?? lines.filter((l) => l.trim()).slice(-1)[0] ?? '';
    return { error: `exit ${r.status ?? r.signal}: ${why.trim()}` };
  }
  return JSON.parse(line) as Measurement;
}

const fmtMs = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') {
    console.log(JSON.stringify(await child(JSON.parse(argv[1]) as Config)));
    return;
  }
  const quick = argv.includes('--quick');
  const shapes = quick
    ? [{ batch: 1, n: 256 }]
    : [
        { batch: 1, n: 256 },
        { batch: 1, n: 1024 },
        { batch: 1, n: 4096 },
        { batch: 64, n: 128 },
      ];
  const { native } = await import('../src/native.js');
  console.log(
    `# softKendall fwd+bwd, fused vs naive tfjs composition (threads: ${native().buildInfo().threads})`,
  );
  console.log(
    `load average at start: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(
    '| backend | B × n | fused ms/step | naive ms/step | speed-up | fused peak / extra RSS MiB | naive peak / extra RSS MiB |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const backend of ['wasm', 'cpu'] as const) {
    for (const { batch, n } of shapes) {
      const fused = runChild({ impl: 'fused', backend, batch, n });
      const naive = runChild({ impl: 'naive', backend, batch, n });
      const cell = (m: Measurement | { error: string }) =>
        'error' in m
          ? `failed (${m.error})`
          : `${fmtMs(m.msPerStep)} (cpu ${fmtMs(m.cpuMsPerStep)}, ×${m.reps})`;
      const mem = (m: Measurement | { error: string }) =>
        'error' in m ? '—' : `${m.peakRssMiB.toFixed(0)} / ${m.extraRssMiB.toFixed(1)}`;
      const ratio =
        'error' in fused || 'error' in naive ? '—' : `${(naive.msPerStep / fused.msPerStep).toFixed(1)}×`;
      if (!('error' in fused) && !('error' in naive) && Math.abs(fused.value - naive.value) > 5e-3 * batch)
        console.log(`!! values differ: fused ${fused.value}, naive ${naive.value}`);
      console.log(
        `| ${backend} | ${batch} × ${n} | ${cell(fused)} | ${cell(naive)} | ${ratio} | ${mem(fused)} | ${mem(naive)} |`,
      );
    }
  }
  if (!quick) {
    // n = 65,536: 2.1e9 pairs (i < j); the naive path would need [n, n] float32 tensors of 16 GiB each.
    const big = runChild({ impl: 'fused', backend: 'wasm', batch: 1, n: 65536 });
    if ('error' in big) console.log(`fused n = 65536 failed: ${big.error}`);
    else
      console.log(
        `\nfused, wasm backend, n = 65,536: ${fmtMs(big.msPerStep)} ms per fwd+bwd (CPU time ${fmtMs(big.cpuMsPerStep)} ms, ×${big.reps}), ` +
          `peak RSS ${big.peakRssMiB.toFixed(0)} MiB (extra ${big.extraRssMiB.toFixed(1)} MiB), ` +
          `${((65536 * 65535) / 2 / (big.msPerStep / 1000) / 1e9).toFixed(2)} G pairs/s`,
      );
  }
}

await main();
