// Every distinct string of a program that holds an expression: these are the
// strings the runtime renders, so each gets a compiled function.

import { isDict, type PyValue } from "../../runtime/stdlib/py/value";
import { languageOf } from "../expr/index";
import type { ProgramIR } from "../program/types";

type Walkable = PyValue | undefined | readonly Walkable[] | { readonly [key: string]: Walkable };

export function collectExpressions(program: ProgramIR): string[] {
  const found = new Set<string>();
  const walk = (v: Walkable): void => {
    if (typeof v === "string") {
      if (languageOf(v) !== null) found.add(v);
      return;
    }
    if (Array.isArray(v)) {
      for (const x of v) walk(x);
      return;
    }
    if (v !== null && typeof v === "object" && (isDict(v) || Object.getPrototypeOf(v) === Object.prototype)) {
      const obj = v as { readonly [key: string]: Walkable };
      for (const k of Object.keys(obj)) {
        if (languageOf(k) !== null) found.add(k);
        walk(obj[k]);
      }
    }
  };
  for (const unit of Object.values(program.units)) walk(unit.workflow as unknown as Walkable);
  return [...found].sort();
}
