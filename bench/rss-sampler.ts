/** Samples this process's resident set size while work runs, to find its peak. */
export class RssSampler {
  private peak = 0;
  private timer: NodeJS.Timeout | null = null;

  start(intervalMs = 25): void {
    this.peak = process.memoryUsage.rss();
    this.timer = setInterval(() => {
      const rss = process.memoryUsage.rss();
      if (rss > this.peak) this.peak = rss;
    }, intervalMs);
  }

  /** Stops sampling; returns the highest RSS seen, in bytes. */
  stop(): number {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const rss = process.memoryUsage.rss();
    return rss > this.peak ? rss : this.peak;
  }
}

/** A settled heap before an "idle" reading: full collections, when node runs with --expose-gc. */
export async function settleHeap(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < 3; i += 1) {
    gc?.();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
