// Compares orqc's results for a golden-format case file with the Jinja2
// reference's (jinja_reference.py), by the golden README's rules: error
// category, or value (deep, key order ignored), type and float paths.
//
// With --messages (and --oracle orquesta), errors are also compared on their
// message as the golden traces' rule does: "Unable to evaluate expression
// '<expr>'." up to the detail, any other message exactly.
//
// Usage: node scripts/expr-diff/jinja-compare.mjs CASES.json [--limit N] [--oracle orquesta] [--messages]
// Needs a built CLI (npm run build) and /usr/bin/python3 with python3-jinja2.

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const PYTHON = process.env.ORQC_JINJA_PYTHON ?? "/usr/bin/python3";

function run(cmd, args) {
  return JSON.parse(
    execFileSync(cmd, args, { cwd: root, maxBuffer: 1 << 30, encoding: "utf8", timeout: 300_000 }),
  );
}

function deepEqual(a, b) {
  if (a === b) return true;
  if (typeof a === "number" && typeof b === "number") return a === b || (Number.isNaN(a) && Number.isNaN(b));
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i]));
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.length !== kb.length) return false;
    return ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

const DETAIL = /^(\w+: Unable to evaluate expression '.*?'\.) ([A-Za-z_][\w.]*: .*)$/s;

/** The part of an error message the golden traces compare (orqc's carries the exception class first). */
export function comparedMessage(message, withClass) {
  const full = withClass ? message : `Exception: ${message}`;
  const m = DETAIL.exec(full);
  return (m ? m[1] : full).replace(/^\w+: /, "");
}

/** The difference between two results, or undefined when they match. */
export function difference(want, got, messages = false) {
  if (want.error_type !== undefined || got.error_type !== undefined) {
    if (want.error_type !== got.error_type) return "error category";
    if (messages && typeof want.message === "string" && typeof got.message === "string") {
      // orquesta_evaluate.py keeps 300 characters of a message: a longer one is compared as far as it goes
      if (want.message.length >= 300)
        return got.message.replace(/^\w+: /, "").startsWith(want.message) ? undefined : "error message";
      return comparedMessage(want.message, false) === comparedMessage(got.message, true)
        ? undefined
        : "error message";
    }
    return undefined;
  }
  if (want.type !== got.type) return "type";
  if (!deepEqual(want.value, got.value)) return "value";
  const fw = [...(want.float_paths ?? [])].sort().join(",");
  const fg = [...(got.float_paths ?? [])].sort().join(",");
  return fw === fg ? undefined : "float paths";
}

function main() {
  const file = process.argv[2];
  const limitAt = process.argv.indexOf("--limit");
  const limit = limitAt > 0 ? Number(process.argv[limitAt + 1]) : 60;
  const doc = JSON.parse(readFileSync(file, "utf8"));
  const cases = new Map(doc.cases.map((c) => [c.id, c]));
  // --oracle orquesta: Orquesta's own evaluate() (orquesta_evaluate.py, needs ORQUESTA_SRC and YAQL_SRC)
  const oracleAt = process.argv.indexOf("--oracle");
  const oracle =
    oracleAt > 0 && process.argv[oracleAt + 1] === "orquesta" ? "orquesta_evaluate.py" : "jinja_reference.py";
  const messages = oracle === "orquesta_evaluate.py" && process.argv.includes("--messages");
  const ref = run(PYTHON, [resolve(here, oracle), file]);
  const orqc = run(process.execPath, ["bin/orqc.js", "eval", "--cases", file, "--format", "json"]);
  const byId = new Map(orqc.map((r) => [r.id, r]));
  let compared = 0;
  let skipped = 0;
  const mismatches = [];
  for (const want of ref) {
    if (want.skip !== undefined) {
      skipped++;
      continue;
    }
    compared++;
    const got = byId.get(want.id) ?? { error_type: "missing" };
    const diff = difference(want, got, messages);
    if (diff !== undefined) mismatches.push({ diff, c: cases.get(want.id), want, got });
  }
  for (const m of mismatches.slice(0, limit)) {
    const { value, type, error_type, message } = m.got;
    const ctx = JSON.stringify(m.c.ctx);
    console.log(`${m.diff}: ${JSON.stringify(m.c.expr)}${ctx.length < 120 ? ` ctx=${ctx}` : ""}`);
    console.log(`   jinja2: ${JSON.stringify({ ...m.want, id: undefined })}`);
    console.log(
      `   orqc:   ${JSON.stringify({ value, type, error_type, message: messages ? message : undefined })}`,
    );
  }
  console.log(`${compared} compared, ${skipped} skipped, ${mismatches.length} mismatches`);
  process.exitCode = mismatches.length === 0 ? 0 : 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
