// Execution ids: time-ordered (so listings sort by creation without an index
// in memory) and random enough for many workers; no braces, so they can sit
// inside a Redis hash tag.

import { randomBytes } from "node:crypto";

let last = 0;
let counter = 0;

export function newExecutionId(): string {
  const now = Date.now();
  counter = now === last ? counter + 1 : 0;
  last = now;
  const time = now.toString(36).padStart(9, "0");
  const seq = counter.toString(36).padStart(3, "0");
  return `${time}${seq}${randomBytes(5).toString("hex")}`;
}

const ID_RE = /^[A-Za-z0-9_.:-]{1,200}$/;

/** Ids (execution, step, timer owner) must stay plain so keys cannot be confused. */
export function assertPlainId(kind: string, id: string): void {
  if (!ID_RE.test(id)) throw new Error(`invalid ${kind} id ${JSON.stringify(id)}`);
}
