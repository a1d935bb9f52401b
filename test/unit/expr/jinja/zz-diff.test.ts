import { execFileSync } from "node:child_process";
import { it } from "vitest";
import { ExpressionError } from "../../../../compiler/expr/errors";
import { evaluateJinjaExpressionText, isJinjaStrictUndefined, renderJinjaTemplateText } from "../../../../compiler/expr/jinja/index";
import { toGolden } from "../../../../runtime/stdlib/py/golden-json";
import { PyError } from "../../../../runtime/stdlib/py/value";
import { mismatch, parsePyJson } from "./golden-harness";

const CTX = `{"l": [3, 1, 2], "d": {"b": 2, "a": 1.0, "c": [1, 2]}, "s": "Hello World", "n": null, "f": 2.5, "e": "", "t": true, "nested": [[1, 2], [3], []], "hosts": [{"name": "web1", "port": 80, "up": true}, {"name": "db1", "port": 5432, "up": false}], "mixed": [1, "a", null, true, 2.5], "names": ["bob", "Alice", "carol"], "num": "42", "big": 12345678901234}`;
let seed = Number(process.env.SEED ?? 1);
const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
const pick = <T,>(a: T[]): T => a[Math.floor(rnd() * a.length)]!;
const ATOMS = ["0", "1", "2", "3", "-1", "7", "300", "2**60", "0.5", "1.0", "2.5", "-0.0", "1e20", "0.1", "'a'", "'Hello World'", "''", "'a,b'", "'%s'", "'{}'", "' x '", "'A'", "'abc'", "none", "true", "false",
  "ctx('l')", "ctx('d')", "ctx('s')", "ctx('n')", "ctx('f')", "ctx('e')", "ctx('t')", "ctx('nested')", "ctx('hosts')", "ctx('mixed')", "ctx('names')", "ctx('num')", "ctx('big')", "ctx().missing", "ctx('d').a", "ctx('d').zz", "ctx('d').c", "ctx('hosts')[0]", "[1, 2]", "[]", "{}", "{'k': 1}", "(1, 2)", "()", "range(3)", "ctx('d').keys()", "ctx('d').items()", "ctx('d').values()"];
