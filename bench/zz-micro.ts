import { caseEnv } from "../compiler/expr/index";
import { translateAll } from "../test/unit/expr/translate/harness";
const exprs = ["<% ctx(x) + 1 %>"];
const fns = await translateAll(exprs);
const env = caseEnv({ ctx: { x: 1, l: [1, 2, 3] } });
for (let k = 0; k < exprs.length; k++) {
  const f = fns[k]!;
  for (let i = 0; i < 20000; i++) f(env);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < 300000; i++) f(env);
  console.log(exprs[k], (Number(process.hrtime.bigint() - t0) / 1e3 / 100000).toFixed(2), "us");
}
