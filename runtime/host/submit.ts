// Submitting an execution: resolve REF or FILE, apply the workflow's input
// rules (StackStorm's parameter layer), create the record with its st2
// context, and enqueue it. Input problems come back as messages.

import { newExecutionId } from "../backend/ids";
import type { ExecutionRecord } from "../backend/types";
import { rootContext } from "../engine/st2-context";
import { currentUser } from "../runners/types";
import { dictSet } from "../stdlib/py/dict";
import type { PyDict } from "../stdlib/py/value";
import { submitAction } from "./action-run";
import { fromJson } from "./json";
import { enqueueNew } from "./new-execution";
import { packConfigOf } from "./pack-config";
import { workflowInput } from "./params";
import type { HostServices } from "./services";

export interface SubmitRequest {
  /** Action/bundle ref or workflow file. */
  readonly target: string;
  readonly input?: PyDict;
  readonly user?: string;
  /** Inputs that are values already, not text (a re-run's): never parsed as JSON text. */
  readonly typedKeys?: ReadonlySet<string>;
  /** The execution this one re-runs (`orqc rerun`), kept in its context. */
  readonly rerunOf?: string;
}

export type SubmitOutcome = { ok: true; record: ExecutionRecord } | { ok: false; error: string };

export async function submitExecution(services: HostServices, req: SubmitRequest): Promise<SubmitOutcome> {
  const target = services.programs.resolveTarget(req.target);
  if (!target.ok) return target;
  const user = req.user ?? currentUser();
  if (target.value.kind === "action") {
    const action = services.catalog.resolve(target.value.ref);
    if (!action) return { ok: false, error: `no action named "${target.value.ref}"` };
    return submitAction(services, action, req.input ?? {}, user, req.rerunOf);
  }
  const loaded = await services.programs.loadProgram(target.value);
  if (!loaded.ok) return loaded;
  const program = loaded.value;
  const id = newExecutionId();
  const st2 = rootContext(id, program.ref, user, program.pack);
  let config: PyDict;
  try {
    config = await packConfigOf(services, program.pack, user);
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  const given = program.parameters ? (req.input ?? {}) : untyped(req.input ?? {}, req.typedKeys);
  const input = await workflowInput(given, program.parameters, {
    config,
    actionContext: st2.parent as PyDict,
    datastore: services.datastore,
    user,
  });
  if (!input.ok)
    return { ok: false, error: `invalid input for ${program.ref ?? req.target}: ${input.error}` };
  return enqueueNew(services, {
    id,
    ref: program.ref ?? program.path,
    target: program.target,
    st2,
    input: input.params,
    user,
    parameters: program.parameters,
    ...(req.rerunOf ? { rerunOf: req.rerunOf } : {}),
    version: program.version,
  });
}

/** Without parameter metadata nothing casts text: JSON-looking values (numbers, lists...) are parsed. */
function untyped(input: PyDict, typedKeys?: ReadonlySet<string>): PyDict {
  const out: PyDict = {};
  for (const [k, v] of Object.entries(input)) {
    let value = v;
    if (typeof v === "string" && !typedKeys?.has(k) && /^\s*([-\d[{"]|true\b|false\b|null\b)/.test(v)) {
      try {
        value = fromJson(JSON.parse(v));
      } catch {
        value = v;
      }
    }
    dictSet(out, k, value);
  }
  return out;
}
