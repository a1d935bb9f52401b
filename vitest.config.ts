import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    // Two test files at a time, also on this 2-core machine (vitest's default is cores - 1):
    // the end-to-end files mostly wait on the processes they start, and the suite's wall
    // time drops from about 590 s to 390 s. Tests share nothing by name (random Redis
    // prefixes, PostgreSQL schemas, temp homes, ports chosen by the system).
    poolOptions: { forks: { minForks: 1, maxForks: 2 } },
  },
});
