// Translation of Orquesta expression values (YAQL and Jinja) into TypeScript
// expressions over the runtime ops library (runtime/stdlib/ops): the result of
// a translated value equals renderValue() on it for every environment.

export { translateJinjaExpression, translateJinjaTemplate } from "./jinja";
export { translateValue, translateValueString } from "./render";
export { translateYaqlExpression, Untranslatable } from "./yaql";
