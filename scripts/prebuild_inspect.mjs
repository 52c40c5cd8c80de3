#!/usr/bin/env node
// Inspect a built tauflow.node without CUDA tools: the shared libraries it needs (ELF DT_NEEDED)
// and the CUDA code embedded in its .nv_fatbin section (one cubin per SASS architecture, plus PTX).
// cuobjdump does the same job but ships only with the full CUDA toolkit (not with nvcc alone, and
// not in Debian main), so CI and the packaging test read the two ELF structures themselves.
//
//   node scripts/prebuild_inspect.mjs prebuilds/linux-x64/tauflow.node [--json]
//
// Layout notes (64-bit little-endian ELF only, which is what linux-x64 produces):
//  - section headers at e_shoff, e_shnum entries of e_shentsize; names in section e_shstrndx.
//  - .dynamic is an array of (d_tag: i64, d_val: u64); DT_NEEDED = 1 indexes into .dynstr.
//  - .nv_fatbin holds one or more fat binaries: header {u32 magic 0xBA55ED50, u16 version,
//    u16 headerSize, u64 bodySize}, then entries {u16 kind (1 PTX, 2 ELF), u16 version,
//    u32 headerSize, u64 payloadSize, ..., u32 smArch at +28, ...}; each entry's payload follows
//    its header.
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FATBIN_MAGIC = 0xba55ed50;
const KIND_NAMES = { 1: 'ptx', 2: 'elf' };

function sections(buf) {
  if (buf.readUInt32BE(0) !== 0x7f454c46) throw new Error('not an ELF file');
  if (buf[4] !== 2 || buf[5] !== 1) throw new Error('only 64-bit little-endian ELF is supported');
  const shoff = Number(buf.readBigUInt64LE(0x28));
  const shentsize = buf.readUInt16LE(0x3a);
  const shnum = buf.readUInt16LE(0x3c);
  const shstrndx = buf.readUInt16LE(0x3e);
  const raw = [];
  for (let i = 0; i < shnum; i++) {
    const o = shoff + i * shentsize;
    raw.push({
      nameOffset: buf.readUInt32LE(o),
      type: buf.readUInt32LE(o + 4),
      offset: Number(buf.readBigUInt64LE(o + 0x18)),
      size: Number(buf.readBigUInt64LE(o + 0x20)),
      link: buf.readUInt32LE(o + 0x28),
    });
  }
  const strtab = raw[shstrndx];
  const cstr = (base, at) => {
    const end = buf.indexOf(0, base + at);
    return buf.toString('latin1', base + at, end);
  };
  return raw.map((s) => ({ ...s, name: cstr(strtab.offset, s.nameOffset), cstr }));
}

function neededLibraries(buf, secs) {
  const dynamic = secs.find((s) => s.name === '.dynamic');
  if (!dynamic) return [];
  const dynstr = secs[dynamic.link];
  const out = [];
  for (let o = dynamic.offset; o + 16 <= dynamic.offset + dynamic.size; o += 16) {
    const tag = buf.readBigInt64LE(o);
    if (tag === 0n) break;
    if (tag === 1n) out.push(dynamic.cstr(dynstr.offset, Number(buf.readBigUInt64LE(o + 8))));
  }
  return out;
}

