// The one door from codegen to the expression translator.

import type { Translate } from "./emit-bundle";

export const translateExpression: Translate = () => null;
