// Static facts about an Orquesta workflow definition, for the example structure tests:
// transitions, start tasks, reachability, action refs and the ctx() names expressions use.
import { asObject, type Json, type JsonObject } from "./helpers";

export const ENGINE_COMMANDS = new Set(["continue", "fail", "noop", "retry"]);

export interface Transition {
  when?: string;
  publish: string[];
  targets: string[];
}

export interface TaskFacts {
  name: string;
  spec: JsonObject;
  action?: string;
  transitions: Transition[];
}

export function doTargets(value: Json | undefined): string[] {
  if (value === undefined) return ["continue"];
  if (typeof value === "string") return value.split(",").map((part) => part.trim());
  if (Array.isArray(value)) return value.map(String);
  throw new Error(`bad do: ${JSON.stringify(value)}`);
}

function oneKeyNames(list: Json | undefined): string[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new Error(`expected a list, got ${JSON.stringify(list)}`);
  return list.map((item) => (typeof item === "string" ? item : Object.keys(asObject(item))[0]!));
}

export function taskFacts(workflow: JsonObject): TaskFacts[] {
  return Object.entries(asObject(workflow.tasks)).map(([name, raw]) => {
    const spec = asObject(raw);
    const next = spec.next === undefined ? [] : (spec.next as Json[]);
    const transitions = next.map((entry) => {
      const t = asObject(entry);
      return {
        ...(typeof t.when === "string" ? { when: t.when } : {}),
        publish: oneKeyNames(t.publish),
        targets: doTargets(t.do),
      };
    });
    return { name, spec, ...(typeof spec.action === "string" ? { action: spec.action } : {}), transitions };
  });
}

export function declaredNames(workflow: JsonObject): Set<string> {
  const names = new Set([...oneKeyNames(workflow.input), ...oneKeyNames(workflow.vars)]);
  for (const task of taskFacts(workflow)) {
    for (const t of task.transitions) {
      for (const name of t.publish) names.add(name);
    }
  }
  return names;
}

export function inputNames(workflow: JsonObject): string[] {
  return oneKeyNames(workflow.input);
}

/** Tasks no transition points to (a self-loop counts as inbound), as Orquesta stages them. */
export function startTasks(workflow: JsonObject): string[] {
  const tasks = taskFacts(workflow);
  const inbound = new Set(tasks.flatMap((task) => task.transitions.flatMap((t) => t.targets)));
  return tasks.map((task) => task.name).filter((name) => !inbound.has(name));
}

export function reachable(workflow: JsonObject): Set<string> {
  const byName = new Map(taskFacts(workflow).map((task) => [task.name, task]));
  const seen = new Set<string>();
  const queue = [...startTasks(workflow)];
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (seen.has(name)) continue;
    seen.add(name);
    for (const t of byName.get(name)?.transitions ?? [])
      queue.push(...t.targets.filter((n) => byName.has(n)));
  }
  return seen;
}

/** Every string leaf under a value (mapping keys included). */
export function strings(value: Json | undefined): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && value !== undefined && typeof value === "object") {
    return Object.entries(value).flatMap(([key, item]) => [key, ...strings(item)]);
  }
  return [];
}

/** Names read through ctx().name, ctx(name) or ctx('name'). */
export function ctxReferences(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(/ctx\(\)\.(\w+)|ctx\(\s*['"]?(\w+)['"]?\s*\)/g)) {
    names.push((match[1] ?? match[2])!);
  }
  return names;
}

/** `{{ ... }}` / `<% ... %>` pairs balanced on one line (Orquesta does not match across lines). */
export function expressionsBalanced(text: string): boolean {
  const opens = (text.match(/\{\{/g) ?? []).length;
  const closes = (text.match(/\}\}/g) ?? []).length;
  const yOpens = (text.match(/<%/g) ?? []).length;
  const yCloses = (text.match(/%>/g) ?? []).length;
  return opens === closes && yOpens === yCloses && !/\{\{[^}]*\n/.test(text);
}
