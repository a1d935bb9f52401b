// JSON helpers shared by both backends: values are stored as JSON text so a
// caller never shares mutable objects with the store.

import type { JsonValue } from "./types";

export function toJson(value: JsonValue | undefined): string {
  return JSON.stringify(value === undefined ? null : value);
}

export function fromJson<T = JsonValue>(text: string): T {
  return JSON.parse(text) as T;
}

export function cloneJson<T extends JsonValue>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
