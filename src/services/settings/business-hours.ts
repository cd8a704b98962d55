import type { BusinessHoursDay } from "../../entities/tenant-settings";

/** Weekday (0 = Sunday), date (YYYY-MM-DD) and minutes since midnight of `at` in `timeZone`. */
export function localTime(at: Date, timeZone: string): { weekday: number; date: string; minutes: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone, weekday: "short", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(parts.weekday!);
  return { weekday, date: `${parts.year}-${parts.month}-${parts.day}`, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

export const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** No hours configured means always open; holidays close the whole day. */
export function isOpen(settings: { timezone: string; businessHours: BusinessHoursDay[]; holidays: string[] }, at = new Date()): boolean {
  const local = localTime(at, settings.timezone);
  if (settings.holidays.includes(local.date)) return false;
  if (!settings.businessHours.length) return true;
  return settings.businessHours.some((d) => d.weekday === local.weekday && local.minutes >= toMinutes(d.opens) && local.minutes < toMinutes(d.closes));
}
