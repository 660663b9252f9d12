import { describe, expect, it } from 'vitest';
import { Pager } from './pager';
import { visibleRange } from './virtual';
import type { Entry, EntryPage } from './generated/types';

function fakeEntry(i: number): Entry {
  return {
    id: `id${i}`,
    title: `Entry ${i}`,
    date: '2026-01-01',
    time: null,
    created_at: '',
    updated_at: '',
    revision: 1,
    deleted_at: null,
    demo: false,
    tags: [],
    behaviours: [],
    kind: 'learning',
    body: 'b',
    source: null,
  };
}

function journal(total: number) {
  const calls: Array<[number, number]> = [];
  const fetch = async (offset: number, limit: number): Promise<EntryPage> => {
    calls.push([offset, limit]);
    const entries = [];
    for (let i = offset; i < Math.min(total, offset + limit); i++) entries.push(fakeEntry(i));
    return { total, offset, entries, excerpts: entries.map((e) => `excerpt of ${e.id}`) };
  };
  return { calls, fetch };
}

describe('Pager', () => {
  it('loads only the pages a range needs, once', async () => {
    const j = journal(100_000);
    const pager = new Pager(j.fetch, 100);
    await pager.ensure(50_020, 50_060);
    expect(j.calls).toEqual([[50_000, 100]]);
    expect(pager.total).toBe(100_000);
    expect(pager.get(50_042)?.title).toBe('Entry 50042');
    expect(pager.get(10)).toBeUndefined();
    await pager.ensure(50_090, 50_130);
    expect(j.calls).toEqual([
      [50_000, 100],
      [50_100, 100],
    ]);
  });

  it('shares an in-flight request and keeps memory bounded', async () => {
    const j = journal(10_000);
    const pager = new Pager(j.fetch, 10, 3);
    await Promise.all([pager.ensure(0, 5), pager.ensure(1, 6)]);
    expect(j.calls.length).toBe(1);
    for (let start = 0; start < 200; start += 10) await pager.ensure(start, start + 10);
    expect(pager.get(195)?.title).toBe('Entry 195');
    expect(pager.get(0)).toBeUndefined();
  });

  it('drops answers that arrive after a reset', async () => {
    let release: (() => void) | undefined;
    const pager = new Pager(
      (offset, limit) =>
        new Promise((resolve) => {
          release = () => resolve({ total: 1, offset, entries: [fakeEntry(offset + limit - limit)], excerpts: [''] });
        }),
      10,
    );
    const p = pager.ensure(0, 1);
    pager.reset();
    release!();
    await p;
    expect(pager.get(0)).toBeUndefined();
  });
});

describe('visibleRange', () => {
  it('covers the viewport plus overscan, clamped to the list', () => {
    expect(visibleRange(0, 720, 72, 100_000, 5)).toEqual({ start: 0, end: 16 });
    expect(visibleRange(72 * 50_000, 720, 72, 100_000, 5)).toEqual({ start: 49_995, end: 50_016 });
    expect(visibleRange(72 * 99_999, 720, 72, 100_000, 5)).toEqual({ start: 99_994, end: 100_000 });
    expect(visibleRange(0, 720, 72, 0)).toEqual({ start: 0, end: 0 });
  });
});

describe('Pager excerpts', () => {
  it('serves the core excerpt beside each entry', async () => {
    const fetch = async (offset: number, limit: number) => {
      const entries = [];
      for (let i = offset; i < Math.min(30, offset + limit); i++) entries.push(fakeEntry(i));
      return { total: 30, offset, entries, excerpts: entries.map((e) => `excerpt of ${e.id}`) };
    };
    const pager = new Pager(fetch, 10);
    await pager.ensure(12, 14);
    expect(pager.excerpt(13)).toBe('excerpt of id13');
    expect(pager.excerpt(2)).toBeUndefined();
  });
});
