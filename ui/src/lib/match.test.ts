import { describe, expect, it } from 'vitest';
import { rank } from './match';
import { isNewEntry, isSave } from './keys';

describe('rank', () => {
  const people = ['Tom Becker', 'Lena Fischer', 'Amira Tomić', 'Bea Stone'];
  it('prefers a prefix, then a word prefix, then a substring', () => {
    expect(rank(people, 'tom')).toEqual(['Tom Becker', 'Amira Tomić']);
    expect(rank(people, 'fisch')).toEqual(['Lena Fischer']);
    expect(rank(people, 'ton')).toEqual(['Bea Stone']);
  });
  it('leaves out what is already chosen, case-insensitively', () => {
    expect(rank(people, 'tom', ['tom becker'])).toEqual(['Amira Tomić']);
  });
  it('offers everything (sorted) for an empty query, up to the limit', () => {
    expect(rank(people, '', [], 2)).toEqual(['Amira Tomić', 'Bea Stone']);
  });
});

describe('shortcuts', () => {
  const k = (key: string, o: Partial<KeyboardEvent> = {}) =>
    ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...o }) as KeyboardEvent;
  it('Ctrl or Cmd with N opens capture, with Enter saves', () => {
    expect(isNewEntry(k('n', { ctrlKey: true }))).toBe(true);
    expect(isNewEntry(k('N', { metaKey: true }))).toBe(true);
    expect(isNewEntry(k('n'))).toBe(false);
    expect(isNewEntry(k('n', { ctrlKey: true, altKey: true }))).toBe(false);
    expect(isSave(k('Enter', { ctrlKey: true }))).toBe(true);
    expect(isSave(k('Enter'))).toBe(false);
  });
});
