// Answering an inquiry (`orqc inquiry respond`, `orqc run --respond`): check
// the response against the inquiry's schema, journal the core.ask step's
// final outcome in its execution (set-if-absent: the first response wins, and
// a TTL timeout journaled first wins over a late response), mark the inquiry
// answered, and resume the execution and the ones above it, as StackStorm
// resumes the root workflow. An inquiry that lists `users` takes responses
// from those users only (StackStorm's check_permission; `roles` need RBAC,
// which orqc does not have, so like StackStorm without RBAC it lets them pass).

import type { Backend, InquiryRecord, JsonObject, JsonValue } from "../backend/types";
import { COMPLETED, S } from "../engine/statuses";
import { validateResponse } from "../inquiry/validate-response";
import { DEFAULT_USER } from "../runners/types";

export type RespondOutcome =
  | { readonly ok: true; readonly inquiry: InquiryRecord }
  /**
   * unknown: no such inquiry; closed: answered, timed out or canceled; invalid: the schema refuses the
   * response; unauthorized: the inquiry lists users and the responder is not one of them.
   */
  | {
      readonly ok: false;
      readonly kind: "unknown" | "closed" | "invalid" | "unauthorized";
      readonly error: string;
    };

export async function respondInquiry(
  backend: Backend,
  id: string,
  response: JsonValue,
  now = Date.now(),
  responder: string = DEFAULT_USER,
): Promise<RespondOutcome> {
  const inquiry = await backend.inquiries.get(id);
  if (!inquiry) return { ok: false, kind: "unknown", error: `no inquiry ${id}` };
  if (inquiry.status !== "pending") return closed(id, inquiry.status);
  if (inquiry.expiresAt !== undefined && now >= inquiry.expiresAt) return closed(id, "timeout");
  const users = Array.isArray(inquiry.parameters.users) ? inquiry.parameters.users.map(String) : [];
  if (users.length > 0 && !users.includes(responder))
    return {
      ok: false,
      kind: "unauthorized",
      error: `user "${responder}" may not respond to inquiry ${id}: it takes responses from ${users.map((u) => `"${u}"`).join(", ")}`,
    };
  const check = validateResponse(inquiry.parameters.schema ?? null, response);
  if (!check.ok)
    return {
      ok: false,
      kind: "invalid",
      error: `the response to inquiry ${id} does not match its schema: ${check.errors.join("; ")}`,
    };
  const result: JsonObject = { ...inquiry.parameters, response: check.response };
  const written = await backend.journal.record(inquiry.execId, inquiry.stepId, {
    kind: "action",
    status: S.succeeded,
    value: result,
    at: now,
  });
  if (!written.recorded) return closed(id, written.entry.status ?? S.succeeded);
  const answered: InquiryRecord = {
    ...inquiry,
    status: "succeeded",
    response: check.response,
    respondedAt: now,
  };
  await backend.inquiries.put(answered);
  await resumeAfterInquiry(backend, inquiry);
  return { ok: true, inquiry: answered };
}

function closed(id: string, status: string): RespondOutcome {
  const why =
    status === S.succeeded ? "already responded" : status === S.expired ? "timed out" : `already ${status}`;
  return { ok: false, kind: "closed", error: `inquiry ${id} is ${why}; it takes no response` };
}

/**
 * Marks the execution and its ancestors running again (unless a user paused
 * them) and wakes the execution; the ancestors wake when it ends.
 */
async function resumeAfterInquiry(backend: Backend, inquiry: InquiryRecord): Promise<void> {
  let id: string | undefined = inquiry.execId;
  for (let depth = 0; id && depth < 100; depth++) {
    const rec = await backend.executions.get(id);
    if (!rec || COMPLETED.has(rec.status)) break;
    if (!rec.pauseRequested) await backend.executions.patch(id, { status: S.running }, [S.paused, S.pausing]);
    id = rec.parentId;
  }
  await backend.queue.enqueue(inquiry.execId, null, { jobId: `${inquiry.execId}.inquiry.${inquiry.id}` });
}
