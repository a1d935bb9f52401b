// A readable dump of an execution's journal, with secrets masked: what
// `orqc status --journal` and debug logs print.

import type { JournalSnapshot, JsonValue } from "../backend/types";
import type { SecretSet } from "../secrets/mask";

export interface JournalDumpEntry {
  readonly seq: number;
  readonly step: string;
  readonly kind: string;
  readonly status?: string;
  readonly starts: number;
  readonly at: number;
  readonly value: JsonValue;
}

export function dumpJournal(snapshot: JournalSnapshot, secrets?: SecretSet): JournalDumpEntry[] {
  return snapshot.order.map((step, seq) => {
    const entry = snapshot.entries.get(step);
    const value = entry?.value ?? null;
    return {
      seq,
      step,
      kind: entry?.kind ?? "missing",
      ...(entry?.status !== undefined ? { status: entry.status } : {}),
      starts: snapshot.starts.get(step) ?? 0,
      at: entry?.at ?? 0,
      value: secrets ? secrets.maskValue(value) : value,
    };
  });
}
