import { describe, expect, it } from 'vitest';
import { isFind, isNewEntry, isPalette, isSave, leavesForm, viewShortcut } from './keys';

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

  it('Ctrl+1..5 pick the sidebar views, by physical key on any layout', () => {
    expect(viewShortcut({ ...key('1', { ctrlKey: true }), code: 'Digit1' })).toBe('journal');
    expect(viewShortcut({ ...key('2', { ctrlKey: true }), code: 'Digit2' })).toBe('ladder');
    expect(viewShortcut({ ...key('3', { metaKey: true }), code: 'Digit3' })).toBe('people');
    // A French AZERTY keyboard sends "'" for the key labelled 4 without Shift.
    expect(viewShortcut({ ...key("'", { ctrlKey: true }), code: 'Digit4' })).toBe('follow-ups');
    expect(viewShortcut({ ...key('5', { ctrlKey: true }), code: 'Digit5' })).toBe('brief');
    expect(viewShortcut({ ...key('6', { ctrlKey: true }), code: 'Digit6' })).toBeNull();
    expect(viewShortcut({ ...key('2'), code: 'Digit2' })).toBeNull();
    expect(viewShortcut({ ...key('2', { ctrlKey: true, altKey: true }), code: 'Digit2' })).toBeNull();
    expect(viewShortcut({ ...key('2', { ctrlKey: true, shiftKey: true }), code: 'Digit2' })).toBeNull();
  });

  it('Ctrl+K opens the palette; Ctrl+F, or / outside a field, finds', () => {
    document.body.innerHTML = '<input id="f"><textarea id="t"></textarea><div id="cm" contenteditable="true"></div><button id="b"></button>';
    const el = (id: string) => document.getElementById(id);
    expect(isPalette(key('k', { ctrlKey: true }))).toBe(true);
    expect(isPalette(key('K', { metaKey: true }))).toBe(true);
    expect(isPalette(key('k'))).toBe(false);
    expect(isFind(key('f', { ctrlKey: true }, el('f')))).toBe(true);
    expect(isFind(key('/', {}, el('b')))).toBe(true);
    expect(isFind(key('/', {}, document.body))).toBe(true);
    for (const id of ['f', 't', 'cm']) expect(isFind(key('/', {}, el(id)))).toBe(false);
    expect(isFind(key('f', {}, el('b')))).toBe(false);
    expect(isFind(key('/', { ctrlKey: true }, el('b')))).toBe(false);
  });
});
