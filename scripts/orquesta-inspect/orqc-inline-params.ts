// orqc's parseInlineParams on a JSON list of strings, in inline_params.py's shape.
// Usage: node scripts/run-ts.mjs scripts/orquesta-inspect/orqc-inline-params.ts STRINGS.json

import { readFileSync } from "node:fs";
import { parseInlineParams } from "../../compiler/ir/inline-params";
import { pyJsonDumps } from "../../runtime/stdlib/functions/py-json";

const texts = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as string[];
const parsed = texts.map((text) => {
  try {
    return { ok: parseInlineParams(text).map(([k, v]) => [k, JSON.parse(pyJsonDumps(v)) as unknown]) };
  } catch (e) {
    return { error: String(e) };
  }
});
process.stdout.write(JSON.stringify(parsed));
