import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import DateField from './DateField.svelte';

afterEach(cleanup);

/** Renders the field with `value` bound to reactive state, as `bind:value` is in the form. */
function renderField(start: string) {
  const bound = $state({ value: start });
  render(DateField, {
    id: 'f-date',
    today: '2026-11-23',
    get value() {
      return bound.value;
    },
    set value(v: string) {
      bound.value = v;
    },
  });
  return { bound, input: document.getElementById('f-date') as HTMLInputElement };
}

describe('DateField', () => {
  it('takes a date typed as YYYY-MM-DD, and Today and Yesterday in one click', async () => {
    const user = userEvent.setup();
    const { bound, input } = renderField('2026-11-23');
    expect(input.value).toBe('2026-11-23');
    await user.clear(input);
    await user.type(input, '2026-02-14');
    expect(bound.value).toBe('2026-02-14');
    await user.click(screen.getByRole('button', { name: 'Yesterday' }));
    expect(bound.value).toBe('2026-11-22');
    expect(screen.getByRole('button', { name: 'Yesterday' }).getAttribute('aria-pressed')).toBe('true');
    await user.click(screen.getByRole('button', { name: 'Today' }));
    expect(bound.value).toBe('2026-11-23');
  });

  it('picks a day from the calendar with the keyboard; Esc closes it and returns to the field', async () => {
    const user = userEvent.setup();
    const { bound, input } = renderField('2026-11-20');
    const toggle = screen.getByRole('button', { name: 'Choose the date from a calendar' });
    await user.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    // The chosen day has focus; arrows move by a day or a week, Page Down by a month.
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Friday 20 November 2026');
    await user.keyboard('{ArrowLeft}{ArrowUp}');
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Thursday 12 November 2026');
    await user.keyboard('{PageDown}');
    expect(screen.getByRole('grid').getAttribute('aria-label')).toBe('December 2026');
    await user.keyboard('{Enter}');
    expect(bound.value).toBe('2026-12-12');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(input);

    await user.click(toggle);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(input);
    expect(bound.value).toBe('2026-12-12');
  });

  it('opens the calendar on today when the text is not a date', async () => {
    const user = userEvent.setup();
    renderField('11/20/2026');
    await user.click(screen.getByRole('button', { name: 'Choose the date from a calendar' }));
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Monday 23 November 2026');
    expect(document.activeElement?.getAttribute('aria-current')).toBe('date');
  });
});
