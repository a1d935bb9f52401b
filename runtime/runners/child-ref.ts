// Whether a helper child process (a warm Python host, the process launcher)
// keeps this process alive: an idle helper must not keep a CLI from exiting;
// one that is doing work for it must.

import type { ChildProcess } from "node:child_process";

export function setChildRef(child: ChildProcess, on: boolean): void {
  const handles = [child, ...child.stdio] as Array<{ ref?: () => void; unref?: () => void } | null>;
  for (const h of handles) (on ? h?.ref : h?.unref)?.call(h);
}
