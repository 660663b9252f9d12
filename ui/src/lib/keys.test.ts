import { describe, expect, it } from 'vitest';
import { isNewEntry, isSave, leavesForm } from './keys';

const key = (k: string, mods: Partial<KeyboardEvent> = {}, target: EventTarget | null = null) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
  target,
});

describe('keys', () => {
  it('Esc leaves the form from a plain field but not from inside the Markdown editor', () => {
    document.body.innerHTML = '<input id="plain"><div class="cm-editor"><div id="cm" contenteditable></div></div>';
    expect(leavesForm(key('Escape', {}, document.getElementById('plain')))).toBe(true);
    expect(leavesForm(key('Escape', {}, document.getElementById('cm')))).toBe(false);
    expect(leavesForm(key('Escape', {}, window))).toBe(true);
    expect(leavesForm(key('Enter', {}, document.getElementById('plain')))).toBe(false);
  });

  it('Ctrl+N and Ctrl+Enter', () => {
    expect(isNewEntry(key('n', { ctrlKey: true }))).toBe(true);
    expect(isNewEntry(key('N', { metaKey: true }))).toBe(true);
    expect(isNewEntry(key('n', { ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(isSave(key('Enter', { ctrlKey: true }))).toBe(true);
    expect(isSave(key('Enter'))).toBe(false);
  });
});
