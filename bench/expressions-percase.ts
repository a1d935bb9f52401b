// Per-case timing (diagnostic): which golden cases dominate each side.
import { caseEnv, renderValue } from "../compiler/expr/index";
import { loadCases, translateAll } from "../test/unit/expr/translate/harness";
const N = 5;
const a = loadCases();
const b = loadCases();
const fns = await translateAll(b.map((c) => c.expr));
const ea = a.map((c) => caseEnv(c));
const eb = b.map((c) => caseEnv(c));
const rows: { id: string; ev: number; tr: number; expr: string }[] = [];
for (let i = 0; i < a.length; i++) {
  const t = (f: () => void) => {
    f();
    const t0 = process.hrtime.bigint();
    for (let r = 0; r < N; r++) f();
    return Number(process.hrtime.bigint() - t0) / 1e3 / N;
  };
  const ev = t(() => { try { renderValue(a[i]!.expr, ea[i]!); } catch {} });
  const tr = t(() => { try { fns[i]!(eb[i]!); } catch {} });
  rows.push({ id: a[i]!.id, ev, tr, expr: JSON.stringify(a[i]!.expr).slice(0, 70) });
}
const sum = (k: "ev" | "tr") => rows.reduce((s, r) => s + r[k], 0);
console.log("total us", sum("ev").toFixed(0), sum("tr").toFixed(0));
rows.sort((x, y) => y.ev - x.ev);
for (const r of rows.slice(0, 25)) console.log(r.ev.toFixed(0).padStart(7), r.tr.toFixed(0).padStart(7), r.id, r.expr);
const med = (k: "ev" | "tr") => [...rows].sort((x, y) => x[k] - y[k])[rows.length >> 1]![k];
console.log("median us", med("ev").toFixed(1), med("tr").toFixed(1));
