import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import Combobox from './Combobox.svelte';

afterEach(cleanup);

const people = ['Tom Becker', 'Lena Fischer', 'Amira Tomić', 'Tomasz Nowak'];

/** Renders the combobox with `value` bound to reactive state, as `bind:value` is in the form. */
function renderCombo(extra: { onpick?: (v: string) => void; exclude?: string[] } = {}) {
  const bound = $state({ value: '' });
  render(Combobox, {
    id: 'person',
    options: people,
    label: 'Person',
    ...extra,
    get value() {
      return bound.value;
    },
    set value(v: string) {
      bound.value = v;
    },
  });
  return { bound, input: screen.getByRole('combobox', { name: 'Person' }) };
}

const options = () => screen.queryAllByRole('option').map((o) => o.textContent?.trim());
const active = () => screen.queryAllByRole('option').find((o) => o.getAttribute('aria-selected') === 'true')?.textContent?.trim();

describe('Combobox', () => {
  it('arrow keys move the active option, wrapping at both ends', async () => {
    const user = userEvent.setup();
    const { input } = renderCombo();
    await user.type(input, 'tom');
    // Starts-with first (alphabetical), then word-starts-with.
    expect(options()).toEqual(['Tom Becker', 'Tomasz Nowak', 'Amira Tomić']);
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(active()).toBeUndefined();
    expect(input.getAttribute('aria-activedescendant')).toBeNull();

    await user.keyboard('{ArrowDown}');
    expect(active()).toBe('Tom Becker');
    expect(input.getAttribute('aria-activedescendant')).toBe('person-opt-0');
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(active()).toBe('Amira Tomić');
    await user.keyboard('{ArrowDown}');
    expect(active()).toBe('Tom Becker');
    await user.keyboard('{ArrowUp}');
    expect(active()).toBe('Amira Tomić');
    expect(input.getAttribute('aria-activedescendant')).toBe('person-opt-2');
    await user.keyboard('{ArrowUp}');
    expect(active()).toBe('Tomasz Nowak');
  });

  it('Enter picks the active option into the bound value and closes the list', async () => {
    const user = userEvent.setup();
    const { bound, input } = renderCombo();
    await user.type(input, 'tom{ArrowDown}{ArrowDown}{Enter}');
    expect(bound.value).toBe('Tomasz Nowak');
    expect((input as HTMLInputElement).value).toBe('Tomasz Nowak');
    expect(options()).toEqual([]);
    expect(input.getAttribute('aria-expanded')).toBe('false');
  });

  it('Enter reports the active option, or the typed text when none is active, to onpick', async () => {
    const user = userEvent.setup();
    const picked: string[] = [];
    const { bound, input } = renderCombo({ onpick: (v) => picked.push(v) });
    await user.type(input, 'fis{ArrowDown}{Enter}');
    expect(picked).toEqual(['Lena Fischer']);
    // With onpick the parent decides; the typed text stays as it was.
    expect(bound.value).toBe('fis');

    await user.clear(input);
    await user.type(input, '  Priya Raman {Enter}');
    expect(picked).toEqual(['Lena Fischer', 'Priya Raman']);
  });

  it('Escape closes the list without picking; typing opens it again', async () => {
    const user = userEvent.setup();
    const { bound, input } = renderCombo();
    await user.type(input, 'le{ArrowDown}');
    expect(active()).toBe('Lena Fischer');
    await user.keyboard('{Escape}');
    expect(options()).toEqual([]);
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(input.getAttribute('aria-activedescendant')).toBeNull();
    expect(bound.value).toBe('le');

    // Closed: Enter does not pick the option that was active before Escape.
    await user.keyboard('{Enter}');
    expect(bound.value).toBe('le');

    await user.type(input, 'n');
    expect(options()).toEqual(['Lena Fischer']);
  });

  it('leaves out excluded options', async () => {
    const user = userEvent.setup();
    const { input } = renderCombo({ exclude: ['tom becker'] });
    await user.type(input, 'tom');
    expect(options()).toEqual(['Tomasz Nowak', 'Amira Tomić']);
  });
});
