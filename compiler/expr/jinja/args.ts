// Binding positional and keyword arguments to a parameter list, with
// Python's TypeError messages.

import { type PyDict, type PyValue, typeError } from "../../../runtime/stdlib/py/value";

/** Values for `params` (undefined where not given); the first `required` params must be given. */
export function bindArgs(
  fname: string,
  args: readonly PyValue[],
  kwargs: PyDict,
  params: readonly string[],
  required = 0,
): (PyValue | undefined)[] {
  if (args.length > params.length) {
    throw typeError(
      `${fname}() takes at most ${params.length} argument${params.length === 1 ? "" : "s"} (${args.length} given)`,
    );
  }
  const out: (PyValue | undefined)[] = params.map((_, i) => args[i]);
  for (const key of Object.keys(kwargs)) {
    const i = params.indexOf(key);
    if (i < 0) throw typeError(`${fname}() got an unexpected keyword argument '${key}'`);
    if (out[i] !== undefined) throw typeError(`${fname}() got multiple values for argument '${key}'`);
    out[i] = kwargs[key];
  }
  for (let i = 0; i < required; i++) {
    if (out[i] === undefined) throw typeError(`${fname}() missing required argument: '${params[i]}'`);
  }
  return out;
}
