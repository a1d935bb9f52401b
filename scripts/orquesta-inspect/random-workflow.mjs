// Seeded random Orquesta workflows for fuzz-inspect.mjs: mostly well formed,
// with variables published on some branches and read on others, joins,
// cycles, with-items, retry and delay; and, now and then, each kind of fault
// the inspector reports (schema, undefined tasks, reserved names, expression
// syntax, variables never assigned). Returns the YAML text.

import { stringify } from "yaml";
import { seededRandom } from "../lib/seeded.mjs";

const VARS = ["a", "b", "c", "hosts", "count", "msg"];
const ENGINE_COMMANDS = ["noop", "fail", "continue", "retry"];

export function randomWorkflow(seed) {
  const { next: r, pick, int, chance } = seededRandom(seed);
  // Half the workflows are well formed: only the variables' flow decides what is reported.
  const clean = r() < 0.5;
  const fault = (p) => !clean && r() < p;

  const taskCount = 1 + int(6);
  const taskNames = Array.from({ length: taskCount }, (_, i) =>
    fault(0.03) ? pick(ENGINE_COMMANDS) : chance(0.1) ? `tâche${i + 1}` : `t${i + 1}`,
  );
  const variable = () => (fault(0.08) ? `zz${int(3)}` : pick(VARS));
  const task = () => (fault(0.1) ? "missing_task" : pick(taskNames));

  function yaql() {
    const v = variable();
    return pick([
      `<% ctx(${v}) %>`,
      `<% ctx().${v} %>`,
      `<% $.${v} %>`,
      `<% ctx(${v}) + 1 %>`,
      `<% ctx(${v}) and ctx(${variable()}) %>`,
      `<% len(ctx(${v})) > 0 %>`,
      "<% succeeded() %>",
      "<% failed() %>",
      "<% result().stdout %>",
      `<% task_status(${task()}) = 'succeeded' %>`,
      `<% ctx(${v}).select($.x) %>`,
      `<% ctx(${v}).where($ > ctx(${variable()})) %>`,
      `<% let(x => ctx(${v})) -> $x %>`,
      "<% item() %>",
      `<% ctx(${v}) %> and <% ctx(${variable()}) %>`,
      ...(clean ? [] : [`<% ctx(${v} %>`, `<% $.${v}. %>`, "<% 1 + %>"]),
    ]);
  }
  function jinja() {
    const v = variable();
    return pick([
      `{{ ctx().${v} }}`,
      `{{ ctx('${v}') }}`,
      `{{ ctx("${v}") | default(1) }}`,
      `{{ ctx().${v} + ctx().${variable()} }}`,
      "{{ succeeded() }}",
      "{{ result().stdout }}",
      `{% if ctx().${v} %}yes{% endif %}`,
      `{% for x in ctx().${v} %}{{ x }}{% endfor %}`,
      `{% set y = ctx().${v} %}{{ y }}`,
      `{{ task('${task()}').result }}`,
      "{{ item() }}",
      `{{ ctx().${v} }} and {{ ctx().${variable()} }}`,
      ...(clean ? [] : ["{{ ctx(). }}", "{{ 1 + }}", `<% ctx(${v}) %> {{ ctx().${variable()} }}`]),
    ]);
  }
  const expr = () => (chance(0.5) ? yaql() : jinja());
  const inlineValue = () =>
    pick([`<% ctx(${variable()}) %>`, `"{{ ctx().${variable()} }}"`, "1", "text", `'<% $.${variable()} %>'`]);
  // "2020-01-02" is written plain: a YAML timestamp, which PyYAML makes a date.
  const value = () =>
    chance(0.7)
      ? expr()
      : pick([1, "text", true, null, [1, 2], { k: "v" }, "2020-01-02", ["2001-12-14 21:59:43.10"]]);

  const doc = { version: 1.0 };
  if (fault(0.02)) doc.version = 2.0;
  if (chance(0.7)) {
    const names = VARS.filter(() => chance(0.4));
    doc.input = names.map((n, i) =>
      chance(0.4) ? { [n]: i > 0 && chance(0.5) ? expr() : pick([1, "x", [1, 2], "2020-01-02"]) } : n,
    );
    if (fault(0.03)) doc.input = { a: 1 };
  }
  if (chance(0.5)) doc.vars = VARS.filter(() => chance(0.3)).map((n) => ({ [n]: value() }));

  const tasks = {};
  for (const name of taskNames) {
    const t = {};
    if (chance(0.85)) t.action = pick(["core.noop", "core.local", "core.echo", "examples.sub"]);
    if (t.action && chance(0.5)) t.input = { cmd: value(), ...(chance(0.3) ? { message: value() } : {}) };
    if (t.action && chance(0.1)) t.input = `cmd=${inlineValue()} message=${inlineValue()}`;
    if (chance(0.2)) {
      const items = pick([yaql(), jinja(), `x in ${yaql()}`, `x, y in ${yaql()}`, "<% ctx(hosts) %>"]);
      t.with = chance(0.5)
        ? items
        : { items, ...(chance(0.4) ? { concurrency: clean ? 2 : pick([2, "<% 1 %>", "x"]) } : {}) };
      if (clean) t.action ??= "core.local";
    }
    if (chance(0.2)) t.join = clean ? pick(["all", 1, 2]) : pick(["all", 1, 2, "some", 0]);
    if (chance(0.15))
      t.retry = {
        count: clean ? 2 : pick([2, "<% 3 %>", "x"]),
        ...(chance(0.5) ? { when: expr() } : {}),
        ...(chance(0.3) ? { delay: pick([1, expr()]) } : {}),
      };
    if (chance(0.1)) t.delay = clean ? pick([1, expr()]) : pick([1, expr(), "x"]);
    if (fault(0.03)) t.unknown_key = 1;
    if (chance(0.75)) {
      t.next = Array.from({ length: 1 + int(2) }, () => {
        const tr = {};
        if (chance(0.7)) tr.when = expr();
        if (chance(0.5)) {
          const publish = VARS.filter(() => chance(0.3)).map((n) => ({ [n]: value() }));
          tr.publish = chance(0.1) ? Object.assign({}, ...publish) : publish;
          // Inline parameters: `publish: a=<% ... %> b=1`, parsed by Orquesta into a mapping.
          if (chance(0.15))
            tr.publish = publish.map((p) => `${Object.keys(p)[0]}=${inlineValue()}`).join(" ");
        }
        if (chance(0.85)) {
          const targets = Array.from({ length: 1 + int(2) }, () =>
            chance(0.1) ? pick(ENGINE_COMMANDS) : task(),
          );
          tr.do = chance(0.5) ? targets : targets.join(", ");
        }
        return tr;
      });
      if (fault(0.03)) t.next = { do: task() };
    }
    // Orquesta 1.6 crashes on an empty task (`t1: {}`): not a case to compare.
    if (Object.keys(t).length === 0) t.action = "core.noop";
    tasks[name] = t;
  }
  doc.tasks = tasks;
  if (fault(0.03)) doc.tasks = taskNames;
  if (chance(0.6)) {
    doc.output = VARS.filter(() => chance(0.3)).map((n) => ({ [n]: value() }));
    if (clean && doc.output.length === 0) delete doc.output;
  }
  return stringify(doc, { lineWidth: 0 });
}
