// The runtime library of translated expressions (compiler/expr/translate):
// one namespace object whose members generated code calls, e.g.
// `$rt.y.call(...)`, `$rt.j.filter(...)`, `$rt.r.yaql(...)`, `$rt.v.float(1)`.

import * as j from "./jinja";
import * as r from "./render";
import * as v from "./values";
import * as y from "./yaql";

export { j, r, v, y };

/** Everything at once, for a runtime API that re-exports a single object. */
export const ops = { j, r, v, y } as const;
