// CPython's set hash table, for the order yaql's set algebra leaves behind:
// frozenset.union/intersection/difference/symmetric_difference copy one
// operand's table and add or discard (leaving dummies) the other's elements,
// so their iteration order is not that of inserting the result afresh.
// Only for sets of numbers (their hashes are known); see py-set-order.ts.

import { type PyValue, pyEquals } from "../../../runtime/stdlib/py/value";
import { stableHash } from "./py-set-order";

const U64 = (1n << 64n) - 1n;
const LINEAR_PROBES = 9;
const DUMMY = -1;
const EMPTY = -2;

interface Entry {
  readonly item: PyValue;
  readonly hash: bigint;
}

export class SetTable {
  private slots: number[] = new Array(8).fill(EMPTY);
  private entries: Entry[] = [];
  private fill = 0;
  private used = 0;

  private get mask(): number {
    return this.slots.length - 1;
  }

  /** A table built by adding the items in order (frozenset(iterable)); undefined unless all are numbers. */
  static build(items: readonly PyValue[]): SetTable | undefined {
    const t = new SetTable();
    for (const item of items) if (!t.add(item)) return undefined;
    return t;
  }

  /** Active items in slot order: the set's iteration order. */
  order(): PyValue[] {
    return this.slots.filter((s) => s >= 0).map((s) => this.entries[s]!.item);
  }

  get size(): number {
    return this.used;
  }

  /** make_new_set(type, other): an empty table merged with `other`. */
  static copyOf(other: SetTable): SetTable {
    const t = new SetTable();
    t.merge(other);
    return t;
  }

  /** set_merge: one resize up front; an empty same-size table without dummies copies slots, else inserts. */
  merge(other: SetTable): void {
    if ((this.fill + other.used) * 5 >= this.mask * 3) this.resize((this.used + other.used) * 2);
    if (this.fill === 0 && this.mask === other.mask && other.fill === other.used) {
      this.slots = other.slots.map((s) => (s >= 0 ? this.entries.push(other.entries[s]!) - 1 : EMPTY));
      this.fill = other.fill;
      this.used = other.used;
      return;
    }
    for (const item of other.order()) this.add(item);
  }

  has(item: PyValue): boolean {
    return this.find(item) !== undefined;
  }

  /** set_add_entry: the first dummy on the probe path is reused; resizes when 3/5 full. False when item has no known hash. */
  add(item: PyValue): boolean {
    const hash = stableHash(item);
    if (hash === null) return false;
    let freeslot: number | undefined;
    for (const at of this.probe(hash)) {
      const s = this.slots[at]!;
      if (s >= 0 && this.entries[s]!.hash === hash && pyEquals(this.entries[s]!.item, item)) return true;
      if (s === DUMMY) freeslot ??= at;
      if (s !== EMPTY) continue;
      this.slots[freeslot ?? at] = this.entries.push({ item, hash }) - 1;
      this.used++;
      if (freeslot === undefined) {
        this.fill++;
        if (this.fill * 5 >= this.mask * 3) this.resize(this.used > 50000 ? this.used * 2 : this.used * 4);
      }
      return true;
    }
    return true;
  }

  /** set_discard_entry: the slot becomes a dummy. */
  discard(item: PyValue): boolean {
    const at = this.find(item);
    if (at === undefined) return false;
    this.slots[at] = DUMMY;
    this.used--;
    return true;
  }

  private find(item: PyValue): number | undefined {
    const hash = stableHash(item);
    if (hash === null) return undefined;
    for (const at of this.probe(hash)) {
      const s = this.slots[at]!;
      if (s === EMPTY) return undefined;
      if (s >= 0 && this.entries[s]!.hash === hash && pyEquals(this.entries[s]!.item, item)) return at;
    }
    return undefined;
  }

  /** CPython's probe sequence for `hash`: runs of LINEAR_PROBES + 1 slots, then a perturbed jump; endless. */
  private *probe(hash: bigint): Generator<number> {
    const mask = BigInt(this.mask);
    let perturb = hash & U64;
    let i = hash & mask;
    for (;;) {
      const start = Number(i);
      const probes = start + LINEAR_PROBES <= this.mask ? LINEAR_PROBES : 0;
      for (let j = 0; j <= probes; j++) yield start + j;
      perturb >>= 5n;
      i = (i * 5n + 1n + perturb) & mask;
    }
  }

  /** set_table_resize: the smallest power of two above minUsed; active entries reinserted in slot order. */
  private resize(minUsed: number): void {
    let size = 8;
    while (size <= minUsed) size <<= 1;
    const old = this.slots.filter((s) => s >= 0).map((s) => this.entries[s]!);
    this.slots = new Array(size).fill(EMPTY);
    this.entries = [];
    this.fill = 0;
    this.used = 0;
    for (const e of old) {
      for (const at of this.probe(e.hash)) {
        if (this.slots[at] !== EMPTY) continue;
        this.slots[at] = this.entries.push(e) - 1;
        break;
      }
      this.fill++;
      this.used++;
    }
  }
}

/** frozenset.union / intersection / difference / symmetric_difference as CPython 3.11 computes them: the result's table. */
export function setAlgebra(
  op: "union" | "intersection" | "difference" | "symmetric_difference",
  left: SetTable,
  right: SetTable,
): SetTable {
  switch (op) {
    case "union": {
      const t = SetTable.copyOf(left);
      t.merge(right);
      return t;
    }
    case "intersection": {
      const [big, small] = right.size > left.size ? [right, left] : [left, right];
      const t = new SetTable();
      for (const x of small.order()) if (big.has(x)) t.add(x);
      return t;
    }
    case "difference": {
      if (left.size >> 2 > right.size) {
        const t = SetTable.copyOf(left);
        for (const x of right.order()) t.discard(x);
        return t;
      }
      const t = new SetTable();
      for (const x of left.order()) if (!right.has(x)) t.add(x);
      return t;
    }
    case "symmetric_difference": {
      const t = SetTable.copyOf(right);
      for (const x of left.order()) if (!t.discard(x)) t.add(x);
      return t;
    }
  }
}
