// The capture form's state: every field as the user types it (strings), turned into
// the core's EntryInput on save. The core validates; the only checks here are that
// "minutes" is a whole number, because IPC cannot carry "abc" as a number, and that the
// date is written YYYY-MM-DD, so the message can say how to write it.
import type { Direction, EntryInput, FollowUp, Goal, Kind, Role, Tone } from './generated/types';
import { dateProblem } from './isodate';

export interface FormState {
  kind: Kind;
  title: string;
  date: string;
  time: string;
  tags: string[];
  behaviours: string[];
  partners: string[];
  role: Role | '';
  minutes: string;
  area: string;
  ticket: string;
  notes: string;
  learned: string;
  followUps: FollowUp[];
  direction: Direction;
  person: string;
  situation: string;
  observed: string;
  impact: string;
  tone: Tone | '';
  reflection: string;
  body: string;
  source: string;
  /** A growth conversation's goals (its person is `person`, its notes `notes`). */
  goals: Goal[];
  /** Typed into an input but not yet a chip or a follow-up: kept in the draft, added on save. */
  typed: { partners: string; tags: string; followUp: string };
}

export function emptyForm(kind: Kind, date: string): FormState {
  return {
    kind,
    title: '',
    date,
    time: '',
    tags: [],
    behaviours: [],
    partners: [],
    role: '',
    minutes: '',
    area: '',
    ticket: '',
    notes: '',
    learned: '',
    followUps: [],
    direction: 'received',
    person: '',
    situation: '',
    observed: '',
    impact: '',
    tone: '',
    reflection: '',
    body: '',
    source: '',
    goals: [],
    typed: { partners: '', tags: '', followUp: '' },
  };
}

/** `values` plus `typed` (trimmed, without a leading #) unless empty or already there. */
function withTyped(values: string[], typed: string): string[] {
  const t = typed.trim().replace(/^#/, '');
  if (!t || values.some((v) => v.toLowerCase() === t.toLowerCase())) return values;
  return [...values, t];
}

const opt = (s: string): string | null => (s.trim() ? s : null);

export type ToInput = { ok: true; input: EntryInput } | { ok: false; field: string; message: string };

export function toInput(f: FormState): ToInput {
  const badDate = dateProblem(f.date);
  if (badDate) return { ok: false, field: 'date', message: badDate };
  const common = {
    title: opt(f.title),
    date: f.date.trim(),
    time: opt(f.time),
    tags: withTyped(f.tags, f.typed.tags),
    behaviours: f.behaviours,
  };
  if (f.kind === 'pairing') {
    let minutes: number | null = null;
    if (f.minutes.trim()) {
      if (!/^\d+$/.test(f.minutes.trim())) {
        return { ok: false, field: 'minutes', message: 'minutes: must be a whole number' };
      }
      minutes = Number(f.minutes.trim());
    }
    return {
      ok: true,
      input: {
        ...common,
        kind: 'pairing',
        partners: withTyped(f.partners, f.typed.partners),
        role: f.role || null,
        minutes,
        area: opt(f.area),
        ticket: opt(f.ticket),
        notes: opt(f.notes),
        learned: opt(f.learned),
        follow_ups: [
          ...f.followUps,
          ...(f.typed.followUp.trim() ? [{ id: '', text: f.typed.followUp.trim(), done: false }] : []),
        ].filter((x) => x.text.trim() || x.id),
      },
    };
  }
  if (f.kind === 'feedback') {
    return {
      ok: true,
      input: {
        ...common,
        kind: 'feedback',
        direction: f.direction,
        person: f.person,
        situation: f.situation,
        observed: f.observed,
        impact: f.impact,
        tone: f.tone || null,
        reflection: opt(f.reflection),
      },
    };
  }
  if (f.kind === 'conversation') {
    return {
      ok: true,
      input: {
        ...common,
        kind: 'conversation',
        person: f.person,
        notes: opt(f.notes),
        // A goal added and left blank is dropped; a stored one emptied is the core's to refuse.
        goals: f.goals.filter((g) => g.text.trim() || g.id).map((g) => ({ ...g, text: g.text.trim() })),
      },
    };
  }
  return { ok: true, input: { ...common, kind: 'learning', body: f.body, source: opt(f.source) } };
}

/** The form for editing a stored entry (from the core's `entry_input`). */
export function fromInput(input: EntryInput): FormState {
  const f = emptyForm(input.kind, input.date);
  f.title = input.title ?? '';
  f.time = input.time ?? '';
  f.tags = [...input.tags];
  f.behaviours = [...input.behaviours];
  if (input.kind === 'pairing') {
    f.partners = [...input.partners];
    f.role = input.role ?? '';
    f.minutes = input.minutes === null ? '' : String(input.minutes);
    f.area = input.area ?? '';
    f.ticket = input.ticket ?? '';
    f.notes = input.notes ?? '';
    f.learned = input.learned ?? '';
    f.followUps = input.follow_ups.map((x) => ({ ...x }));
  } else if (input.kind === 'feedback') {
    f.direction = input.direction;
    f.person = input.person;
    f.situation = input.situation;
    f.observed = input.observed;
    f.impact = input.impact;
    f.tone = input.tone ?? '';
    f.reflection = input.reflection ?? '';
  } else if (input.kind === 'conversation') {
    f.person = input.person;
    f.notes = input.notes ?? '';
    f.goals = input.goals.map((g) => ({ ...g, behaviours: [...g.behaviours] }));
  } else {
    f.body = input.body;
    f.source = input.source ?? '';
  }
  return f;
}

/** What the user wrote in the kind's text fields and tags: how much there is decides
 *  whether the form is worth a draft and whether to ask for suggestions (the core reads
 *  the entry itself for those). */
export function writtenText(f: FormState): string {
  const parts =
    f.kind === 'pairing'
      ? [f.title, f.area, f.notes, f.learned, ...f.followUps.map((x) => x.text)]
      : f.kind === 'feedback'
        ? [f.title, f.situation, f.observed, f.impact, f.reflection]
        : f.kind === 'conversation'
          ? [f.title, f.notes, ...f.goals.map((g) => g.text)]
          : [f.title, f.body];
  return [...parts, ...f.tags].filter((s) => s.trim()).join('\n');
}

/** Whether the form holds anything worth keeping as a draft. */
export function hasContent(f: FormState): boolean {
  const typed = f.typed.partners + f.typed.tags + f.typed.followUp;
  return (
    writtenText(f).trim().length > 0 ||
    f.partners.length > 0 ||
    f.person.trim().length > 0 ||
    typed.trim().length > 0
  );
}

/** The form field a core error names ("follow-up", "partner", "tag"… map to their inputs). */
export function fieldOf(coreField: string | undefined): string | undefined {
  if (!coreField) return undefined;
  const map: Record<string, string> = {
    partner: 'partners',
    tag: 'tags',
    behaviour: 'behaviours',
    'follow-up': 'followUps',
    goal: 'goals',
  };
  return map[coreField] ?? coreField;
}

/** Parses a saved draft; a draft from an older form shape is merged over an empty form. */
export function parseDraft(data: string, fallback: FormState): FormState {
  try {
    const v = JSON.parse(data) as Partial<FormState>;
    if (!v || typeof v !== 'object') return fallback;
    return { ...fallback, ...v, typed: { ...fallback.typed, ...(v.typed ?? {}) } };
  } catch {
    return fallback;
  }
}
