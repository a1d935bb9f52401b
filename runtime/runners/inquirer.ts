// inquirer (core.ask): asks a person for a response. The runner only reports
// `pending` with what the inquiry needs; the host keeps the inquiry open
// until `orqc inquiry respond` (runtime/host/inquiry-steps.ts).

import type { JsonObject, JsonValue } from "../backend/types";
import { DEFAULT_INQUIRY_SCHEMA, INQUIRER_PARAMS } from "./runner-params";
import type { Runner } from "./types";

export const inquirerRunner: Runner = {
  name: "inquirer",
  runnerParameters: INQUIRER_PARAMS,
  async run(params) {
    return { status: "pending", result: inquiryParameters(params) };
  },
};

/** `{schema, roles, users, route, ttl}` with StackStorm's defaults for what is missing. */
export function inquiryParameters(params: JsonObject): JsonObject {
  const pick = (name: string, fallback: JsonValue): JsonValue =>
    params[name] === undefined || params[name] === null ? fallback : params[name]!;
  return {
    schema: pick("schema", structuredClone(DEFAULT_INQUIRY_SCHEMA)),
    roles: pick("roles", []),
    users: pick("users", []),
    route: pick("route", ""),
    ttl: pick("ttl", 1440),
  };
}
