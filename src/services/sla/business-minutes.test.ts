import { describe, expect, it } from "vitest";
import { addBusinessMinutes, businessMinutesBetween, type WorkCalendar } from "./business-minutes";

// Monday to Friday 09:00–18:00 in São Paulo (UTC-3), Tiradentes (Tuesday 2026-04-21) a holiday.
const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: "09:00", closes: "18:00" }));
const cal: WorkCalendar = { timezone: "America/Sao_Paulo", businessHours: weekdays, holidays: ["2026-04-21"] };
const at = (iso: string) => new Date(iso);

describe("business minutes", () => {
  it("counts within the same open day", () => {
    expect(addBusinessMinutes(at("2026-04-15T13:00:00Z"), 60, cal).toISOString()).toBe("2026-04-15T14:00:00.000Z"); // Wed 10:00 → 11:00
  });

  it("starts at the next opening when closed", () => {
    // Wednesday 20:00 local: nothing counts until Thursday 09:00.
    expect(addBusinessMinutes(at("2026-04-15T23:00:00Z"), 30, cal).toISOString()).toBe("2026-04-16T12:30:00.000Z");
  });

  it("skips the weekend and a holiday", () => {
    // Friday 17:00 local + 120 min: 60 min on Friday, Saturday/Sunday closed, Monday 09:00 + 60 = 10:00.
    expect(addBusinessMinutes(at("2026-04-17T20:00:00Z"), 120, cal).toISOString()).toBe("2026-04-20T13:00:00.000Z");
    // Monday 17:00 + 120 min: 60 on Monday, Tuesday the 21st is a holiday, Wednesday 10:00.
    expect(addBusinessMinutes(at("2026-04-20T20:00:00Z"), 120, cal).toISOString()).toBe("2026-04-22T13:00:00.000Z");
    // Several days: 3 business days (27 h) from Friday 09:00 → Wednesday 18:00 (Mon, [holiday], Wed).
    expect(addBusinessMinutes(at("2026-04-17T12:00:00Z"), 27 * 60, cal).toISOString()).toBe("2026-04-22T21:00:00.000Z");
  });

  it("is wall-clock time when no hours are set, except on holidays", () => {
    expect(addBusinessMinutes(at("2026-04-18T10:00:00Z"), 90, { timezone: "America/Sao_Paulo", businessHours: [], holidays: [] }).toISOString()).toBe("2026-04-18T11:30:00.000Z");
    // Always open but the 21st (local) is closed: Monday 23:00 local + 120 min → Wednesday 01:00 local.
    expect(addBusinessMinutes(at("2026-04-21T02:00:00Z"), 120, { timezone: "America/Sao_Paulo", businessHours: [], holidays: ["2026-04-21"] }).toISOString()).toBe("2026-04-22T04:00:00.000Z");
  });

  it("honours split shifts and other time zones", () => {
    const split: WorkCalendar = { timezone: "Europe/Lisbon", businessHours: [{ weekday: 3, opens: "09:00", closes: "12:00" }, { weekday: 3, opens: "14:00", closes: "18:00" }], holidays: [] };
    // Lisbon is UTC+1 in April: Wednesday 11:30 local + 60 → 30 before lunch, 30 after → 14:30 local.
    expect(addBusinessMinutes(at("2026-04-15T10:30:00Z"), 60, split).toISOString()).toBe("2026-04-15T13:30:00.000Z");
  });

  it("measures business minutes between two instants (pauses)", () => {
    expect(businessMinutesBetween(at("2026-04-17T20:00:00Z"), at("2026-04-20T13:00:00Z"), cal)).toBe(120);
    expect(businessMinutesBetween(at("2026-04-17T20:00:00Z"), at("2026-04-22T13:00:00Z"), cal)).toBe(60 + 540 + 60);
    expect(businessMinutesBetween(at("2026-04-18T12:00:00Z"), at("2026-04-19T12:00:00Z"), cal)).toBe(0);
    expect(businessMinutesBetween(at("2026-04-15T13:00:00Z"), at("2026-04-15T13:00:00Z"), cal)).toBe(0);
  });
});
