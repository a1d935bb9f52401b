// Writes docs/cli.md from the CLI's own help texts, so the reference never
// drifts from the code: `npm run build && node scripts/gen-cli-docs.mjs`.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";

const help = (...args) => execFileSync("node", ["bin/orqc.js", ...args, "--help"], { encoding: "utf8" });
const top = help();
const commands = [...top.matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]).filter((c) => c !== "help");
const parts = [
  "# orqc command reference",
  "",
  "Generated from `orqc <command> --help` by `scripts/gen-cli-docs.mjs`.",
  "",
  "Exit codes everywhere: `0` ok, `1` problems found in the input (or the workflow failed), `2` usage error.",
  "Colour only on a terminal, never with `NO_COLOR`.",
  "",
  "```text",
  top.trimEnd(),
  "```",
];
for (const c of commands) {
  parts.push("", `## orqc ${c}`, "", "```text", help(c).trimEnd(), "```");
  const subcommands = { kv: ["get", "set", "list", "delete"], inquiry: ["list", "get", "respond"] }[c] ?? [];
  for (const sub of subcommands) parts.push("", "```text", help(c, sub).trimEnd(), "```");
}
writeFileSync("docs/cli.md", `${parts.join("\n")}\n`);
console.log(`docs/cli.md: ${commands.length} commands`);
