// Child-process side of the bad-input sweep: runs the cases of one group from
// hardening_bad_input_cases.ts, printing {"start": id} before each call and the outcome after
// it, each with a synchronous write so a native crash still leaves the culprit's id behind.
//   node --import tsx test/hardening_case_runner.ts <group>
import { writeSync } from 'node:fs';
import { badInputCases } from './hardening_bad_input_cases.js';
import { type CaseOutcome, encodeValue } from './hardening_support.js';

const group = process.argv[2];
const cases = badInputCases.filter((c) => c.group === group);
if (cases.length === 0) {
  console.error(`no cases in group ${group}`);
  process.exit(3);
}
const emit = (obj: unknown) => writeSync(1, `${JSON.stringify(obj)}\n`);
for (const c of cases) {
  emit({ start: c.id });
  let out: CaseOutcome;
  try {
    const value = await c.run();
    out = { id: c.id, kind: 'returned', value: encodeValue(value) };
  } catch (err) {
    const e = err as Error;
    out = {
      id: c.id,
      kind: 'threw',
      name: e?.constructor?.name ?? typeof err,
      message: String(e?.message ?? err),
    };
  }
  emit(out);
}
process.exit(0);
