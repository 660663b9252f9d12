// Dates for the timeline: weeks start on Monday; labels are relative to today.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function parse(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The Monday of the week `date` (YYYY-MM-DD) falls in. */
export function weekStart(date: string): string {
  const d = parse(date);
  const back = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - back);
  return iso(d);
}

/** "This week", "Last week", or the Monday starting the week, "12 Jan" (with the year when it
 *  is not today's): short enough for one line of the timeline's week gutter. */
export function weekLabel(date: string, today: string): string {
  const start = weekStart(date);
  const current = weekStart(today);
  if (start === current) return 'This week';
  const last = parse(current);
  last.setUTCDate(last.getUTCDate() - 7);
  if (start === iso(last)) return 'Last week';
  const d = parse(start);
  const year = d.getUTCFullYear() === parse(today).getUTCFullYear() ? '' : ` ${d.getUTCFullYear()}`;
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}${year}`;
}

/** "Mon 12 Jan" or "Mon 12 Jan 2025". */
export function shortDate(date: string, today: string): string {
  const d = parse(date);
  const year = d.getUTCFullYear() === parse(today).getUTCFullYear() ? '' : ` ${d.getUTCFullYear()}`;
  return `${DAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}${year}`;
}

let pinned: string | null = null;

/** Uses the core's today (AppInfo.today: local, or as RUNGS_TODAY pins it) from now on. */
export function setToday(date: string): void {
  pinned = /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null;
}

/** Today as YYYY-MM-DD: the core's when it was given (setToday), else local time. */
export function todayLocal(now?: Date): string {
  if (!now && pinned) return pinned;
  now ??= new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** Whether row `i` starts a new week, given the dates of rows `i - 1` and `i`. */
export function startsWeek(prev: string | undefined, date: string): boolean {
  return prev === undefined || weekStart(prev) !== weekStart(date);
}

/** A timestamp from the core (RFC 3339, UTC) in local time, in the app's date style:
 *  "Mon 12 Jan, 14:05" (with the year when it is not today's). */
export function localDateTime(at: string, today: string): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return at;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${shortDate(todayLocal(d), today)}, ${p(d.getHours())}:${p(d.getMinutes())}`;
}