const BIN = ["+", "-", "*", "/", "//", "%", "**", "~", "==", "!=", "<", "<=", ">", ">=", "in", "not in", "and", "or"];
const FILTERS: [string, () => string][] = [["length", () => ""], ["count", () => ""], ["first", () => ""], ["last", () => ""], ["list", () => ""], ["sort", () => pick(["", "(reverse=true)", "(attribute='port')", "(case_sensitive=true)"])], ["unique", () => ""], ["join", () => pick(["", "(',')", "('-', attribute='name')"])], ["upper", () => ""], ["lower", () => ""], ["title", () => ""], ["capitalize", () => ""], ["trim", () => ""], ["string", () => ""], ["int", () => pick(["", "(5)", "(base=16)"])], ["float", () => ""], ["round", () => pick(["", "(1)", "(1, 'floor')", "(0, 'ceil')"])], ["abs", () => ""], ["sum", () => pick(["", "(start=10)", "(attribute='port')"])], ["min", () => ""], ["max", () => pick(["", "(attribute='port')"])], ["default", () => pick(["('x')", "(1, true)"])], ["d", () => "('y')"], ["map", () => pick(["('string')", "(attribute='name')", "('int')", "('upper')"])], ["select", () => pick(["", "('odd')", "('string')", "('gt', 1)"])], ["reject", () => pick(["('odd')", "('none')"])], ["selectattr", () => pick(["('up')", "('port', 'gt', 100)"])], ["rejectattr", () => "('up')"], ["batch", () => "(2)"], ["slice", () => "(2)"], ["dictsort", () => pick(["", "(by='value')", "(reverse=true)"])], ["items", () => ""], ["tojson", () => ""], ["reverse", () => ""], ["replace", () => "('l', 'L')"], ["center", () => "(13)"], ["truncate", () => "(5)"], ["wordcount", () => ""], ["indent", () => "(2)"], ["format", () => pick(["", "(1)", "('a', 'b')"])], ["urlencode", () => ""], ["groupby", () => "('up')"], ["attr", () => "('a')"], ["escape", () => ""], ["filesizeformat", () => ""], ["striptags", () => ""], ["wordwrap", () => "(5)"], ["xmlattr", () => ""], ["pprint", () => ""]];
const TESTS = ["defined", "undefined", "none", "string", "number", "integer", "float", "mapping", "sequence", "iterable", "odd", "even", "divisibleby 3", "in [1, 2, 3]", "eq 3", "lt 2", "sameas none", "callable", "lower", "upper", "true", "false", "boolean"];
const METHODS = ["upper()", "lower()", "split()", "split(',')", "strip()", "startswith('H')", "replace('l', 'L')", "format(1, 2)", "get('a')", "get('zz', 0)", "keys()", "items()", "values()", "count(1)", "index(1)", "title()", "isdigit()", "find('o')", "zfill(5)", "ljust(6, '.')", "join(['x', 'y'])", "copy()", "pop()", "rsplit(' ', 1)", "partition(' ')", "center(9, '*')", "endswith('d')", "capitalize()", "swapcase()"];
function gen(depth: number): string {
  if (depth <= 0 || rnd() < 0.3) return pick(ATOMS);
  const r = rnd();
  if (r < 0.25) return `${gen(depth - 1)} ${pick(BIN)} ${gen(depth - 1)}`;
  if (r < 0.45) { const [f, a] = pick(FILTERS); return `${gen(depth - 1)} | ${f}${a()}`; }
  if (r < 0.55) return `${gen(depth - 1)} is ${rnd() < 0.3 ? "not " : ""}${pick(TESTS)}`;
  if (r < 0.67) return `(${gen(depth - 1)}).${pick(METHODS)}`;
  if (r < 0.75) return `(${gen(depth - 1)})[${pick(["0", "-1", "1", "'a'", "5", "1:", ":2", "::-1", "true"])}]`;
  if (r < 0.8) return `not ${gen(depth - 1)}`;
  if (r < 0.85) return `-(${gen(depth - 1)})`;
  if (r < 0.9) return `${gen(depth - 1)} if ${gen(depth - 1)} else ${gen(depth - 1)}`;
  if (r < 0.95) return `[${gen(depth - 1)}, ${gen(depth - 1)}]`;
  return `(${gen(depth - 1)})`;
}
it("diff", () => {
  const N = Number(process.env.N ?? 3000);
  const exprs = Array.from({ length: N }, () => gen(3));
  const input = exprs.map((e) => `{"expr": ${JSON.stringify(e)}, "ctx": ${CTX}}`).join("\n");
  const ref = JSON.parse(execFileSync("python3", ["/tmp/diff/ref.py"], { input, maxBuffer: 1 << 28 }).toString()) as Record<string, unknown>[];
  let bad = 0, skip = 0;
  const seen = new Set<string>();
  exprs.forEach((e, i) => {
    const exp = ref[i]!;
    if (exp.skip) { skip++; return; }
    let got;
    try {
      const v = evaluateJinjaExpressionText(`{{ ${e} }}`, { ctx: parsePyJson(CTX) as never, language: "jinja" });
      got = isJinjaStrictUndefined(v) ? { error_type: "undefined_variable", message: "undef" } : toGolden(v);
    } catch (err) {
      got = err instanceof ExpressionError ? { error_type: err.category, message: err.message.replace(/^.*?'\. /, "") } : err instanceof PyError ? { error_type: err.category, message: err.message } : { error_type: "internal", message: String(err) };
    }
    const d = mismatch(exp as never, got as never);
    if (d) { bad++; const key = d.slice(0, 60); if (!seen.has(key)) { seen.add(key); console.log("DIFF", e, "\n   ", d, "| py:", JSON.stringify(exp).slice(0, 150)); } }
  });
  console.log("TOTAL", N, "BAD", bad, "SKIP", skip);
});
