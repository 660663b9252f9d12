import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Latest } from './latest';

/** A fake backend: each ask returns a promise the test resolves (or rejects) by hand. */
function backend() {
  const pending = new Map<string, { resolve: (v: string) => void; reject: (e: Error) => void }>();
  const asked: string[] = [];
  const ask = (q: string) =>
    new Promise<string>((resolve, reject) => {
      asked.push(q);
      pending.set(q, { resolve, reject });
    });
  return { ask, asked, pending };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('Latest', () => {
  it('asks once typing pauses, for the last text only', async () => {
    const b = backend();
    const shown: string[] = [];
    const l = new Latest(b.ask, (r) => shown.push(r), () => {}, 80);
    for (const q of ['c', 'ce', 'cer', 'cert']) {
      l.request(q);
      await vi.advanceTimersByTimeAsync(50);
    }
    expect(b.asked).toEqual([]);
    await vi.advanceTimersByTimeAsync(30);
    expect(b.asked).toEqual(['cert']);
    b.pending.get('cert')!.resolve('R cert');
    await vi.runAllTimersAsync();
    expect(shown).toEqual(['R cert']);
  });

  it('a slow answer to an older query never replaces a newer one', async () => {
    const b = backend();
    const shown: string[] = [];
    const l = new Latest(b.ask, (r) => shown.push(r), () => {}, 80);
    l.request('cert', true);
    l.request('certificate', true);
    b.pending.get('certificate')!.resolve('new');
    await vi.runAllTimersAsync();
    b.pending.get('cert')!.resolve('old');
    await vi.runAllTimersAsync();
    expect(shown).toEqual(['new']);
  });

  it('an older answer that arrives first is shown until the newer one comes', async () => {
    const b = backend();
    const shown: string[] = [];
    const l = new Latest(b.ask, (r) => shown.push(r), () => {}, 80);
    l.request('a', true);
    l.request('ab', true);
    b.pending.get('a')!.resolve('A');
    await vi.runAllTimersAsync();
    b.pending.get('ab')!.resolve('AB');
    await vi.runAllTimersAsync();
    expect(shown).toEqual(['A', 'AB']);
  });

  it('errors obey the same order, and cancel drops what is pending or on its way', async () => {
    const b = backend();
    const shown: string[] = [];
    const failed: string[] = [];
    const l = new Latest(b.ask, (r) => shown.push(r), (_e, q) => failed.push(q), 80);
    l.request('x', true);
    l.request('xy', true);
    b.pending.get('xy')!.reject(new Error('bad'));
    await vi.runAllTimersAsync();
    b.pending.get('x')!.reject(new Error('late'));
    await vi.runAllTimersAsync();
    expect(failed).toEqual(['xy']);

    l.request('z', true);
    l.request('zz');
    l.cancel();
    await vi.advanceTimersByTimeAsync(200);
    b.pending.get('z')!.resolve('Z');
    await vi.runAllTimersAsync();
    expect(b.asked).not.toContain('zz');
    expect(shown).toEqual([]);
  });
});
