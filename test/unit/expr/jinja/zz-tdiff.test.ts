import { execFileSync } from "node:child_process";
import { it } from "vitest";
import { ExpressionError } from "../../../../compiler/expr/errors";
import { renderJinjaTemplateText } from "../../../../compiler/expr/jinja/index";
import { toGolden } from "../../../../runtime/stdlib/py/golden-json";
import { mismatch, parsePyJson } from "./golden-harness";

const CTX = `{"l": [3, 1, 2], "d": {"b": 2, "a": 1.0}, "s": "Hello World", "n": null, "t": true, "f": false, "e": [], "hosts": [{"name": "web1", "up": true}, {"name": "db1", "up": false}]}`;
let seed = Number(process.env.SEED ?? 1);
const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
const pick = <T,>(a: T[]): T => a[Math.floor(rnd() * a.length)]!;
const EXPR = ["ctx('l')", "ctx('s')", "ctx('n')", "ctx('t')", "ctx('f')", "ctx('e')", "ctx('d')", "ctx('hosts')", "x", "loop.index", "loop.first", "loop.last", "loop.length", "v", "v ~ 1", "1 + 2", "ctx().missing", "ctx('l') | length", "ctx('hosts') | map(attribute='name') | join(',')", "x.name", "x * 2", "ns.c", "loop.cycle('a', 'b')", "loop.revindex"];
const WS = ["", " ", "\n", "  ", "\n  ", " \n"];
const open = () => pick(["{%", "{%-", "{%+"]);
const close = () => pick(["%}", "-%}", "+%}"]);
function gen(depth: number): string {
  const parts: string[] = [];
  const n = 1 + Math.floor(rnd() * 3);
  for (let i = 0; i < n; i++) {
    const r = rnd();
    if (depth <= 0 || r < 0.3) parts.push(pick(["a", "b", "text", "x=", ",", ""]) + pick(WS));
    else if (r < 0.5) parts.push(`${pick(["{{", "{{-"])} ${pick(EXPR)} ${pick(["}}", "-}}"])}${pick(WS)}`);
    else if (r < 0.65) parts.push(`${open()} if ${pick(EXPR)} ${close()}${pick(WS)}${gen(depth - 1)}${rnd() < 0.5 ? `${open()} else ${close()}${gen(depth - 1)}` : ""}${open()} endif ${close()}${pick(WS)}`);
    else if (r < 0.8) parts.push(`${open()} for x in ${pick(EXPR)}${rnd() < 0.2 ? " if x" : ""} ${close()}${pick(WS)}${gen(depth - 1)}${rnd() < 0.3 ? `${open()} else ${close()}${gen(depth - 1)}` : ""}${open()} endfor ${close()}${pick(WS)}`);
    else if (r < 0.88) parts.push(`${open()} set v = ${pick(EXPR)} ${close()}${pick(WS)}`);
    else if (r < 0.92) parts.push(`{% set ns = namespace(c=0) %}{% for i in ctx('l') %}{% set ns.c = ns.c + i %}{% endfor %}`);
    else if (r < 0.96) parts.push(`${pick(WS)}{# ${pick(["c", "x }}"])} #}${pick(WS)}`);
    else parts.push(`{% raw %}{{ ${pick(EXPR)} }}{% endraw %}${pick(WS)}`);
  }
  return parts.join("");
}
it("tdiff", () => {
  const N = Number(process.env.N ?? 2000);
  const ts = Array.from({ length: N }, () => gen(3));
  const input = ts.map((e) => `{"expr": ${JSON.stringify(e)}, "template": true, "ctx": ${CTX}}`).join("\n");
  const ref = JSON.parse(execFileSync("python3", ["/tmp/diff/ref.py"], { input, maxBuffer: 1 << 28 }).toString()) as Record<string, unknown>[];
  let bad = 0;
  const seen = new Set<string>();
  ts.forEach((t, i) => {
    let got;
    try { got = toGolden(renderJinjaTemplateText(t, { ctx: parsePyJson(CTX) as never, language: "jinja" })); }
    catch (err) { got = err instanceof ExpressionError ? { error_type: err.category, message: err.message.replace(/^.*?'\. /s, "") } : { error_type: "internal", message: String(err) }; }
    const d = mismatch(ref[i] as never, got as never);
    if (d) { bad++; const key = d.slice(0, 40); if (!seen.has(key)) { seen.add(key); console.log("DIFF", JSON.stringify(t), "\n   ", d, "| py:", JSON.stringify(ref[i]).slice(0, 200)); } }
  });
  console.log("TOTAL", N, "BAD", bad);
});
