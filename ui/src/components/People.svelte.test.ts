import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { Person } from '../lib/api';

// The core as the view sees it: two people, one a mentee; entries come back empty.
const { api } = vi.hoisted(() => ({
  api: {
    people: vi.fn(),
    listEntries: vi.fn(async () => ({ total: 0, offset: 0, entries: [], excerpts: [] })),
    renamePerson: vi.fn(),
    mergePeople: vi.fn(),
    setMentee: vi.fn(),
  },
}));
vi.mock('../lib/api', () => ({ api }));

const tom: Person = { id: 1, name: 'Tom B', mentee: false, entries: 2 };
const becker: Person = { id: 2, name: 'Tom Becker', mentee: true, entries: 5 };

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

async function open() {
  api.people.mockResolvedValue([tom, becker]);
  const { default: People } = await import('./People.svelte');
  const { peopleView } = await import('../lib/views.svelte');
  peopleView.id = tom.id;
  render(People);
  await screen.findByTestId('person-name');
}

describe('People', () => {
  it('asks before a merge, naming both, and merges the chosen person into the other', async () => {
    const user = userEvent.setup();
    await open();
    expect(screen.getByTestId('person-name').textContent).toBe('Tom B');
    await user.click(screen.getByTestId('merge-person'));
    await user.selectOptions(screen.getByTestId('merge-into'), 'Tom Becker');
    await user.click(screen.getByRole('button', { name: 'Continue…' }));
    // Nothing merged before the confirmation, which names both.
    expect(api.mergePeople).not.toHaveBeenCalled();
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toContain('Merge Tom B into Tom Becker?');
    expect(dialog.textContent).toContain('2 entries of Tom B will name Tom Becker');
    api.mergePeople.mockResolvedValue({ ...becker, entries: 7 });
    api.people.mockResolvedValue([{ ...becker, entries: 7 }]);
    await user.click(screen.getByTestId('merge-confirm'));
    expect(api.mergePeople).toHaveBeenCalledWith('Tom B', 'Tom Becker');
    await waitFor(() => expect(screen.getByTestId('person-name').textContent).toBe('Tom Becker'));
  });

  it("narrows the person's timeline to sessions or feedback, and starts over with all for the next person", async () => {
    const user = userEvent.setup();
    await open();
    const last = () => (api.listEntries.mock.calls.at(-1) as unknown as [{ person: string; kind: string | null }])[0];
    await waitFor(() => expect(last()).toMatchObject({ person: 'Tom B', kind: null }));
    await user.click(screen.getByTestId('person-kind-feedback'));
    await waitFor(() => expect(last()).toMatchObject({ person: 'Tom B', kind: 'feedback' }));
    expect(screen.getByTestId('person-kind-feedback').getAttribute('aria-pressed')).toBe('true');
    expect(await screen.findByText('No feedback with Tom B yet.')).toBeTruthy();
    await user.click(screen.getAllByTestId('person-row')[1]);
    await waitFor(() => expect(last()).toMatchObject({ person: 'Tom Becker', kind: null }));
    expect(screen.getByTestId('person-kind-all').getAttribute('aria-pressed')).toBe('true');
  });

  it('shows a refused rename under the field, in the app\'s words, and keeps the old name', async () => {
    const user = userEvent.setup();
    await open();
    await user.click(screen.getByTestId('rename-person'));
    const input = screen.getByTestId('rename-input');
    await user.clear(input);
    await user.type(input, 'Tom Becker');
    api.renamePerson.mockRejectedValue({
      code: 'conflict',
      message: "new name: 'Tom Becker' is already someone else; to make them one person, use `rungs person merge`",
    });
    await user.click(screen.getByTestId('rename-save'));
    const error = await screen.findByRole('alert');
    expect(error.textContent).toBe("'Tom Becker' is already someone else; to make them one person, use “Merge into…”");
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe(error.id);
    expect(screen.getByTestId('person-name').textContent).toBe('Tom B');
  });
});
