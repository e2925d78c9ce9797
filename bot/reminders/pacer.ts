/**
 * Spaces sends to at most `perSecond` a second across this process, within
 * the channels' published limits (Teams: 50 requests/s per app per tenant).
 */
export class Pacer {
  private nextSlot = 0;

  constructor(
    /** Also sizes the dispatcher's batches: one second of sends. */
    readonly perSecond: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  async take(): Promise<void> {
    const now = this.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + 1000 / this.perSecond;
    if (slot > now) await this.sleep(slot - now);
  }
}
