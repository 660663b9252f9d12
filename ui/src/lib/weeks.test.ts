import { describe, expect, it } from 'vitest';
import { localDateTime, setToday, shortDate, startsWeek, todayLocal, weekLabel, weekStart } from './weeks';

describe('weeks', () => {
  it('starts weeks on Monday, across month and year ends', () => {
    expect(weekStart('2026-01-14')).toBe('2026-01-12'); // Wednesday
    expect(weekStart('2026-01-12')).toBe('2026-01-12'); // Monday
    expect(weekStart('2026-01-18')).toBe('2026-01-12'); // Sunday
    expect(weekStart('2026-01-01')).toBe('2025-12-29'); // Thursday
  });

  it('labels weeks relative to today', () => {
    expect(weekLabel('2026-01-14', '2026-01-16')).toBe('This week');
    expect(weekLabel('2026-01-09', '2026-01-16')).toBe('Last week');
    expect(weekLabel('2026-01-02', '2026-01-16')).toBe('29 Dec 2025');
    expect(weekLabel('2025-11-05', '2025-12-20')).toBe('3 Nov');
  });

  it('marks the first row of each week', () => {
    expect(startsWeek(undefined, '2026-01-14')).toBe(true);
    expect(startsWeek('2026-01-15', '2026-01-12')).toBe(false);
    expect(startsWeek('2026-01-12', '2026-01-11')).toBe(true);
  });

  it('formats short dates', () => {
    expect(shortDate('2026-01-14', '2026-03-01')).toBe('Wed 14 Jan');
    expect(shortDate('2025-01-14', '2026-03-01')).toBe('Tue 14 Jan 2025');
  });
});

describe('localDateTime', () => {
  it('shows a UTC timestamp in local time in the app style', () => {
    const at = '2026-01-12T14:05:09Z';
    const d = new Date(at);
    const p = (n: number) => String(n).padStart(2, '0');
    const got = localDateTime(at, '2026-03-01');
    expect(got).toBe(`${shortDate(todayLocal(d), '2026-03-01')}, ${p(d.getHours())}:${p(d.getMinutes())}`);
    expect(got).toMatch(/^(Mon|Sun|Tue) 1[123] Jan, \d\d:\d\d$/);
    expect(localDateTime('2025-06-02T08:00:00Z', '2026-03-01')).toMatch(/ 2025, /);
  });
});

describe('setToday', () => {
  it("pins today to the core's date, and ignores anything that is not a date", () => {
    setToday('2026-11-23');
    expect(todayLocal()).toBe('2026-11-23');
    expect(todayLocal(new Date(2025, 0, 2))).toBe('2025-01-02');
    setToday('nonsense');
    expect(todayLocal()).toBe(todayLocal(new Date()));
  });
});
