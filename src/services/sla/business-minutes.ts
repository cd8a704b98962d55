import type { BusinessHoursDay } from "../../entities/tenant-settings";
import { toMinutes } from "../settings/business-hours";

/** What the calculator needs of the tenant's settings (the same fields isOpen reads). */
export interface WorkCalendar { timezone: string; businessHours: BusinessHoursDay[]; holidays: string[] }

const DAY_MS = 86_400_000;
/** A target is never searched for further than this (a calendar with no open hour at all). */
const MAX_DAYS = 3 * 366;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock of `ms` in `timeZone`, read as if it were UTC (ms). */
function wallClock(ms: number, timeZone: string): number {
  const p = Object.fromEntries(formatter(timeZone).formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)) + (ms % 1000 + 1000) % 1000;
}

/** The instant at which the wall clock of `timeZone` reads `localMs` (a local time written as UTC). */
function instantOf(localMs: number, timeZone: string): number {
  let guess = localMs - (wallClock(localMs, timeZone) - localMs);
  // A second pass settles instants next to an offset change (daylight saving, where it exists).
  guess = localMs - (wallClock(guess, timeZone) - guess);
  return guess;
}

/** Open intervals [from, to) in minutes of a local day (midnight-based UTC ms `dayMs`). */
function openIntervals(dayMs: number, cal: WorkCalendar): Array<[number, number]> {
  const date = new Date(dayMs).toISOString().slice(0, 10);
  if (cal.holidays.includes(date)) return [];
  if (!cal.businessHours.length) return [[0, 1440]];
  const weekday = new Date(dayMs).getUTCDay();
  return cal.businessHours.filter((d) => d.weekday === weekday).map((d) => [toMinutes(d.opens), toMinutes(d.closes)] as [number, number]).sort((a, b) => a[0] - b[0]);
}

/**
 * `start` plus `minutes` of business time: only the tenant's open hours count (none on
 * holidays); no hours configured means always open. The clock starts at `start` if
 * open, else at the next opening.
 */
export function addBusinessMinutes(start: Date, minutes: number, cal: WorkCalendar): Date {
  if (minutes <= 0) return new Date(start);
  if (!cal.businessHours.length && !cal.holidays.length) return new Date(start.getTime() + minutes * 60_000);
  const local = wallClock(start.getTime(), cal.timezone);
  let day = Math.floor(local / DAY_MS) * DAY_MS;
  let at = (local - day) / 60_000;
  let remaining = minutes;
  for (let i = 0; i < MAX_DAYS; i++, day += DAY_MS, at = 0) {
    for (const [opens, closes] of openIntervals(day, cal)) {
      const from = Math.max(opens, at);
      if (from >= closes) continue;
      if (remaining <= closes - from) return new Date(instantOf(day + (from + remaining) * 60_000, cal.timezone));
      remaining -= closes - from;
    }
  }
  throw new Error("no business hours within three years: cannot compute a due date");
}

/** Business minutes between two instants (0 when `to` is not after `from`). */
export function businessMinutesBetween(from: Date, to: Date, cal: WorkCalendar): number {
  if (to <= from) return 0;
  if (!cal.businessHours.length && !cal.holidays.length) return (to.getTime() - from.getTime()) / 60_000;
  const start = wallClock(from.getTime(), cal.timezone);
  const end = wallClock(to.getTime(), cal.timezone);
  let total = 0;
  for (let day = Math.floor(start / DAY_MS) * DAY_MS; day < end; day += DAY_MS) {
    const lo = Math.max(0, (start - day) / 60_000);
    const hi = Math.min(1440, (end - day) / 60_000);
    for (const [opens, closes] of openIntervals(day, cal)) total += Math.max(0, Math.min(closes, hi) - Math.max(opens, lo));
  }
  return total;
}
