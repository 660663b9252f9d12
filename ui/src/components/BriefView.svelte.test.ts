import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { Brief, Level, LevelRef } from '../lib/api';

// The core as the brief view sees it: no level set at first, then a brief with one goal.
const { api, CommandError } = vi.hoisted(() => {
  class CommandError extends Error {
    code: string;
    field?: string;
    constructor(e: { code: string; message: string; field?: string }) {
      super(e.message);
      this.code = e.code;
      this.field = e.field;
    }
  }
  return {
    CommandError,
    api: {
      brief: vi.fn(),
      ladder: vi.fn(),
      people: vi.fn(async () => []),
      setProfileLevel: vi.fn(),
      setGoalStatus: vi.fn(),
      saveBrief: vi.fn(),
      getEntry: vi.fn(),
    },
  };
});
vi.mock('../lib/api', () => ({ api, CommandError }));

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

const ref = (code: string): LevelRef => ({ track: 'DevOps Support Engineer', track_slug: 'devops-support-engineer', code, title: `${code} title` });
const level = (code: string): Level => ({ code, title: `${code} title`, summary: '', track: 'DevOps Support Engineer', sections: [] });

function brief(status: 'open' | 'achieved'): Brief {
  return {
    person: null,
    level: ref('L1'),
    target: ref('L2'),
    since: '2026-09-21',
    until: '2026-11-23',
    since_source: 'last_conversation',
    last_conversation: { id: 'c1', date: '2026-09-21', person: 'Lena Fischer', title: 'Growth conversation with Lena Fischer' },
    levels: [],
    gaps: [],
    stale: [],
    feedback_received: [],
    feedback_given: [],
    learnings: [],
    open_follow_ups: [],
    goals: [
      {
        id: 'g1',
        text: 'Write two KB articles',
        status,
        behaviours: [{ id: 'L1.2.4', text: 'Documents what I learn' }],
        agreed_on: '2026-09-21',
        conversation_id: 'c1',
        evidence_since: [{ id: 'e1', kind: 'learning', title: 'Proxy certificates', date: '2026-10-02', snippet: '' }],
      },
    ],
    talking_points: [{ text: 'L1.2.4 is a strength', kind: 'strength', entries: ['e1'], behaviours: ['L1.2.4'] }],
    heatmap: { months: ['2026-09', '2026-10', '2026-11'], rows: [] },
  };
}

describe('BriefView', () => {
  it('asks for the level when none is set, sets it, then shows the brief', async () => {
    const user = userEvent.setup();
    api.ladder.mockResolvedValue({ levels: [level('L1'), level('L2')] });
    api.brief
      .mockRejectedValueOnce(new CommandError({ code: 'invalid_input', message: 'level: no level given', field: 'level' }))
      .mockResolvedValue(brief('open'));
    api.setProfileLevel.mockResolvedValue({});
    const { default: BriefView } = await import('./BriefView.svelte');
    render(BriefView);
    const pick = await screen.findByTestId('brief-level-select');
    await waitFor(() => expect(pick.querySelectorAll('option')).toHaveLength(3));
    await user.selectOptions(pick, 'DevOps Support Engineer/L1');
    await user.click(screen.getByTestId('brief-set-level'));
    expect(api.setProfileLevel).toHaveBeenCalledWith('DevOps Support Engineer/L1');
    await waitFor(() => expect(screen.getByTestId('brief-title').textContent?.trim()).toBe('My brief'));
    expect(screen.getByTestId('brief-period').textContent).toContain('21 Sep – 23 Nov 2026 · since the last growth conversation (2026-09-21)');
    // The talking point names its entry, found among the goal's evidence.
    expect(screen.getByTestId('talking-points').textContent).toContain('Proxy certificates');
  }, 15000);

  it('changes a goal status in place and shows the brief again', async () => {
    const user = userEvent.setup();
    api.ladder.mockResolvedValue({ levels: [level('L1'), level('L2')] });
    api.brief.mockResolvedValueOnce(brief('open')).mockResolvedValue(brief('achieved'));
    api.setGoalStatus.mockResolvedValue({});
    const { default: BriefView } = await import('./BriefView.svelte');
    render(BriefView);
    const goals = await screen.findByTestId('brief-goals');
    await user.selectOptions(screen.getByLabelText('Status of “Write two KB articles”'), 'achieved');
    expect(api.setGoalStatus).toHaveBeenCalledWith('g1', 'achieved');
    await waitFor(() => expect(goals.querySelector('li')?.classList.contains('achieved')).toBe(true));
    expect(api.brief).toHaveBeenCalledTimes(2);
  }, 15000);
});

describe('BriefView palette commands', () => {
  it('offers Save as HTML/Markdown/JSON and Print while on screen, runs them, and removes them after', async () => {
    const { allCommands } = await import('../lib/commands');
    api.ladder.mockResolvedValue({ levels: [level('L1'), level('L2')] });
    api.brief.mockResolvedValue(brief('open'));
    api.saveBrief.mockResolvedValue('/tmp/brief.md');
    const print = vi.spyOn(window, 'print').mockImplementation(() => {});
    const { default: BriefView } = await import('./BriefView.svelte');
    const view = render(BriefView);
    await screen.findByTestId('brief-goals');

    const byId = () => new Map(allCommands().map((c) => [c.id, c]));
    expect([...byId().keys()]).toEqual(['brief-save-html', 'brief-save-md', 'brief-save-json', 'brief-print']);
    await byId().get('brief-save-md')!.run();
    expect(api.saveBrief).toHaveBeenCalledWith(expect.anything(), 'md', 'brief-2026-11-23');
    byId().get('brief-print')!.run();
    expect(print).toHaveBeenCalledTimes(1);

    view.unmount();
    expect(allCommands().some((c) => c.id.startsWith('brief-'))).toBe(false);
    print.mockRestore();
  }, 15000);
});
