import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import ChipInput from './ChipInput.svelte';

afterEach(cleanup);

describe('ChipInput', () => {
  it('adds a typed name on Enter, suggests known ones, removes with Backspace', async () => {
    const user = userEvent.setup();
    render(ChipInput, {
      id: 'partners',
      values: [],
      options: ['Tom Becker', 'Lena Fischer', 'Amira Tomić'],
    });
    const input = screen.getByRole('combobox');
    await user.type(input, 'Priya Raman{Enter}');
    expect(screen.getByText('Priya Raman')).toBeTruthy();

    await user.type(input, 'fis');
    const options = screen.getAllByRole('option').map((o) => o.textContent?.trim());
    expect(options).toEqual(['Lena Fischer']);
    await user.keyboard('{ArrowDown}{Enter}');
    expect(screen.getByRole('button', { name: 'Remove Lena Fischer' })).toBeTruthy();

    await user.keyboard('{Backspace}');
    expect(screen.queryByRole('button', { name: 'Remove Lena Fischer' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Remove Priya Raman' })).toBeTruthy();
  });

  it('does not add the same tag twice, ignoring case and a leading #', async () => {
    const user = userEvent.setup();
    render(ChipInput, { id: 'tags', values: ['k8s'], options: [], prefix: '#' });
    const input = screen.getByRole('combobox');
    await user.type(input, '#K8S{Enter}dns,');
    const chips = screen.getAllByRole('button', { name: /^Remove / }).map((b) => b.getAttribute('aria-label'));
    expect(chips).toEqual(['Remove k8s', 'Remove dns']);
  });
});
