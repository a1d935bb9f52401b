// The catalogue of functions Orquesta registers for both YAQL and Jinja
// (orquesta-semantics.md section 8.4). Importing this module loads every
// family; the evaluators look names up here. A function reports failures by
// throwing PyError, whose pyType names the Python exception.

import "./orquesta";
import "./st2";
import "./data";
import "./regex";
import "./misc";

export {
  type CatalogFunction,
  catalogNames,
  checksTypeFirst,
  type FunctionOptions,
  functionTakesContext,
  lookupFunction,
  registerFunction,
  type YaqlArguments,
  yaqlArgumentsOf,
} from "./catalog";
