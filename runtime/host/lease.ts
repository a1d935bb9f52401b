// The execution lease: one worker at a time advances an execution. Renewed in
// the background; a run checks it again before starting an action when the
// last renewal is not fresh (an overloaded worker whose lease expired must
// not run actions another worker is now running). Losing it deposes the run.

import type { ExecutionStore } from "../backend/types";

export class Lease {
  private lastOk = 0;
  private timer: NodeJS.Timeout | undefined;
  lost = false;

  constructor(
    private readonly store: ExecutionStore,
    private readonly execId: string,
    private readonly owner: string,
    private readonly ttlMs: number,
    private readonly onLost: () => void,
  ) {}

  async acquire(): Promise<boolean> {
    const ok = await this.store.acquireLease(this.execId, this.owner, this.ttlMs);
    if (!ok) return false;
    this.lastOk = Date.now();
    this.timer = setInterval(() => void this.renew(), Math.max(50, Math.floor(this.ttlMs / 4)));
    this.timer.unref?.();
    return true;
  }

  /** True when the lease is (still) ours; renews it when the last renewal is older than a third of its life. */
  async ensure(): Promise<boolean> {
    if (this.lost) return false;
    if (Date.now() - this.lastOk < this.ttlMs / 3) return true;
    return this.renew();
  }

  private async renew(): Promise<boolean> {
    if (this.lost) return false;
    const started = Date.now();
    let ok: boolean;
    try {
      ok = await this.store.acquireLease(this.execId, this.owner, this.ttlMs);
    } catch {
      return Date.now() - this.lastOk < this.ttlMs;
    }
    if (ok) {
      this.lastOk = started;
      return true;
    }
    this.lost = true;
    this.stop();
    this.onLost();
    return false;
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  async release(): Promise<void> {
    this.stop();
    if (!this.lost) await this.store.releaseLease(this.execId, this.owner).catch(() => {});
  }
}
