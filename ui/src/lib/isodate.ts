// The capture form's date, typed as YYYY-MM-DD whatever the desktop's locale (WebKitGTK's
// native date field shows mm/dd/yyyy), with quick picks and a month grid to choose from.

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

function utc(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Why `text` is not a date written YYYY-MM-DD (a message to show under the Date field), or
 *  null when it is one. */
export function dateProblem(text: string): string | null {
  const t = text.trim();
  if (!t) return 'Date is required, written YYYY-MM-DD';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (!m) return `Date must be written YYYY-MM-DD, for example 2026-11-20 (not “${t}”)`;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const back = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1 || mo < 1 || mo > 12 || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    return `Date ${t} is not a day of the calendar`;
  }
  return null;
}

/** `date` (YYYY-MM-DD) moved by `days` (negative: back). */
export function addDays(date: string, days: number): string {
  const d = utc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return iso(d);
}

/** `date` moved by `months`, on the same day of the month or the month's last day. */
export function addMonths(date: string, months: number): string {
  const d = utc(date);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return iso(d);
}

/** "November 2026". */
export function monthTitle(date: string): string {
  const d = utc(date);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "Friday 20 November 2026", for a day button's accessible name. */
export function longDate(date: string): string {
  const d = utc(date);
  const day = d.toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'UTC' });
  return `${day} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** The month of `date` as weeks Monday to Sunday, each day YYYY-MM-DD, or null before the
 *  first and after the last day of the month. */
export function monthGrid(date: string): Array<Array<string | null>> {
  const first = utc(date);
  first.setUTCDate(1);
  const lead = (first.getUTCDay() + 6) % 7;
  const days = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  const cells: Array<string | null> = Array(lead).fill(null);
  for (let i = 0; i < days; i++) cells.push(addDays(iso(first), i));
  while (cells.length % 7) cells.push(null);
  const weeks = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** Where a key moves the calendar's focused day (arrows: a day or a week; Page Up/Down: a
 *  month; Home/End: the week's Monday/Sunday), or null for another key. */
export function dayAfterKey(date: string, key: string): string | null {
  const weekday = (utc(date).getUTCDay() + 6) % 7;
  switch (key) {
    case 'ArrowLeft':
      return addDays(date, -1);
    case 'ArrowRight':
      return addDays(date, 1);
    case 'ArrowUp':
      return addDays(date, -7);
    case 'ArrowDown':
      return addDays(date, 7);
    case 'PageUp':
      return addMonths(date, -1);
    case 'PageDown':
      return addMonths(date, 1);
    case 'Home':
      return addDays(date, -weekday);
    case 'End':
      return addDays(date, 6 - weekday);
    default:
      return null;
  }
}
