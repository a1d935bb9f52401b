// Expression cases from real workflows: every string holding `<% %>`, `{{ }}`
// or `{% %}` in the workflow files under the given folders, each with
// contexts built from what it reads: the variables it names (`ctx(x)`,
// `ctx().x.y`, `ctx('x')['y']`, `$.x`), the current task's result
// (`result().a.b`), the current item and the datastore keys (`st2kv('k')`),
// filled with values of several kinds per variant (text named after the key,
// numbers, lists, mappings, JSON text, null). The golden cases tagged `corpus`
// are of this kind; this makes many more, from any folder of packs.
//
//   node scripts/expr-diff/corpus-expr-cases.mjs SEED VARIANTS DIR... > cases.json
// then: node scripts/expr-diff/jinja-compare.mjs cases.json --oracle orquesta --messages

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import YAML from "yaml";
import { NAME, pathsAfter, placeAt, STEP, steps } from "../lib/expr-paths.mjs";
import { rng } from "../trace-diff/gen-cases.mjs";

const [seedArg, variantsArg, ...dirs] = process.argv.slice(2);
if (dirs.length === 0) {
  console.error("usage: corpus-expr-cases.mjs SEED VARIANTS DIR...");
  process.exit(2);
}
const seed = Number(seedArg);
const variants = Number(variantsArg);

function* yamlFiles(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (!name.startsWith(".")) yield* yamlFiles(path);
    } else if (/\.ya?ml$/.test(name)) yield path;
  }
}

const HAS_EXPR = /<%|\{\{|\{%/;

/** Every string holding an expression in a workflow document, with its spec path. */
function* expressionsOf(value, path) {
  if (typeof value === "string") {
    if (HAS_EXPR.test(value)) yield { expr: value, path };
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* expressionsOf(value[i], `${path}[${i}]`);
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (HAS_EXPR.test(k)) yield { expr: k, path: `${path}{key}` };
      yield* expressionsOf(v, path ? `${path}.${k}` : k);
    }
  }
}

/** What an expression reads: ctx paths by variable, result paths, item paths, datastore keys. */
function readsOf(expr) {
  const ctx = [];
  for (const m of expr.matchAll(new RegExp(String.raw`ctx\(\s*['"]?(${NAME})['"]?\s*\)((?:${STEP})*)`, "g")))
    ctx.push([m[1], ...steps(m[2] ?? "")]);
  for (const p of pathsAfter(expr, String.raw`ctx\(\s*\)`)) if (p.length > 0) ctx.push(p);
  for (const p of pathsAfter(expr, String.raw`\$`)) if (p.length > 0 && typeof p[0] === "string") ctx.push(p);
  for (const m of expr.matchAll(new RegExp(String.raw`\bctx\.(${NAME})((?:${STEP})*)`, "g")))
    ctx.push([m[1], ...steps(m[2] ?? "")]);
  const result = pathsAfter(expr, String.raw`result\(\s*\)`);
  const item = [];
  for (const m of expr.matchAll(
    new RegExp(String.raw`item\(\s*['"]?(${NAME})?['"]?\s*\)((?:${STEP})*)`, "g"),
  ))
    item.push(m[1] ? [m[1], ...steps(m[2] ?? "")] : steps(m[2] ?? ""));
  const keys = [...expr.matchAll(/st2kv\(\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
  return { ctx, result, item, keys };
}

/** Leaf values of one variant: text named after the key, or drawn from values of other kinds. */
function leafOf(r, variant, name) {
  if (variant === 0) return `${name}-1`;
  if (variant === 1) return r.pick([0, 1, 100, -5, 2.5]);
  if (variant % 4 === 3)
    return r.pick([
      "ünïcødé ☃",
      "  padded  ",
      "line1\nline2",
      'it\'s "quoted"',
      "%s %d {0}",
      "<% 1 %>",
      "{{ 2 }}",
      "10.0.0.1/24",
      "2024-01-02T03:04:05Z",
      "1e3",
      "-0",
      2 ** 53,
      1e20,
      -0.0,
      [null],
      [[1, 2], [3]],
      { a: { b: [1, { c: "d" }] } },
      { "": 1, " ": 2 },
    ]);
  return r.pick([
    `${name}-1`,
    "a,b,c",
    "host1 host2",
    '{"key": "value", "items": [1, 2]}',
    "True",
    "",
    null,
    true,
    false,
    0,
    3,
    1.5,
    ["a", "b"],
    [1, 2, 3],
    [],
    { k: "v" },
    {},
    [
      { name: "n1", id: 1 },
      { name: "n2", id: 2 },
    ],
  ]);
}

const cases = [];
const r = rng(seed * 7907 + 3);
for (const dir of dirs) {
  for (const file of yamlFiles(dir)) {
    let doc;
    try {
      doc = YAML.parse(readFileSync(file, "utf8"));
    } catch {
      continue;
    }
    if (!doc || typeof doc !== "object" || !("tasks" in doc)) continue;
    for (const { expr, path } of expressionsOf(doc, "")) {
      // random() is random, and StackStorm's task() needs the run's records (the oracle has none)
      if (/\b(random|task)\s*\(/.test(expr)) continue;
      const reads = readsOf(expr);
      const taskName = /^tasks\.([^.[]+)/.exec(path)?.[1];
      for (let v = 0; v < variants; v++) {
        let ctx = {};
        for (const p of reads.ctx) ctx = placeAt(ctx, p, (name) => leafOf(r, v, name));
        const c = {
          id: `cx_${seed}_${cases.length}`,
          lang: /\{\{|\{%/.test(expr) ? "jinja" : "yaql",
          expr,
          ctx,
          source: `${relative(dir, file)}#${path}`,
        };
        if (reads.result.length > 0 || /succeeded\(|failed\(|completed\(|task_status\(/.test(expr)) {
          let result = reads.result.some((p) => p.length === 0) ? leafOf(r, v, "result") : {};
          for (const p of reads.result)
            if (p.length > 0) result = placeAt(result, p, (name) => leafOf(r, v, name));
          c.current_task = {
            id: taskName ?? "task1",
            route: 0,
            status: r.pick(["succeeded", "succeeded", "failed"]),
            result,
          };
        }
        if (reads.item.length > 0) {
          let item = reads.item.some((p) => p.length === 0) ? leafOf(r, v, "item") : {};
          for (const p of reads.item) if (p.length > 0) item = placeAt(item, p, (name) => leafOf(r, v, name));
          c.current_item = item;
        }
        if (reads.keys.length > 0 && v % 2 === 0)
          c.datastore = Object.fromEntries(reads.keys.map((k) => [k, `${k}-value`]));
        cases.push(c);
      }
    }
  }
}
process.stdout.write(`${JSON.stringify({ cases })}\n`);
