// In-memory journal: per execution, step id -> entry (JSON text), the arrival
// order, and start counts. One process, so set-if-absent is a plain check.

import type { JournalEntry, JournalSnapshot, JournalStore, RecordOutcome } from "../types";
import { parseValue, stringifyValue } from "../value-json";

interface ExecJournal {
  entries: Map<string, string>;
  order: string[];
  starts: Map<string, number>;
}

export class MemoryJournalStore implements JournalStore {
  private readonly journals = new Map<string, ExecJournal>();

  async record(execId: string, stepId: string, entry: JournalEntry): Promise<RecordOutcome> {
    const journal = this.journal(execId);
    const existing = journal.entries.get(stepId);
    if (existing !== undefined) {
      return { recorded: false, entry: parseValue(existing), seq: journal.order.indexOf(stepId) };
    }
    const text = stringifyValue(entry);
    journal.entries.set(stepId, text);
    journal.order.push(stepId);
    return { recorded: true, entry: parseValue(text), seq: journal.order.length - 1 };
  }

  async get(execId: string, stepId: string): Promise<JournalEntry | undefined> {
    const text = this.journals.get(execId)?.entries.get(stepId);
    return text === undefined ? undefined : parseValue(text);
  }

  async load(execId: string): Promise<JournalSnapshot> {
    const journal = this.journals.get(execId);
    const entries = new Map<string, JournalEntry>();
    if (!journal) return { entries, order: [], starts: new Map() };
    for (const [id, text] of journal.entries) entries.set(id, parseValue(text));
    return { entries, order: [...journal.order], starts: new Map(journal.starts) };
  }

  async markStarted(execId: string, stepId: string): Promise<number> {
    const journal = this.journal(execId);
    const count = (journal.starts.get(stepId) ?? 0) + 1;
    journal.starts.set(stepId, count);
    return count;
  }

  async clear(execId: string): Promise<void> {
    this.journals.delete(execId);
  }

  private journal(execId: string): ExecJournal {
    let journal = this.journals.get(execId);
    if (!journal) {
      journal = { entries: new Map(), order: [], starts: new Map() };
      this.journals.set(execId, journal);
    }
    return journal;
  }
}
