import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { Ladder, Suggestion } from '../lib/api';
import BehaviourPicker from './BehaviourPicker.svelte';

afterEach(cleanup);

// Opening the picker scrolls it into view, which jsdom does not implement.
beforeAll(() => {
  Element.prototype.scrollIntoView ??= () => {};
});

const ladder: Ladder = {
  levels: [
    {
      code: 'E3',
      title: 'Engineer',
      summary: '',
      track: 'ic',
      sections: [
        {
          title: 'Craftsmanship',
          behaviours: [
            { id: 'E3-C-1', text: 'Writes tests that document intent' },
            { id: 'E3-C-2', text: 'Keeps pull requests small' },
          ],
        },
        { title: 'Collaboration', behaviours: [{ id: 'E3-T-1', text: 'Pairs with newcomers on tickets' }] },
      ],
    },
    {
      code: 'E4',
      title: 'Senior Engineer',
      summary: '',
      track: 'ic',
      sections: [{ title: 'Craftsmanship', behaviours: [{ id: 'E4-C-1', text: 'Sets testing standards for the team' }] }],
    },
  ],
};

/** Renders the picker with `selected` bound to reactive state, as the form's `bind:selected` is. */
function renderPicker(initial: string[] = [], suggestions: Suggestion[] = []) {
  const bound = $state({ selected: initial });
  render(BehaviourPicker, {
    ladder,
    suggestions,
    get selected() {
      return bound.selected;
    },
    set selected(v: string[]) {
      bound.selected = v;
    },
  });
  return bound;
}

function resultIds() {
  const list = screen.getByRole('list', { name: 'Behaviours' });
  return within(list)
    .queryAllByRole('checkbox')
    .map((c) => c.closest('label')?.querySelector('.id')?.textContent);
}

describe('BehaviourPicker', () => {
  it('filters the ladder by every typed word across id, text and section', async () => {
    const user = userEvent.setup();
    renderPicker();
    await user.click(screen.getByRole('button', { name: /Browse the ladder/ }));
    expect(resultIds()).toEqual(['E3-C-1', 'E3-C-2', 'E3-T-1', 'E4-C-1']);

    const search = screen.getByRole('searchbox', { name: 'Search behaviours' });
    await user.type(search, 'test');
    expect(resultIds()).toEqual(['E3-C-1', 'E4-C-1']);

    await user.type(search, ' e4');
    expect(resultIds()).toEqual(['E4-C-1']);

    await user.clear(search);
    await user.type(search, 'collaboration');
    expect(resultIds()).toEqual(['E3-T-1']);

    await user.clear(search);
    await user.type(search, 'kubernetes');
    expect(resultIds()).toEqual([]);
    expect(screen.getByText('No behaviour matches “kubernetes”.')).toBeTruthy();
  });

  it('ticking links a behaviour, unticking and the unlink button remove it', async () => {
    const user = userEvent.setup();
    const bound = renderPicker(['E3-T-1']);
    await user.click(screen.getByRole('button', { name: /Browse the ladder/ }));

    const box = (name: RegExp) => screen.getByRole('checkbox', { name });
    expect((box(/E3-T-1/) as HTMLInputElement).checked).toBe(true);

    await user.click(box(/E4-C-1/));
    expect(bound.selected).toEqual(['E3-T-1', 'E4-C-1']);
    await user.click(box(/E3-C-2/));
    expect(bound.selected).toEqual(['E3-T-1', 'E4-C-1', 'E3-C-2']);

    await user.click(box(/E4-C-1/));
    expect(bound.selected).toEqual(['E3-T-1', 'E3-C-2']);

    const linked = screen.getByRole('list', { name: 'Linked behaviours' });
    expect(within(linked).getByText('Keeps pull requests small')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Unlink E3-T-1' }));
    expect(bound.selected).toEqual(['E3-C-2']);
    expect((box(/E3-T-1/) as HTMLInputElement).checked).toBe(false);
  });

  it('matches ids case-insensitively when unticking', async () => {
    const user = userEvent.setup();
    const bound = renderPicker(['e3-c-1']);
    await user.click(screen.getByRole('button', { name: /Browse the ladder/ }));
    const box = screen.getByRole('checkbox', { name: /E3-C-1/ }) as HTMLInputElement;
    expect(box.checked).toBe(true);
    await user.click(box);
    expect(bound.selected).toEqual([]);
  });

  it('offers suggestions not yet linked and links one with a click', async () => {
    const user = userEvent.setup();
    const s = (id: string, text: string): Suggestion => ({ id, level: 'E3', section: 'Craftsmanship', text, score: 1 });
    const bound = renderPicker(['E3-C-1'], [s('E3-C-1', 'Writes tests that document intent'), s('E3-C-2', 'Keeps pull requests small')]);

    const offered = () => screen.queryAllByTestId('suggestion').map((b) => b.dataset.id);
    expect(offered()).toEqual(['E3-C-2']);
    await user.click(screen.getByTestId('suggestion'));
    expect(bound.selected).toEqual(['E3-C-1', 'E3-C-2']);
    expect(offered()).toEqual([]);
  });

  it('Escape in the search closes the picker', async () => {
    const user = userEvent.setup();
    renderPicker();
    await user.click(screen.getByRole('button', { name: /Browse the ladder/ }));
    await user.type(screen.getByRole('searchbox', { name: 'Search behaviours' }), 'x{Escape}');
    expect(screen.queryByRole('searchbox')).toBeNull();
    expect(screen.getByRole('button', { name: /Browse the ladder/ })).toBeTruthy();
  });
});
