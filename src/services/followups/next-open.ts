import { isOpen } from "../settings/business-hours";

type Hours = Parameters<typeof isOpen>[0];

const STEP_MS = 15 * 60_000;
const HORIZON_MS = 30 * 86_400_000;

/**
 * The first moment at or after `at` when the tenant is open (its business hours and holidays,
 * through the same isOpen the conversation flow uses). Walks forward in 15-minute steps, then
 * narrows to the minute inside the step where it opened. A tenant never open within 30 days
 * gets `at` back (nothing to wait for).
 */
export function nextOpenAt(settings: Hours, at: Date): Date {
  if (isOpen(settings, at)) return at;
  let closed = at.getTime();
  for (let t = closed + STEP_MS; t <= at.getTime() + HORIZON_MS; t += STEP_MS) {
    if (!isOpen(settings, new Date(t))) {
      closed = t;
      continue;
    }
    // Open at t, closed at `closed`: the opening minute is in between.
    let lo = closed;
    let hi = t;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000 || lo + 60_000;
      if (isOpen(settings, new Date(mid))) hi = mid;
      else lo = mid;
    }
    return new Date(hi);
  }
  return at;
}
