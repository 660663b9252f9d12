import { describe, expect, it } from 'vitest';
import { emptyForm, fieldOf, fromInput, hasContent, parseDraft, toInput, writtenText } from './form';

describe('capture form', () => {
  it('adds text typed but not yet a chip or a follow-up when saving', () => {
    const f = emptyForm('pairing', '2026-01-14');
    f.partners = ['Tom Becker'];
    f.typed = { partners: ' Lena Fischer ', tags: '#dns', followUp: 'Write it up' };
    f.tags = ['k8s'];
    const r = toInput(f);
    if (!r.ok) throw new Error(r.message);
    if (r.input.kind !== 'pairing') throw new Error('kind');
    expect(r.input.partners).toEqual(['Tom Becker', 'Lena Fischer']);
    expect(r.input.tags).toEqual(['k8s', 'dns']);
    expect(r.input.follow_ups.map((x) => x.text)).toEqual(['Write it up']);
  });

  it('refuses a date not written YYYY-MM-DD under the date field, and trims a good one', () => {
    const f = emptyForm('learning', '11/20/2026');
    f.body = 'x';
    expect(toInput(f)).toEqual({
      ok: false,
      field: 'date',
      message: 'Date must be written YYYY-MM-DD, for example 2026-11-20 (not “11/20/2026”)',
    });
    f.date = '2026-02-30';
    expect(toInput(f)).toMatchObject({ ok: false, field: 'date' });
    f.date = ' 2026-02-28 ';
    const r = toInput(f);
    if (!r.ok) throw new Error(r.message);
    expect(r.input.date).toBe('2026-02-28');
  });

  it('does not add a typed name twice, and keeps typed text in the draft', () => {
    const f = emptyForm('pairing', '2026-01-14');
    f.partners = ['Tom Becker'];
    f.typed.partners = 'tom becker';
    const r = toInput(f);
    if (!r.ok || r.input.kind !== 'pairing') throw new Error('not ok');
    expect(r.input.partners).toEqual(['Tom Becker']);
    const only = emptyForm('pairing', '2026-01-14');
    only.typed.followUp = 'Ask about the TTL';
    expect(hasContent(only)).toBe(true);
    const back = parseDraft(JSON.stringify(only), emptyForm('pairing', '2026-01-14'));
    expect(back.typed.followUp).toBe('Ask about the TTL');
    // A draft from before `typed` existed still parses to a whole form.
    const old = parseDraft('{"title":"x"}', emptyForm('pairing', '2026-01-14'));
    expect(old.typed).toEqual({ partners: '', tags: '', followUp: '' });
  });

  it('turns a pairing form into the core input, blanks as null', () => {
    const f = emptyForm('pairing', '2026-01-14');
    f.title = 'Argo CD sync waves';
    f.partners = ['Tom Becker'];
    f.minutes = ' 90 ';
    f.role = 'driver';
    f.followUps = [
      { id: '', text: 'Write a KB article', done: false },
      { id: '', text: '  ', done: false },
    ];
    const r = toInput(f);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.input).toMatchObject({
      kind: 'pairing',
      title: 'Argo CD sync waves',
      minutes: 90,
      role: 'driver',
      area: null,
      time: null,
      follow_ups: [{ id: '', text: 'Write a KB article', done: false }],
    });
  });

  it('refuses minutes that are not a whole number, naming the field', () => {
    const f = emptyForm('pairing', '2026-01-14');
    f.minutes = '1.5h';
    expect(toInput(f)).toEqual({ ok: false, field: 'minutes', message: 'minutes: must be a whole number' });
  });

  it('leaves a blank feedback title to the core to derive', () => {
    const f = emptyForm('feedback', '2026-01-14');
    f.person = 'Lena Fischer';
    const r = toInput(f);
    expect(r.ok && r.input.title).toBe(null);
    expect(r.ok && r.input.kind).toBe('feedback');
  });

  it('round-trips an entry input through the form', () => {
    const f = emptyForm('learning', '2026-01-14');
    f.title = 't';
    f.body = 'body';
    f.tags = ['k8s'];
    const r = toInput(f);
    if (!r.ok) throw new Error('expected ok');
    const back = fromInput(r.input);
    expect(back.title).toBe('t');
    expect(back.body).toBe('body');
    expect(back.tags).toEqual(['k8s']);
    expect(toInput(back)).toEqual(r);
  });

  it('turns a growth conversation into the core input with its goals, dropping blank new ones', () => {
    const f = emptyForm('conversation', '2026-11-20');
    f.person = 'Lena Fischer';
    f.notes = 'Talked about **on-call**';
    f.goals = [
      { id: '', text: ' Write two KB articles ', behaviours: ['L1.2.4'], status: 'open' },
      { id: '', text: '  ', behaviours: [], status: 'open' },
      { id: 'g1', text: 'Lead an incident review', behaviours: [], status: 'achieved' },
    ];
    const r = toInput(f);
    if (!r.ok || r.input.kind !== 'conversation') throw new Error('expected a conversation');
    expect(r.input.person).toBe('Lena Fischer');
    expect(r.input.notes).toBe('Talked about **on-call**');
    expect(r.input.title).toBe(null);
    expect(r.input.goals).toEqual([
      { id: '', text: 'Write two KB articles', behaviours: ['L1.2.4'], status: 'open' },
      { id: 'g1', text: 'Lead an incident review', behaviours: [], status: 'achieved' },
    ]);
    expect(writtenText(f)).toContain('Write two KB articles');
    const back = fromInput(r.input);
    expect(back.person).toBe('Lena Fischer');
    expect(back.goals).toEqual(r.input.goals);
    expect(toInput(back)).toEqual(r);
    expect(fieldOf('goal')).toBe('goals');
  });

  it('collects what the user wrote and knows an empty form', () => {
    const f = emptyForm('feedback', '2026-01-14');
    expect(hasContent(f)).toBe(false);
    f.situation = 'escalation call';
    f.impact = 'customer calmed down';
    expect(writtenText(f)).toBe('escalation call\ncustomer calmed down');
    expect(hasContent(f)).toBe(true);
  });

  it('maps core field names to form fields', () => {
    expect(fieldOf('partner')).toBe('partners');
    expect(fieldOf('follow-up')).toBe('followUps');
    expect(fieldOf('date')).toBe('date');
    expect(fieldOf(undefined)).toBe(undefined);
  });

  it('restores a draft over an empty form and survives garbage', () => {
    const empty = emptyForm('learning', '2026-01-14');
    expect(parseDraft('{"title":"half"}', empty).title).toBe('half');
    expect(parseDraft('{"title":"half"}', empty).date).toBe('2026-01-14');
    expect(parseDraft('not json', empty)).toBe(empty);
  });
});
