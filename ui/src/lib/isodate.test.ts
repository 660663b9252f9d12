import { describe, expect, it } from 'vitest';
import { addDays, addMonths, dateProblem, dayAfterKey, longDate, monthGrid, monthTitle } from './isodate';

describe('isodate', () => {
  it('accepts real days written YYYY-MM-DD, surrounding spaces too', () => {
    for (const d of ['2026-11-20', ' 2026-11-20 ', '2024-02-29', '2000-02-29', '1999-12-31']) {
      expect(dateProblem(d), d).toBeNull();
    }
  });

  it('names the field and the expected form for anything else', () => {
    expect(dateProblem('')).toBe('Date is required, written YYYY-MM-DD');
    for (const d of ['11/20/2026', '20.11.2026', '2026-1-5', '2026-11-20T10:00', 'today', '20261120']) {
      expect(dateProblem(d), d).toMatch(/^Date must be written YYYY-MM-DD, for example 2026-11-20/);
    }
    expect(dateProblem('11/20/2026')).toContain('“11/20/2026”');
  });

  it('refuses days that are not in the calendar', () => {
    for (const d of ['2026-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-11-00', '1900-02-29']) {
      expect(dateProblem(d), d).toBe(`Date ${d} is not a day of the calendar`);
    }
  });

  it('moves by days and months across month, year and leap days', () => {
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
  });

  it('lays a month out in weeks from Monday', () => {
    // November 2026 starts on a Sunday and has 30 days.
    const weeks = monthGrid('2026-11-20');
    expect(weeks).toHaveLength(6);
    expect(weeks[0]).toEqual([null, null, null, null, null, null, '2026-11-01']);
    expect(weeks[1][0]).toBe('2026-11-02');
    expect(weeks[5]).toEqual(['2026-11-30', null, null, null, null, null, null]);
    expect(weeks.flat().filter(Boolean)).toHaveLength(30);
    // February 2021 starts on a Monday and fills four whole weeks.
    expect(monthGrid('2021-02-10')).toHaveLength(4);
    expect(monthTitle('2026-11-20')).toBe('November 2026');
    expect(longDate('2026-11-20')).toBe('Friday 20 November 2026');
  });

  it('moves the calendar focus with the keyboard', () => {
    expect(dayAfterKey('2026-11-20', 'ArrowLeft')).toBe('2026-11-19');
    expect(dayAfterKey('2026-11-20', 'ArrowRight')).toBe('2026-11-21');
    expect(dayAfterKey('2026-11-20', 'ArrowUp')).toBe('2026-11-13');
    expect(dayAfterKey('2026-11-30', 'ArrowDown')).toBe('2026-12-07');
    expect(dayAfterKey('2026-11-20', 'PageUp')).toBe('2026-10-20');
    expect(dayAfterKey('2026-11-20', 'PageDown')).toBe('2026-12-20');
    expect(dayAfterKey('2026-11-20', 'Home')).toBe('2026-11-16');
    expect(dayAfterKey('2026-11-20', 'End')).toBe('2026-11-22');
    expect(dayAfterKey('2026-11-20', 'a')).toBeNull();
  });
});
