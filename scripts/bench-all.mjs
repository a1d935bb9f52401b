// `npm run bench`: runs every benchmark under bench/ in turn (each prints a
// table and writes bench/results/<name>.json). Pass names to run only those:
//   npm run bench -- compile interpreter
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

const only = process.argv.slice(2);
const scripts = JSON.parse(readFileSync("package.json", "utf8")).scripts;
const benches = readdirSync("bench")
  .filter((f) => f.endsWith(".ts") && !f.startsWith("_"))
  .map((f) => f.replace(/\.ts$/, ""))
  .filter((name) => only.length === 0 || only.includes(name));
let failed = 0;
for (const name of benches) {
  console.log(`\n## bench/${name}.ts`);
  // A bench with its own npm script runs the way that script says (some run as one esbuild bundle).
  const r = scripts[`bench:${name}`]
    ? spawnSync("npm", ["run", "--silent", `bench:${name}`], { stdio: "inherit" })
    : spawnSync("npx", ["vite-node", `bench/${name}.ts`], { stdio: "inherit" });
  if (r.status !== 0) failed++;
}
process.exitCode = failed > 0 ? 1 : 0;
