// As-you-type requests: wait until typing pauses (a short debounce), then ask; show a
// response only if no newer one has been shown already, so a slow answer to an old
// query can never replace the answer to a newer one. Input is never blocked: asking
// is a promise (the core runs it on Tauri's worker pool), and nothing here awaits it
// on the way in.

export class Latest<Q, R> {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Sequence number of the last request sent, and of the last response shown. */
  private sent = 0;
  private shown = 0;

  constructor(
    private readonly ask: (q: Q) => Promise<R>,
    private readonly show: (r: R, q: Q) => void,
    private readonly fail: (e: unknown, q: Q) => void,
    readonly delay = 80,
  ) {}

  /** Asks for `q` once input has been quiet for `delay` ms (at once with `now`). */
  request(q: Q, now = false): void {
    clearTimeout(this.timer);
    if (now) void this.send(q);
    else this.timer = setTimeout(() => void this.send(q), this.delay);
  }

  /** Forgets a pending request and every answer still on its way. */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.shown = this.sent;
  }

  private async send(q: Q): Promise<void> {
    this.timer = undefined;
    const seq = ++this.sent;
    try {
      const r = await this.ask(q);
      if (seq <= this.shown) return;
      this.shown = seq;
      this.show(r, q);
    } catch (e) {
      if (seq <= this.shown) return;
      this.shown = seq;
      this.fail(e, q);
    }
  }
}
