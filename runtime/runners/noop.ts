// noop (core.noop): does nothing, always succeeds.

import type { Runner } from "./types";

export const noopRunner: Runner = {
  name: "noop",
  runnerParameters: {},
  async run() {
    return { status: "succeeded", result: { failed: false, succeeded: true, return_code: 0 } };
  },
};
