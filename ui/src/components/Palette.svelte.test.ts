import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { register } from '../lib/commands';
import Palette from './Palette.svelte';

// jsdom has no layout: scrolling the active option into view does nothing here.
beforeAll(() => {
  Element.prototype.scrollIntoView ??= () => {};
});
afterEach(cleanup);

function setup() {
  const ran: string[] = [];
  const cmd = (id: string, title: string, group: string, shortcut?: string) => ({
    id,
    title,
    group,
    shortcut,
    run: () => void ran.push(id),
  });
  const off = register('palette-test', [
    cmd('journal', 'Journal', 'Go to', 'Ctrl 1'),
    cmd('search', 'Search', 'Go to', 'Ctrl F'),
    cmd('new-learning', 'New learning', 'New'),
  ]);
  const opener = document.createElement('button');
  document.body.append(opener);
  opener.focus();
  const state = $state({ open: true });
  render(Palette, {
    get open() {
      return state.open;
    },
    set open(v: boolean) {
      state.open = v;
    },
  });
  return { ran, off, state, opener };
}

describe('Palette', () => {
  it('is a modal dialog whose field drives a listbox; shortcuts are shown', async () => {
    const { off } = setup();
    const dialog = screen.getByRole('dialog', { name: 'Command palette' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    const input = screen.getByRole('combobox', { name: 'Command' });
    await new Promise((r) => setTimeout(r));
    expect(document.activeElement).toBe(input);
    const options = screen.getAllByRole('option');
    expect(options.map((o) => o.querySelector('.title')?.textContent)).toEqual(['Journal', 'Search', 'New learning']);
    expect(options[0].querySelector('kbd')?.textContent).toBe('Ctrl 1');
    expect(input.getAttribute('aria-activedescendant')).toBe(options[0].id);
    off();
  });

  it('filters as you type, arrows move, Enter runs the active command and closes', async () => {
    const user = userEvent.setup();
    const { ran, off, state } = setup();
    const input = screen.getByRole('combobox', { name: 'Command' });
    await user.type(input, 'n');
    // "New learning" first; then the journal search for what was typed.
    const titles = () => screen.getAllByRole('option').map((o) => o.querySelector('.title')?.textContent);
    expect(titles()[0]).toBe('New learning');
    expect(titles().at(-1)).toBe('Search the journal for “n”');
    await user.keyboard('{ArrowDown}');
    const options = screen.getAllByRole('option');
    expect(options[1].getAttribute('aria-selected')).toBe('true');
    expect(input.getAttribute('aria-activedescendant')).toBe(options[1].id);
    await user.keyboard('{ArrowUp}{Enter}');
    expect(ran).toEqual(['new-learning']);
    expect(state.open).toBe(false);
    expect(screen.queryByRole('dialog')).toBeNull();
    off();
  });

  it('Esc closes without running anything and gives focus back', async () => {
    const user = userEvent.setup();
    const { ran, off, state, opener } = setup();
    await new Promise((r) => setTimeout(r));
    await user.keyboard('{Escape}');
    expect(state.open).toBe(false);
    expect(ran).toEqual([]);
    expect(document.activeElement).toBe(opener);
    off();
    opener.remove();
  });

  it('a command whose source reads app state appears while the palette is open', async () => {
    const app = $state({ empty: false });
    const offDemo = register('palette-test-demo', () =>
      app.empty ? [{ id: 'load-demo', title: 'Load the demo journal', group: 'Journal', run: () => {} }] : [],
    );
    const { off } = setup();
    const titles = () => screen.getAllByRole('option').map((o) => o.querySelector('.title')?.textContent);
    expect(titles()).not.toContain('Load the demo journal');
    app.empty = true;
    await waitFor(() => expect(titles()).toContain('Load the demo journal'));
    offDemo();
    off();
  });
});
