// The one door from codegen to the expression translator. Translated code
// calls the runtime ops library through `$rt.ops`; a construct the translator
// has no form for returns null (the emitter then calls the evaluator).

import { ts } from "ts-morph";
import { translateValueString } from "../expr/translate/index";
import type { Translate } from "./emit-bundle";

export const translateExpression: Translate = (text, rt) => {
  const ops = ts.factory.createPropertyAccessExpression(rt, "ops");
  try {
    return translateValueString(text, ops);
  } catch {
    return null;
  }
};
