// Looks for expressions whose cost grows faster than their input: every
// expression below runs on generated workflow data of N and of 10 N items,
// and the table lists the largest time ratios. Linear work gives about 10x;
// quadratic work about 100x (Python's own functions are linear on all of
// these). Small times are noisy, so read the ratio with the time beside it.
//
// Usage: node scripts/run-ts.mjs scripts/expr-diff/scaling.ts [N=2000] [rows=25]

import { caseEnv, renderValue } from "../../compiler/expr/index";

const YAQL = [
  "ctx(l).select($ * 2)",
  "ctx(l).where($ > 5)",
  "ctx(l).distinct()",
  "ctx(l).toSet()",
  "ctx(l).orderBy($)",
  "ctx(l).groupBy($ mod 7)",
  "ctx(s).join(',')",
  "ctx(l).sum()",
  "ctx(ll).flatten()",
  "ctx(l).indexOf(-1)",
  "-1 in ctx(l)",
  "ctx(l).any($ < 0)",
  "ctx(l).skipWhile($ < 100000000)",
  "ctx(l).zip(ctx(l))",
  "ctx(l).toSet().union(ctx(l).toSet())",
  "ctx(l).toSet().difference(ctx(l).toSet())",
  "ctx(d).keys()",
  "ctx(d).get('k5')",
  "ctx(d).set('z', 1)",
  "ctx(d).delete('k5')",
  "ctx(d).mergeWith(ctx(d))",
  "ctx(s).toDict($, $)",
  "ctx(l).concat(ctx(l))",
  "ctx(l).insert(0, 1)",
  "ctx(l) + ctx(l)",
  "ctx(l).aggregate($1 + $2)",
  "ctx(t).split(',')",
  "ctx(t).replace('1', 'x')",
  "ctx(t).toUpper()",
  "ctx(t).characters()",
  "regex('1').replace(ctx(t), 'y')",
  "dict(ctx(l).select([$, $]))",
  "ctx(l).select([$, $]).toDict($[0], $[1])",
  "ctx(l).select(str($)).toSet()",
  "ctx(dl).groupBy($.b, $.a)",
  "ctx(dl).distinct()",
  "ctx(dl).orderBy($.a).first()",
  "generate(0, $ < len(ctx(l)), $ + 1)",
  "generateMany(0, switch($ < len(ctx(l)) => [$ + 1], true => []))",
  "to_yaml_string(ctx(dl))",
  "from_yaml_string(ctx(ydt))",
  "to_json_string(ctx(dl))",
  "ctx(d).items().orderBy($[1])",
];
const JINJA = [
  "ctx('l') | sort | first",
  "ctx('l') | unique | list | length",
  "ctx('dl') | groupby('b') | list | length",
  "ctx('l') | map('string') | join(',') | length",
  "ctx('l') | select('odd') | list | length",
  "ctx('dl') | selectattr('a') | list | length",
  "ctx('l') | sum",
  "ctx('l') | batch(3) | list | length",
  "ctx('d') | dictsort | length",
  "ctx('l') | tojson | length",
  "ctx('l') | to_json_string | length",
  "ctx('d') | to_yaml_string | length",
  "ctx('yt') | from_yaml_string | length",
  "ctx('jt') | from_json_string | length",
  "ctx('t') | replace('1', 'x') | length",
  "ctx('t').split(',') | length",
  "ctx('t') | wordwrap(79) | length",
  "ctx('mt') | wordwrap(20) | length",
  "ctx('t') | truncate(100000) | length",
  "ctx('t') | indent(2) | length",
  "-1 in ctx('l')",
  "ctx('t') | regex_replace('1', 'y') | length",
  "ctx('t') | title | length",
  "ctx('mt') | wordcount",
  "ctx('ht') | striptags | length",
  "ctx('ht') | urlize | length",
  "ctx('t') | json_escape | length",
  "ctx('dl') | unique(attribute='a') | list | length",
  "ctx('l') | zip(ctx('l')) | list | length",
  "ctx('t')[::-1] | length",
  "jsonpath_query(ctx('dl'), '$[*].a') | length",
];

function dataOf(n: number) {
  const l = Array.from({ length: n }, (_, i) => (i * 7919) % n);
  const d: Record<string, number> = {};
  for (let i = 0; i < n; i++) d[`k${i}`] = l[i]!;
  const dl = l.map((x) => ({ a: x, b: `s${x % 5}` }));
  return {
    l,
    d,
    s: l.map((x) => `k${x}`),
    t: l.join(","),
    ll: l.map((x) => [x, x]),
    dl,
    jt: JSON.stringify(l),
    yt: l.map((x) => `- ${x}`).join("\n"),
    ydt: dl.map((x) => `- a: ${x.a}\n  b: ${x.b}`).join("\n"),
    ht: l.map((x) => `<b>${x}</b> http://x${x}.com`).join(" "),
    mt: l.map((x) => `line ${x} word`).join("\n"),
  };
}

function millis(expr: string, ctx: object): number {
  const env = caseEnv({ id: "scaling", expr, ctx } as never);
  const t0 = performance.now();
  try {
    renderValue(expr, env);
  } catch {
    // a failing expression is timed too: its cost is what matters here
  }
  return performance.now() - t0;
}

function main(): void {
  const n = Number(process.argv[2] ?? 2000);
  const rows = Number(process.argv[3] ?? 25);
  const small = dataOf(n);
  const large = dataOf(10 * n);
  const results = [...YAQL.map((e) => `<% ${e} %>`), ...JINJA.map((e) => `{{ ${e} }}`)].map((expr) => {
    millis(expr, small);
    const base = Math.min(millis(expr, small), millis(expr, small));
    const grown = millis(expr, large);
    return { expr, ratio: grown / Math.max(base, 0.2), grown };
  });
  results.sort((a, b) => b.ratio - a.ratio);
  console.log(`time at ${10 * n} items / time at ${n} items (linear ~10x, quadratic ~100x)`);
  for (const r of results.slice(0, rows))
    console.log(`${r.ratio.toFixed(1).padStart(7)}x ${`${r.grown.toFixed(0)} ms`.padStart(9)}  ${r.expr}`);
}

main();
