// How inquiries print: one line each in listings, the schema in full for
// `orqc inquiry get`, and the block `orqc run`/`orqc status` add below a
// paused execution.

import type { Backend, InquiryRecord } from "../../runtime/backend/types";
import { stringifyValue } from "../../runtime/backend/value-json";

export function inquiryLine(i: InquiryRecord): string {
  const expires = i.expiresAt ? `, expires ${new Date(i.expiresAt).toISOString()}` : "";
  const root = i.rootId !== i.execId ? ` (root ${i.rootId})` : "";
  return `${i.id}  ${i.status}  task ${i.task}  execution ${i.execId}${root}${expires}`;
}

export function inquiryDetails(i: InquiryRecord): string {
  const p = i.parameters;
  const lines = [
    `inquiry ${i.id}: ${i.status}`,
    `  execution: ${i.execId}${i.rootId !== i.execId ? ` (root ${i.rootId})` : ""}`,
    `  task: ${i.task}`,
    `  roles: ${stringifyValue(p.roles ?? [])}`,
    `  users: ${stringifyValue(p.users ?? [])}`,
    `  route: ${stringifyValue(p.route ?? "")}`,
    `  ttl: ${stringifyValue(p.ttl ?? null)} min${i.expiresAt ? ` (expires ${new Date(i.expiresAt).toISOString()})` : ""}`,
    `  schema: ${stringifyValue(p.schema ?? null, 2).replace(/\n/g, "\n  ")}`,
  ];
  if (i.response) lines.push(`  response: ${stringifyValue(i.response)}`);
  return lines.join("\n");
}

/** Pending inquiries of an execution and of the executions under it. */
export async function pendingInquiriesOf(backend: Backend, execId: string): Promise<InquiryRecord[]> {
  const all = await backend.inquiries.list("pending");
  return all.filter((i) => i.rootId === execId || i.execId === execId);
}

/** The block under an execution paused on inquiries. */
export function pendingBlock(inquiries: readonly InquiryRecord[]): string {
  if (inquiries.length === 0) return "";
  const lines = ["  pending inquiries:"];
  for (const i of inquiries) {
    lines.push(`    ${i.id} task ${i.task} (execution ${i.execId})`);
    lines.push(`      schema: ${stringifyValue(i.parameters.schema ?? null)}`);
  }
  return `\n${lines.join("\n")}`;
}
