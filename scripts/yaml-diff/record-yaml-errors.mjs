#!/usr/bin/env node
// Records what PyYAML's C loader (libyaml 0.2.5, as StackStorm and Orquesta
// read YAML) raises while reading and composing YAML texts: the mistakes pack
// authors make, written by hand, and seeded damaged copies of random documents
// and corpus workflows (a character inserted, dropped or replaced). The cases
// feed test/unit/load/libyaml-errors.test.ts.
// Usage: node scripts/yaml-diff/record-yaml-errors.mjs [SEED=1] [N=400] > CASES.json

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { runJson } from "../lib/oracle.mjs";
import { mulberry32 } from "../lib/seeded.mjs";
import { damaged } from "./damage.mjs";
import { randomDocument } from "./random-yaml.mjs";

const SEED = Number(process.argv[2] ?? 1);
const N = Number(process.argv[3] ?? 400);

const WF = "version: 1.0\ntasks:\n  t1:\n    action: core.echo\n";
const HAND = [
  "version: 1.0\ntasks:\n  t1:\n    action: core.noop\n   next:\n      - do: t2\n",
  "version: 1.0\ninput:\n  - x\n tasks:\n  t1:\n    action: core.noop\n",
  `${WF}    input: {message: 1\n`,
  `${WF}    input:\n      message: "unterminated\n`,
  `${WF}    input:\n      message: <% ctx(x) %>: more\n`,
  `${WF}    input:\n      message: a: b\n`,
  `${WF}    next:\n    - do: t2\n     when: <% succeeded() %>\n`,
  `${WF}    next:\n      - do: t2\n    - do: t3\n`,
  `${WF}\tnext:\n`,
  `${WF}    input:\n      message: @here\n`,
  `${WF}    input:\n      message: \`cmd\`\n`,
  `${WF}    input:\n      message: |0\n        text\n`,
  `${WF}    input:\n      message: |x\n        text\n`,
  `${WF}    input:\n      message: "a \\q b"\n`,
  `${WF}    input:\n      message: "\\x4"\n`,
  `${WF}    input:\n      message: "\\ud800"\n`,
  `${WF}    input:\n      message: [1, 2\n`,
  `${WF}    input:\n      message: [1, 2}\n`,
  `${WF}    input:\n      message: {a: 1]\n`,
  `${WF}    input:\n      message: 'it's'\n`,
  `${WF}    input: &in\n      a: 1\n  t2: &in\n    action: core.noop\n`,
  `${WF}    input: *missing\n`,
  `${WF}---\nversion: 1.0\n`,
  `${WF}...\nmore: text\n`,
  "%YAML 2.0\n---\na: 1\n",
  "%YAML 1.1\n%YAML 1.1\n---\na: 1\n",
  "%TAG ! tag:x,2000:\n%TAG ! tag:y,2000:\n---\na: 1\n",
  "%FOO bar\n---\na: 1\n",
  "%YAML 1.1\na: 1\n",
  "a: !x!y 1\n",
  "a: !<tag:yaml.org,2002:str 1\n",
  "a: !str%zz 1\n",
  "a: &\nb: 1\n",
  "a: *\n",
  "- a\nb: 1\n",
  "a: 1\n- b\n",
  "a:\n  b: 1\n c: 2\n",
  "? a\n? b\n: c\n- d\n",
  "a: 1\nb\n",
  "a: 1\nb\nc: 2\n",
  "[a, b]: c\n",
  "{a: 1, b: 2}\nc: 3\n",
  "key: [a, b]]\n",
  'key: "a" b\n',
  "key: 'a' 'b'\n",
  "- - a\n  - b\n -c\n",
  "a: >-2\n   x\n",
  "a: [b: c, d]\n",
  "a: [? b : c]\n",
  "a: {b, c: d}\n",
  "a: [b:, c]\n",
  "a: b # c\n  d: e\n",
  "\ufeffa: 1\n",
  "a: 1\r\nb: 2\r\n c: 3\r\n",
  "a: 1\u2028b: 2\n",
  "a: x\u0085 b: 2\n",
  `${"a".repeat(1100)}: 1\n`,
  `k: ${"a ".repeat(600)}: 1\n`,
];

const root = resolve(import.meta.dirname, "../..");
const corpus = join(root, "../shared/corpus");
const workflows = readdirSync(corpus, { recursive: true })
  .map(String)
  .filter((f) => /workflows\/.*\.ya?ml$/.test(f))
  .sort()
  .map((f) => readFileSync(join(corpus, f), "utf8"));
const rng = mulberry32(SEED);
const texts = [...HAND];
for (let i = 0; i < N; i++) {
  const source = i % 2 === 0 ? randomDocument(SEED * 1_000_003 + i) : rng.pick(workflows);
  texts.push(damaged(source, SEED * 7_919 + i));
}

const dir = mkdtempSync(join(tmpdir(), "orqc-yaml-errors-"));
try {
  const files = texts.map((text, i) => {
    const file = join(dir, `t${i}.yaml`);
    writeFileSync(file, text);
    return file;
  });
  const real = runJson("/usr/bin/python3", [join(import.meta.dirname, "pyyaml_compose.py"), ...files]);
  const cases = texts.map((text, i) => ({ text, error: real[files[i]] }));
  const recorded = {
    recorded_with: "yaml.compose(text, Loader=yaml.CSafeLoader): PyYAML 6.0, libyaml 0.2.5",
    seed: SEED,
    cases,
  };
  process.stdout.write(`${JSON.stringify(recorded, null, 1)}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
