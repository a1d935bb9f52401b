// Inquiry identity. The id is derived from the execution id and the core.ask
// step id, so every replay of the step names the same inquiry and nothing
// extra has to be journaled. The pending phase of the step is journaled under
// its own id (the step id plus "/pending"), before the final outcome.

import { createHash } from "node:crypto";

export function inquiryId(execId: string, stepId: string): string {
  return `q${createHash("sha256").update(`${execId}\n${stepId}`).digest("hex").slice(0, 24)}`;
}

export function pendingStepId(stepId: string): string {
  return `${stepId}/pending`;
}

/** The journaled due time of an inquiry's TTL. */
export function ttlTimerId(stepId: string): string {
  return `~ttl/${stepId}`;
}
