// Pages of entries fetched from the core on demand, so the timeline can scroll through
// 100,000 entries while holding only what is near the screen.
import type { Entry, EntryPage } from './generated/types';

export type FetchPage = (offset: number, limit: number) => Promise<EntryPage>;

export class Pager {
  total = 0;
  private pages = new Map<number, Entry[]>();
  private excerpts = new Map<number, string[]>();
  private pending = new Map<number, Promise<void>>();
  private generation = 0;

  constructor(
    private fetch: FetchPage,
    readonly pageSize = 100,
    private keepPages = 12,
  ) {}

  /** The entry at `index`, when its page is loaded. */
  get(index: number): Entry | undefined {
    return this.pages.get(Math.floor(index / this.pageSize))?.[index % this.pageSize];
  }

  /** The core's plain-text excerpt of the entry at `index`, when its page is loaded. */
  excerpt(index: number): string | undefined {
    return this.excerpts.get(Math.floor(index / this.pageSize))?.[index % this.pageSize];
  }

  /** Loads the pages covering rows `start..end`; resolves when they are in. */
  async ensure(start: number, end: number): Promise<void> {
    const first = Math.floor(start / this.pageSize);
    const last = Math.floor(Math.max(start, end - 1) / this.pageSize);
    const loads: Promise<void>[] = [];
    for (let p = first; p <= last; p++) loads.push(this.load(p));
    await Promise.all(loads);
    this.evict(first, last);
  }

  /** Forgets everything (after a filter change or a write). */
  reset(): void {
    this.generation++;
    this.pages.clear();
    this.excerpts.clear();
    this.pending.clear();
  }

  private load(page: number): Promise<void> {
    if (this.pages.has(page)) return Promise.resolve();
    const inFlight = this.pending.get(page);
    if (inFlight) return inFlight;
    const gen = this.generation;
    const p = this.fetch(page * this.pageSize, this.pageSize)
      .then((res) => {
        if (gen !== this.generation) return;
        this.total = res.total;
        this.pages.set(page, res.entries);
        this.excerpts.set(page, res.excerpts);
      })
      .finally(() => {
        if (gen === this.generation) this.pending.delete(page);
      });
    this.pending.set(page, p);
    return p;
  }

  private evict(first: number, last: number): void {
    if (this.pages.size <= this.keepPages) return;
    const far = [...this.pages.keys()].sort(
      (a, b) => distance(b, first, last) - distance(a, first, last),
    );
    for (const p of far.slice(0, this.pages.size - this.keepPages)) {
      this.pages.delete(p);
      this.excerpts.delete(p);
    }
  }
}

function distance(p: number, first: number, last: number): number {
  return p < first ? first - p : p > last ? p - last : 0;
}
