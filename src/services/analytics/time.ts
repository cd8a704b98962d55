import { localTime } from "../settings/business-hours";

export type Unit = "HOUR" | "DAY" | "WEEK" | "MONTH";
export interface Bucket { start: Date; stop: Date; label: string }

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The instant of `date` at `minutes` past local midnight in `timeZone`. */
export function zoned(date: string, minutes: number, timeZone: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, 0, minutes);
  let guess = wall;
  for (let i = 0; i < 2; i++) guess = wall - offsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

function offsetMs(at: Date, timeZone: string): number {
  const parts = Object.fromEntries(new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).formatToParts(at).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * The local hours, days, weeks (from Monday) or months of `timeZone` that cover [from, to), as
 * instant ranges: rows are matched to them by range, so no row needs time-zone arithmetic.
 */
export function buckets(unit: Unit, from: Date, to: Date, timeZone: string): Bucket[] {
  const local = localTime(from, timeZone);
  let date = local.date;
  let minutes = 0;
  if (unit === "HOUR") minutes = Math.floor(local.minutes / 60) * 60;
  if (unit === "WEEK") date = addDays(date, -((local.weekday + 6) % 7));
  if (unit === "MONTH") date = `${date.slice(0, 8)}01`;
  const next = (d: string, m: number): [string, number] => {
    if (unit === "HOUR") return m + 60 >= 1440 ? [addDays(d, 1), 0] : [d, m + 60];
    if (unit === "DAY") return [addDays(d, 1), 0];
    if (unit === "WEEK") return [addDays(d, 7), 0];
    const [y, mo] = d.split("-").map(Number) as [number, number];
    return [new Date(Date.UTC(y, mo, 1)).toISOString().slice(0, 10), 0];
  };
  const out: Bucket[] = [];
  let start = zoned(date, minutes, timeZone);
  while (start < to) {
    const [nd, nm] = next(date, minutes);
    const stop = zoned(nd, nm, timeZone);
    out.push({ start, stop, label: `${date}T${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}` });
    [date, minutes, start] = [nd, nm, stop];
  }
  return out;
}
