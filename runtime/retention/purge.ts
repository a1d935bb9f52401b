// Retention: removing executions that completed before a cutoff, as StackStorm's
// st2-purge-executions tool and its garbage collector do. A workflow goes as a
// whole: its record, every execution under it (sub-workflows, actions), their
// journals and leases, and their inquiries. Nothing active is ever removed: a
// tree goes only once its root has completed, and the cutoff applies to the
// root's finish time. An execution whose root record is gone (a purge cut off
// half way) counts as a root itself.

import type { Backend, ExecutionBrief } from "../backend/types";
import { COMPLETED } from "../engine/statuses";

export interface PurgeRule {
  /** Trees whose root finished before this time (epoch ms). */
  readonly before: number;
  /** Only trees whose root runs this ref. */
  readonly ref?: string;
  /** Only trees whose root ended with one of these statuses (any completed status when absent). */
  readonly statuses?: readonly string[];
}

export interface PurgeSelection {
  /** The roots whose trees go, oldest first. */
  readonly roots: readonly ExecutionBrief[];
  /** Every execution that goes, roots included; children before their root. */
  readonly ids: readonly string[];
}

export interface PurgeResult extends PurgeSelection {
  readonly inquiries: number;
  readonly dryRun: boolean;
}

/** Whether `b`, as the root of its tree, falls under the rule. */
export function rootMatches(b: ExecutionBrief, rule: PurgeRule): boolean {
  if (!COMPLETED.has(b.status)) return false;
  if (!((b.finishedAt ?? b.updatedAt) < rule.before)) return false;
  if (rule.ref !== undefined && b.ref !== rule.ref) return false;
  return rule.statuses === undefined || rule.statuses.includes(b.status);
}

function rootOf(b: ExecutionBrief): string | undefined {
  return b.rootId ?? b.parentId;
}

/**
 * Picks the trees to remove among `briefs` (every execution created before
 * the cutoff, oldest first; a tree's executions are all created before its
 * root finished). `exists` answers for roots that are not among them.
 */
export async function selectPurge(
  briefs: readonly ExecutionBrief[],
  rule: PurgeRule,
  exists: (ids: readonly string[]) => Promise<ReadonlySet<string>>,
): Promise<PurgeSelection> {
  const byId = new Map(briefs.map((b) => [b.id, b]));
  const missingRoots = [
    ...new Set(briefs.map(rootOf).filter((r): r is string => r !== undefined && !byId.has(r))),
  ];
  const stillThere = missingRoots.length > 0 ? await exists(missingRoots) : new Set<string>();
  const isRoot = (b: ExecutionBrief): boolean => {
    const root = rootOf(b);
    return root === undefined || (!byId.has(root) && !stillThere.has(root));
  };
  const candidates = new Set(briefs.filter((b) => isRoot(b) && rootMatches(b, rule)).map((b) => b.id));
  const members = briefs.filter((b) => !isRoot(b) && candidates.has(rootOf(b)!));
  // A tree with a member still active (a child not yet ended) stays whole.
  for (const m of members) if (!COMPLETED.has(m.status)) candidates.delete(rootOf(m)!);
  const roots = briefs.filter((b) => candidates.has(b.id));
  const children = members.filter((m) => candidates.has(rootOf(m)!)).map((m) => m.id);
  return { roots, ids: [...children.reverse(), ...roots.map((r) => r.id)] };
}

const PAGE = 500;
const DELETE_BATCH = 100;

/** Every execution created before `before`, oldest first, read page by page. */
async function briefsCreatedBefore(backend: Backend, before: number): Promise<ExecutionBrief[]> {
  const out: ExecutionBrief[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const ids = await backend.executions.idsCreatedBefore(before, offset, PAGE);
    for (const b of await backend.executions.briefs(ids)) if (b) out.push(b);
    if (ids.length < PAGE) return out;
  }
}

/** Removes (or, with dryRun, only lists) the trees the rule selects. */
export async function purgeExecutions(
  backend: Backend,
  rule: PurgeRule,
  options: { readonly dryRun?: boolean } = {},
): Promise<PurgeResult> {
  const selection = await selectPurge(await briefsCreatedBefore(backend, rule.before), rule, async (ids) => {
    const found = await backend.executions.briefs(ids);
    return new Set(ids.filter((_, i) => found[i] !== undefined));
  });
  const gone = new Set(selection.ids);
  const inquiries = (await backend.inquiries.list())
    .filter((q) => gone.has(q.execId) || gone.has(q.rootId))
    .map((q) => q.id);
  const dryRun = options.dryRun ?? false;
  if (!dryRun) {
    // Inquiries first, then children before their root: a purge cut off half
    // way leaves no inquiry without its execution, and the rest is found again.
    await backend.inquiries.delete(inquiries);
    for (let i = 0; i < selection.ids.length; i += DELETE_BATCH)
      await Promise.all(selection.ids.slice(i, i + DELETE_BATCH).map((id) => backend.executions.delete(id)));
  }
  return { ...selection, inquiries: inquiries.length, dryRun };
}
