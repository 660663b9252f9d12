import { describe, expect, it } from 'vitest';
import { removedMessage } from './demo.svelte';

describe('demo', () => {
  it('says what removing the demo did, and what it kept', () => {
    expect(removedMessage({ entries: 64, people: 9, kept: 0 })).toBe('Removed the demo journal: 64 entries, 9 people.');
    expect(removedMessage({ entries: 1, people: 1, kept: 1 })).toBe(
      'Removed the demo journal: 1 entry, 1 person. Kept 1 demo entry you changed: it is yours now.',
    );
    expect(removedMessage({ entries: 60, people: 0, kept: 2 })).toBe(
      'Removed the demo journal: 60 entries, 0 people. Kept 2 demo entries you changed: they are yours now.',
    );
  });
});
