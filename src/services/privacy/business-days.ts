import { getHolidays } from "@brazilian-utils/brazilian-utils/get-holidays";

/**
 * Business days ("dias úteis") as Brazilian deadlines count them: weekends, national
 * holidays (Lei 662/1949 and later, Sexta-feira Santa included) and the tenant's own
 * holidays are skipped; "pontos facultativos" (Carnaval, Corpus Christi) count as
 * business days, which keeps a deadline on the safe (earlier) side. The day the
 * count starts from is not counted, and the deadline is the end of the last day in
 * the tenant's time zone.
 */

const national = new Map<number, Set<string>>();

function nationalHolidays(year: number): Set<string> {
  let set = national.get(year);
  if (!set) {
    set = new Set(
      getHolidays({ year })
        .filter((h) => h.type === "national")
        .map((h) => ymd(h.date.getFullYear(), h.date.getMonth() + 1, h.date.getDate())),
    );
    national.set(year, set);
  }
  return set;
}

const ymd = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;

/** The calendar date of an instant in a time zone, as [year, month, day]. */
export function localDate(at: Date, timeZone: string): [number, number, number] {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  return [get("year"), get("month"), get("day")];
}

/** Offset of a time zone at an instant, in ms (local wall clock − UTC). */
function offsetMs(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second")) - Math.floor(at.getTime() / 1000) * 1000;
}

/** The last millisecond of a calendar day in a time zone. */
export function endOfLocalDay(y: number, m: number, d: number, timeZone: string): Date {
  const wall = Date.UTC(y, m - 1, d, 23, 59, 59, 999);
  let guess = wall - offsetMs(new Date(wall), timeZone);
  guess = wall - offsetMs(new Date(guess), timeZone); // second pass settles DST edges
  return new Date(guess);
}

export function isBusinessDay(y: number, m: number, d: number, tenantHolidays: ReadonlySet<string>): boolean {
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  const key = ymd(y, m, d);
  return !nationalHolidays(y).has(key) && !tenantHolidays.has(key);
}

/** End of the `days`-th business day after the calendar day of `from` (in `timeZone`). */
export function businessDeadline(from: Date, days: number, opts: { timeZone: string; holidays?: readonly string[] }): Date {
  const tenantHolidays = new Set(opts.holidays ?? []);
  const [y, m, d] = localDate(from, opts.timeZone);
  const cursor = new Date(Date.UTC(y, m - 1, d));
  let counted = 0;
  while (counted < days) {
    cursor.setUTCDate(cursor.getUTCDate() + 1);
    if (isBusinessDay(cursor.getUTCFullYear(), cursor.getUTCMonth() + 1, cursor.getUTCDate(), tenantHolidays)) counted++;
  }
  return endOfLocalDay(cursor.getUTCFullYear(), cursor.getUTCMonth() + 1, cursor.getUTCDate(), opts.timeZone);
}