/** Highest GLIBC_x and GLIBCXX_x symbol versions referenced (ELF .gnu.version_r), e.g. "2.34". */
function requiredVersions(buf, secs) {
  const verneed = secs.find((s) => s.name === '.gnu.version_r');
  const best = {};
  if (!verneed) return { glibc: null, glibcxx: null };
  const strtab = secs[verneed.link];
  const newer = (a, b) => {
    const pa = a.split('.').map(Number);
    const pb = b.split('.').map(Number);
    for (let i = 0; i < Math.max(pa.length, pb.length); i++)
      if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) > (pb[i] ?? 0);
    return false;
  };
  // Verneed {u16 version, u16 count, u32 file, u32 aux, u32 next}; Vernaux {u32 hash,
  // u16 flags, u16 other, u32 name, u32 next}.
  let o = verneed.offset;
  for (;;) {
    const count = buf.readUInt16LE(o + 2);
    let a = o + buf.readUInt32LE(o + 8);
    for (let i = 0; i < count; i++) {
      const m = /^(GLIBC|GLIBCXX)_([0-9.]+)$/.exec(verneed.cstr(strtab.offset, buf.readUInt32LE(a + 8)));
      if (m && (!best[m[1]] || newer(m[2], best[m[1]]))) best[m[1]] = m[2];
      a += buf.readUInt32LE(a + 12);
    }
    const next = buf.readUInt32LE(o + 12);
    if (!next) break;
    o += next;
  }
  return { glibc: best.GLIBC ?? null, glibcxx: best.GLIBCXX ?? null };
}

function fatbinEntries(buf, secs) {
  const fat = secs.find((s) => s.name === '.nv_fatbin');
  if (!fat) return [];
  const entries = [];
  let o = fat.offset;
  const end = fat.offset + fat.size;
  while (o + 16 <= end) {
    if (buf.readUInt32LE(o) !== FATBIN_MAGIC) {
      o += 8; // fat binaries are 8-byte aligned; skip padding between them
      continue;
    }
    const headerSize = buf.readUInt16LE(o + 6);
    const bodySize = Number(buf.readBigUInt64LE(o + 8));
    let e = o + headerSize;
    const bodyEnd = e + bodySize;
    while (e + 32 <= bodyEnd) {
      const kind = buf.readUInt16LE(e);
      const entryHeader = buf.readUInt32LE(e + 4);
      const payload = Number(buf.readBigUInt64LE(e + 8));
      const sm = buf.readUInt32LE(e + 28);
      entries.push({ kind: KIND_NAMES[kind] ?? `kind${kind}`, sm, bytes: payload });
      e += entryHeader + payload;
    }
    o = bodyEnd;
  }
  return entries;
}

/** Summary of one .node file: size, DT_NEEDED libraries, embedded CUDA SASS/PTX architectures. */
export function inspectBinary(file) {
  const buf = readFileSync(file);
  const secs = sections(buf);
  const entries = fatbinEntries(buf, secs);
  const uniq = (xs) => [...new Set(xs)].sort((a, b) => a - b);
  return {
    file,
    bytes: statSync(file).size,
    needed: neededLibraries(buf, secs),
    requires: requiredVersions(buf, secs),
    cuda: {
      fatbinBytes: secs.find((s) => s.name === '.nv_fatbin')?.size ?? 0,
      sass: uniq(entries.filter((x) => x.kind === 'elf').map((x) => x.sm)),
      ptx: uniq(entries.filter((x) => x.kind === 'ptx').map((x) => x.sm)),
      entries: entries.length,
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node scripts/prebuild_inspect.mjs FILE.node [--json]');
    process.exit(2);
  }
  const r = inspectBinary(file);
  if (process.argv.includes('--json')) console.log(JSON.stringify(r, null, 2));
  else {
    const mib = (r.bytes / 2 ** 20).toFixed(2);
    const sm = (xs) => (xs.length ? xs.map((x) => `sm_${x}`).join(' ') : 'none');
    console.log(`${r.file}: ${r.bytes} bytes (${mib} MiB)`);
    console.log(`  needs:     ${r.needed.join(' ')}`);
    console.log(`  versions:  GLIBC ${r.requires.glibc}, GLIBCXX ${r.requires.glibcxx}`);
    console.log(`  CUDA SASS: ${sm(r.cuda.sass)}`);
    console.log(`  CUDA PTX:  ${sm(r.cuda.ptx).replaceAll('sm_', 'compute_')}`);
    console.log(`  fatbin:    ${r.cuda.fatbinBytes} bytes in ${r.cuda.entries} entries`);
  }
}
