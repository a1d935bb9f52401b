// The runtime library of translated expressions (compiler/expr/translate):
// one namespace object whose members generated code calls, e.g.
// `$rt.y.call(...)`, `$rt.j.filter(...)`, `$rt.r.yaql(...)`, `$rt.v.float(1)`.

import * as jinja from "./jinja";
import * as render from "./render";
import * as values from "./values";
import * as yaql from "./yaql";

// Plain objects rather than the module namespaces: a bundler turns a namespace
// into an object of getters, one call per `$rt.y.x` in generated code.
export const j = { ...jinja };
export const r = { ...render };
export const v = { ...values };
export const y = { ...yaql };

/** Everything at once, for a runtime API that re-exports a single object. */
export const ops = { j, r, v, y } as const;
