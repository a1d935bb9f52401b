// Damaged copies of the corpus workflows for fuzz-inspect.mjs --corpus: real
// workflows with one to three of the mistakes authors make (a transition to a
// task that is not there, a task deleted or renamed, a variable published
// under another name, an expression left unclosed or misspelt, a join or
// retry of the wrong type, with-items over a name never set), so that the
// inspector comparison runs on the shapes real packs have, not only on random
// graphs.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseDocument, stringify } from "yaml";
import { rng } from "../trace-diff/gen-cases.mjs";

/** The text of every Orquesta workflow file under `dir` (version 1.0 with tasks), read once. */
export function corpusWorkflows(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(name) && p.includes("/workflows/")) {
        const text = readFileSync(p, "utf8");
        if (/^version:\s*['"]?1\.0/m.test(text) && /^tasks:/m.test(text)) out.push(text);
      }
    }
  };
  walk(dir);
  return out;
}

const isMap = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/** Every string in the workflow, with a setter, for expression damage. */
function strings(node, out = []) {
  if (Array.isArray(node))
    node.forEach((v, i) => {
      if (typeof v === "string") out.push({ get: () => node[i], set: (x) => (node[i] = x) });
      else strings(v, out);
    });
  else if (isMap(node))
    for (const k of Object.keys(node)) {
      const v = node[k];
      if (typeof v === "string") out.push({ get: () => node[k], set: (x) => (node[k] = x) });
      else strings(v, out);
    }
  return out;
}

/** The transitions of every task: [{task, transition}]. */
function transitions(wf) {
  const out = [];
  for (const [name, task] of Object.entries(wf.tasks ?? {}))
    if (isMap(task) && Array.isArray(task.next))
      for (const t of task.next) if (isMap(t)) out.push({ name, task, transition: t });
  return out;
}

const MUTATIONS = [
  // a transition to a task that is not there
  (r, wf) => {
    const ts = transitions(wf);
    if (ts.length === 0) return false;
    const t = r.pick(ts).transition;
    t.do = r.pick(["missing_task", ["missing_task"], "fail", "noop", "continue", "retry", ""]);
    return true;
  },
  // a task deleted (its references dangle)
  (r, wf) => {
    const names = Object.keys(wf.tasks ?? {});
    if (names.length < 2) return false;
    delete wf.tasks[r.pick(names)];
    return true;
  },
  // a task renamed without its references
  (r, wf) => {
    const names = Object.keys(wf.tasks ?? {});
    if (names.length === 0) return false;
    const old = r.pick(names);
    const tasks = {};
    for (const [k, v] of Object.entries(wf.tasks)) tasks[k === old ? `${old}_renamed` : k] = v;
    wf.tasks = tasks;
    return true;
  },
  // a published variable renamed (later ctx() reads of it are unknown)
  (r, wf) => {
    const ts = transitions(wf).filter((t) => t.transition.publish);
    if (ts.length === 0) return false;
    const t = r.pick(ts).transition;
    const list = Array.isArray(t.publish) ? t.publish : [t.publish];
    const entry = r.pick(list);
    if (!isMap(entry)) return false;
    const key = r.pick(Object.keys(entry));
    if (key === undefined) return false;
    entry[`${key}_x`] = entry[key];
    delete entry[key];
    return true;
  },
  // an expression damaged: unclosed, misspelt function, unknown variable, bad syntax
  (r, wf) => {
    const exprs = strings(wf).filter((s) => /<%|\{\{/.test(s.get()));
    if (exprs.length === 0) return false;
    const s = r.pick(exprs);
    const text = s.get();
    s.set(
      r.pick([
        text.replace(/%>|\}\}/, ""),
        text.replace(/ctx\(/, "ctxx("),
        text.replace(/ctx\(\)\.(\w+)|ctx\((\w+)\)|ctx\('(\w+)'\)/, "ctx().never_set"),
        text.replace(/<%/, "<% (").replace(/\{\{/, "{{ ("),
        text.replace(/\)/, "))"),
        `${text} <% $.%>`,
      ]),
    );
    return true;
  },
  // join, retry and delay of the wrong type or value
  (r, wf) => {
    const tasks = Object.values(wf.tasks ?? {}).filter(isMap);
    if (tasks.length === 0) return false;
    const task = r.pick(tasks);
    const field = r.pick(["join", "retry", "delay", "with"]);
    task[field] = r.pick(
      {
        join: ["all", 0, 1, 3, "x", -1, "<% ctx().n %>"],
        retry: [{ count: "x" }, { count: 2, delay: -1 }, { when: "<% failed() %>", count: 1 }, 3],
        delay: [-5, "x", "<% ctx().d %>", 0],
        with: [
          "<% ctx().never_set %>",
          { items: "x in <% ctx().l %>", concurrency: "y" },
          { concurrency: 2 },
        ],
      }[field],
    );
    return true;
  },
  // an input or var removed
  (r, wf) => {
    for (const section of r.pick([
      ["input", "vars"],
      ["vars", "input"],
    ])) {
      const list = wf[section];
      if (Array.isArray(list) && list.length > 0) {
        list.splice(r.int(0, list.length - 1), 1);
        return true;
      }
    }
    return false;
  },
  // an output that reads a task result or an unknown variable
  (r, wf) => {
    wf.output = [
      ...(Array.isArray(wf.output) ? wf.output : []),
      {
        extra: r.pick([
          "<% ctx().never_set %>",
          "{{ result() }}",
          "<% task(x).result %>",
          "<% ctx(",
          "plain",
        ]),
      },
    ];
    return true;
  },
];

/** A damaged copy of a workflow's text, or null when it did not parse as a mapping. */
export function mutateWorkflow(text, seed) {
  const r = rng(seed);
  const doc = parseDocument(text);
  const wf = doc.toJS();
  if (!isMap(wf) || !isMap(wf.tasks)) return null;
  const wanted = r.int(1, 3);
  for (let applied = 0, tries = 0; applied < wanted && tries < 20; tries++)
    if (r.pick(MUTATIONS)(r, wf)) applied++;
  return stringify(wf);
}
