#!/usr/bin/env node
// Differential fuzzing of orqc's inline parameter grammar (`publish: a=1 b="x"`,
// string task input) against Orquesta 1.6.0's parse_inline_params: seeded
// random strings of key=value pairs (numbers, booleans, null, quoted strings,
// lists, mappings, YAQL and Jinja, Unicode keys, stray words and separators).
// Usage: ORQUESTA_SRC=DIR node scripts/orquesta-inspect/fuzz-inline-params.mjs [N=3000] [SEED=1]

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { requireOrquestaSrc, runJson } from "../lib/oracle.mjs";
import { seededRandom } from "../lib/seeded.mjs";

const N = Number(process.argv[2] ?? 3000);
const SEED = Number(process.argv[3] ?? 1);
const root = resolve(import.meta.dirname, "../..");
requireOrquestaSrc();

const VALUES = [
  "1",
  "-2",
  "1.5",
  "-.5",
  ".5",
  "5.",
  "1e3",
  "0x1f",
  "007",
  "true",
  "True",
  "FALSE",
  "null",
  "None",
  "yes",
  '"a b"',
  "'a b'",
  '"x"y',
  "'it''s'",
  '"a=b"',
  "[1, 2]",
  "[a, [b]]",
  "[1, 2] 3",
  "{a: 1}",
  '{"a": 1}',
  "<% ctx(x) %>",
  "<% ctx(x) %>x",
  "{{ ctx().x }}",
  "{{ ctx('a b') }}",
  '"<% ctx(x) %>"',
  "'{{ 1 }}'",
  "[<% 1 %>]",
  "abc",
  "",
  "-",
  "1 2",
  "١٢",
  "é",
];
const KEYS = ["a", "b_c", "x1", "_", "k-2", "日本", "A", "1", "ключ", "é"];
const SEPARATORS = [" ", "  ", ", ", " ,", "\t"];

const { next: r, pick } = seededRandom(SEED);
const texts = Array.from({ length: N }, () => {
  const pairs = Array.from({ length: 1 + Math.floor(r() * 3) }, () => `${pick(KEYS)}=${pick(VALUES)}`);
  return pairs.join(pick(SEPARATORS)) + pick(["", " ", " trailing"]);
});

const dir = mkdtempSync(join(tmpdir(), "orqc-fuzz-inline-"));
try {
  const file = join(dir, "strings.json");
  writeFileSync(file, JSON.stringify(texts));
  const real = runJson("/usr/bin/python3", [join(import.meta.dirname, "inline_params.py"), file]);
  const ours = runJson(process.execPath, [
    join(root, "scripts/run-ts.mjs"),
    join(import.meta.dirname, "orqc-inline-params.ts"),
    file,
  ]);
  const differing = texts
    .map((t, i) => ({ t, a: real[i], b: ours[i] }))
    .filter((d) => !isDeepStrictEqual(d.a, d.b));
  console.log(
    `${N} random inline-parameter strings (seed ${SEED}): ${N - differing.length} alike, ${differing.length} differ`,
  );
  for (const d of differing.slice(0, Number(process.env.SHOW ?? 10)))
    console.log(
      `${JSON.stringify(d.t)}\n  Orquesta: ${JSON.stringify(d.a)}\n  orqc:     ${JSON.stringify(d.b)}`,
    );
  if (differing.length > 0) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
