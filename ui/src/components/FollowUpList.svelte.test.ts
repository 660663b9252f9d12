import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { FollowUp } from '../lib/api';
import FollowUpList from './FollowUpList.svelte';

afterEach(cleanup);

/** Renders the list with `items` and `typed` bound to reactive state, as the capture form does. */
function renderList(items: FollowUp[] = []) {
  const bound = $state({ items, typed: '' });
  render(FollowUpList, {
    id: 'followups',
    get items() {
      return bound.items;
    },
    set items(v: FollowUp[]) {
      bound.items = v;
    },
    get typed() {
      return bound.typed;
    },
    set typed(v: string) {
      bound.typed = v;
    },
  });
  return { bound, input: screen.getByPlaceholderText('Add a follow-up and press Enter') };
}

const texts = () => screen.queryAllByRole('textbox', { name: /^Follow-up \d+$/ }).map((i) => (i as HTMLInputElement).value);

describe('FollowUpList', () => {
  it('Enter adds the trimmed follow-up and clears the field; blank text adds nothing', async () => {
    const user = userEvent.setup();
    const { bound, input } = renderList();
    await user.type(input, '  Book a session on tracing  {Enter}');
    expect(bound.items).toEqual([{ id: '', text: 'Book a session on tracing', done: false }]);
    expect(bound.typed).toBe('');
    expect((input as HTMLInputElement).value).toBe('');

    await user.type(input, '   {Enter}');
    expect(bound.items).toHaveLength(1);
    expect((screen.getByRole('button', { name: 'Add' }) as HTMLButtonElement).disabled).toBe(true);

    await user.type(input, 'Share the flamegraph');
    await user.click(screen.getByRole('button', { name: 'Add' }));
    expect(texts()).toEqual(['Book a session on tracing', 'Share the flamegraph']);
  });

  it('ticking toggles done on the item', async () => {
    const user = userEvent.setup();
    const { bound } = renderList([
      { id: 'a', text: 'Read the RFC', done: false },
      { id: 'b', text: 'Fix the flaky test', done: true },
    ]);
    const tick = screen.getByRole('checkbox', { name: 'Done: Read the RFC' }) as HTMLInputElement;
    expect(tick.checked).toBe(false);
    await user.click(tick);
    expect(bound.items.map((i) => i.done)).toEqual([true, true]);
    expect(screen.getByRole('textbox', { name: 'Follow-up 1' }).classList.contains('done')).toBe(true);

    await user.click(screen.getByRole('checkbox', { name: 'Done: Fix the flaky test' }));
    expect(bound.items.map((i) => i.done)).toEqual([true, false]);
    expect(screen.getByRole('textbox', { name: 'Follow-up 2' }).classList.contains('done')).toBe(false);
  });

  it('removing drops exactly that follow-up', async () => {
    const user = userEvent.setup();
    const { bound } = renderList([
      { id: 'a', text: 'One', done: false },
      { id: 'b', text: 'Two', done: true },
      { id: 'c', text: 'Three', done: false },
    ]);
    await user.click(screen.getByRole('button', { name: 'Remove follow-up Two' }));
    expect(bound.items.map((i) => i.id)).toEqual(['a', 'c']);
    expect(texts()).toEqual(['One', 'Three']);
    expect((screen.getByRole('checkbox', { name: 'Done: Three' }) as HTMLInputElement).checked).toBe(false);
  });

  it('reports typed-but-not-added text through the bound `typed`', async () => {
    const user = userEvent.setup();
    const { bound, input } = renderList();
    await user.type(input, 'Pair on the migration');
    expect(bound.typed).toBe('Pair on the migration');
    expect(bound.items).toEqual([]);
  });

  it('editing an added follow-up changes its text', async () => {
    const user = userEvent.setup();
    const { bound } = renderList([{ id: 'a', text: 'Draft', done: false }]);
    const field = screen.getByRole('textbox', { name: 'Follow-up 1' });
    await user.clear(field);
    await user.type(field, 'Final');
    expect(bound.items[0].text).toBe('Final');
  });
});
