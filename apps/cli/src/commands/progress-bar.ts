/** A one-line progress bar on a terminal (redrawn at most every 100 ms); plain lines every 10 % elsewhere. */
export class ProgressBar {
  private lastDraw = 0;
  private lastDecile = -1;
  private readonly startedAt = Date.now();

  constructor(
    private readonly total: number,
    private readonly out: NodeJS.WritableStream & { isTTY?: boolean } = process.stderr,
  ) {}

  update(done: number, detail: string, force = false): void {
    const share = this.total > 0 ? Math.min(1, done / this.total) : 1;
    if (this.out.isTTY) {
      if (!force && Date.now() - this.lastDraw < 100) return;
      this.lastDraw = Date.now();
      const width = 30;
      const bar = '█'.repeat(Math.round(share * width)).padEnd(width, '░');
      this.out.write(`\r${bar} ${(share * 100).toFixed(1).padStart(5)}%  ${detail}  ${this.eta(share)}\x1b[K`);
      return;
    }
    const decile = Math.floor(share * 10);
    if (decile === this.lastDecile && !force) return;
    this.lastDecile = decile;
    this.out.write(`${(share * 100).toFixed(0).padStart(3)}%  ${detail}\n`);
  }

  finish(): void {
    if (this.out.isTTY) this.out.write('\n');
  }

  private eta(share: number): string {
    const elapsed = (Date.now() - this.startedAt) / 1000;
    if (share <= 0 || share >= 1 || elapsed < 1) return '';
    return `ETA ${Math.round((elapsed / share) * (1 - share))} s`;
  }
}
