// Wires the YAQL and Jinja evaluators into the render layer.

import {
  evaluateJinjaExpressionText,
  isJinjaStrictUndefined,
  jinjaValueToText,
  renderJinjaTemplateText,
} from "./jinja/index";
import type { ExpressionLanguages } from "./render";
import { evaluateYaqlExpression, yaqlResultText } from "./yaql/index";

export const LANGUAGES: ExpressionLanguages = {
  // Called with one `<% %>` occurrence at a time: render.ts does the interpolation.
  evaluateYaql: evaluateYaqlExpression,
  yaqlStr: yaqlResultText,
  evaluateJinja: (exprText, env) => {
    const value = evaluateJinjaExpressionText(exprText, env);
    return isJinjaStrictUndefined(value) ? null : { value };
  },
  renderJinjaTemplate: renderJinjaTemplateText,
  jinjaStr: jinjaValueToText,
};
