#!/usr/bin/env node
// Which corpus workflows does the real Orquesta 1.6.0 refuse, and does
// `orqc compile --all` refuse exactly those? Compiles ../shared/corpus into a
// temporary folder, runs inspect_workflows.py over every workflow it saw,
// and prints the two lists' differences; exit 1 when they differ.
// Usage: ORQUESTA_SRC=DIR [YAQL_SRC=DIR] node scripts/orquesta-inspect/compare-corpus.mjs [CORPUS]

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");
const corpus = resolve(process.argv[2] ?? join(root, "../shared/corpus"));
if (!process.env.ORQUESTA_SRC) {
  console.error("set ORQUESTA_SRC (see scripts/orquesta-inspect/inspect_workflows.py)");
  process.exit(2);
}

const out = mkdtempSync(join(tmpdir(), "orqc-inspect-"));
try {
  const compile = spawnSync(
    process.execPath,
    [join(root, "bin/orqc.js"), "compile", corpus, "--all", "-o", out],
    {
      encoding: "utf8",
      maxBuffer: 1 << 28,
    },
  );
  if (compile.status !== 0 && compile.status !== 1) {
    console.error(compile.stderr);
    process.exit(2);
  }
  const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
  const sources = report.bundles.map((b) => b.source);
  const refusedByOrqc = new Set(report.bundles.filter((b) => b.status === "failed").map((b) => b.source));

  const python = spawnSync(
    "/usr/bin/python3",
    // --raw: every workflow orqc compiled is an Orquesta action's file to StackStorm, which hands it to
    // Orquesta whatever its `version` says (a misspelt `version` key is refused, not skipped).
    [join(import.meta.dirname, "inspect_workflows.py"), "--raw", ...sources],
    {
      encoding: "utf8",
      maxBuffer: 1 << 28,
    },
  );
  if (python.status !== 0) {
    console.error(python.stderr);
    process.exit(2);
  }
  const verdicts = JSON.parse(python.stdout);
  const refusedByOrquesta = new Set(
    Object.entries(verdicts)
      .filter(([, v]) => v.load || Object.keys(v.errors ?? {}).length > 0)
      .map(([path]) => path),
  );

  const onlyOrqc = [...refusedByOrqc].filter((p) => !refusedByOrquesta.has(p));
  const onlyOrquesta = [...refusedByOrquesta].filter((p) => !refusedByOrqc.has(p));
  console.log(
    `${sources.length} workflows: Orquesta refuses ${refusedByOrquesta.size}, orqc compile refuses ${refusedByOrqc.size}; ` +
      `${sources.length - refusedByOrqc.size} compiled`,
  );
  for (const p of onlyOrqc) console.log(`  refused by orqc only: ${p}`);
  for (const p of onlyOrquesta)
    console.log(`  refused by Orquesta only: ${p}: ${JSON.stringify(verdicts[p]).slice(0, 300)}`);
  if (onlyOrqc.length + onlyOrquesta.length > 0) process.exit(1);
  console.log("the same workflows");
} finally {
  rmSync(out, { recursive: true, force: true });
}
