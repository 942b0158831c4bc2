/**
 * How many bytes of files an ingest holds at once, read and not yet stored. Hundreds of files are in flight so
 * that the parsing threads never wait (see `filesInFlight`); the budget keeps that from meaning hundreds of
 * large PDFs in memory. Files take their turn in the order they asked.
 */
export class ByteBudget {
  private used = 0;
  private readonly waiting: { bytes: number; start: () => void }[] = [];

  constructor(readonly limit: number) {}

  /** Waits until `bytes` fit, then holds them. A file larger than the whole budget goes when nothing else is held. */
  async take(bytes: number): Promise<void> {
    if (this.waiting.length === 0 && this.fits(bytes)) {
      this.used += bytes;
      return;
    }
    await new Promise<void>((start) => this.waiting.push({ bytes, start }));
  }

  /** Gives back bytes taken, letting waiting files in. */
  give(bytes: number): void {
    this.used -= bytes;
    while (this.waiting.length > 0 && this.fits(this.waiting[0]!.bytes)) {
      const next = this.waiting.shift()!;
      this.used += next.bytes;
      next.start();
    }
  }

  /** Bytes held now. */
  get held(): number {
    return this.used;
  }

  private fits(bytes: number): boolean {
    return this.used === 0 || this.used + bytes <= this.limit;
  }
}
