#!/usr/bin/env node
// Differential fuzzing of orqc's YAML loading against the loader Orquesta 1.6.0
// reads workflow files with (PyYAML's C safe loader, duplicate keys refused,
// no merge keys): seeded random documents of scalars in every style (plain
// YAML 1.1 booleans, octals, sexagesimals, floats, timestamps; quoted strings
// with escapes; block scalars with chomping and indentation indicators),
// nested block and flow collections, anchors, aliases, tags, comments.
// Compares the type and Python repr of every value (timestamps: the type only),
// and that both refuse the same documents.
// Usage: ORQUESTA_SRC=DIR node scripts/yaml-diff/fuzz-yaml.mjs [N=500] [SEED=1]

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { requireOrquestaSrc, runJson } from "../lib/oracle.mjs";
import { randomDocument } from "./random-yaml.mjs";

const N = Number(process.argv[2] ?? 500);
const SEED = Number(process.argv[3] ?? 1);
const root = resolve(import.meta.dirname, "../..");
requireOrquestaSrc();

/** Timestamps compare by type; errors compare as "refused". */
function normalise(v) {
  if (!v || v.error !== undefined) return "refused";
  if (v.t === "date" || v.t === "datetime") return { t: v.t };
  if (v.t === "seq") return { t: "seq", v: v.v.map(normalise) };
  if (v.t === "map") return { t: "map", v: v.v.map(([k, x]) => [normalise(k), normalise(x)]) };
  return v;
}

function firstDifference(a, b) {
  if (JSON.stringify(a) === JSON.stringify(b)) return "";
  if (a?.t !== b?.t || (a.t !== "seq" && a.t !== "map"))
    return `${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
  if (a.v.length !== b.v.length) return `${a.t} of ${a.v.length} vs ${b.v.length} entries`;
  for (let i = 0; i < a.v.length; i++) {
    const d = firstDifference(a.v[i], b.v[i]);
    if (d) return d;
  }
  return "";
}

const dir = mkdtempSync(join(tmpdir(), "orqc-fuzz-yaml-"));
try {
  const files = [];
  const texts = new Map();
  for (let i = 0; i < N; i++) {
    const text = randomDocument(SEED * 1_000_003 + i);
    const file = join(dir, `doc${i}.yaml`);
    writeFileSync(file, text);
    files.push(file);
    texts.set(file, text);
  }
  const real = runJson("/usr/bin/python3", [join(import.meta.dirname, "pyyaml_reference.py"), ...files]);
  const ours = runJson(process.execPath, [
    join(root, "scripts/run-ts.mjs"),
    join(import.meta.dirname, "orqc-yaml.ts"),
    ...files,
  ]);
  const differing = [];
  let refused = 0;
  for (const file of files) {
    const a = normalise(real[file]);
    const b = normalise(ours[file]);
    if (JSON.stringify(a) !== JSON.stringify(b)) differing.push({ file, real: real[file], ours: ours[file] });
    else if (a === "refused") refused++;
  }
  console.log(
    `${N} random YAML documents (seed ${SEED}): ${N - differing.length} alike (${refused} refused by both), ${differing.length} differ`,
  );
  differing.sort((x, y) => texts.get(x.file).length - texts.get(y.file).length);
  // One line per kind of difference, with how often it came up.
  const kinds = new Map();
  for (const d of differing) {
    const kind =
      d.real?.error !== undefined
        ? `refused by Orquesta only: ${d.real.error
            .replace(/^ValueError: Failed to load workflow definition because /, "")
            .split("\n")[0]
            .replace(/'.*'/, "'…'")}`
        : d.ours?.error !== undefined
          ? `refused by orqc only: ${d.ours.error.split("\n")[0]}`
          : `values differ: ${firstDifference(normalise(d.real), normalise(d.ours))}`;
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  for (const [kind, n] of [...kinds].sort((a, b) => b[1] - a[1]))
    console.log(`${String(n).padStart(5)}  ${kind}`);
  for (const d of differing.slice(0, Number(process.env.SHOW ?? 5))) {
    console.log(`\n--- ${d.file}\n${texts.get(d.file)}`);
    console.log(`Orquesta's loader: ${JSON.stringify(d.real).slice(0, 1500)}`);
    console.log(`orqc:              ${JSON.stringify(d.ours).slice(0, 1500)}`);
  }
  if (differing.length > 0) process.exitCode = 1;
} finally {
  if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });
}
