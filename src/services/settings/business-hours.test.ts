import { describe, expect, it } from "vitest";
import { isOpen, localTime } from "./business-hours";

const hours = { timezone: "America/Sao_Paulo", businessHours: [{ weekday: 1, opens: "08:00", closes: "18:00" }, { weekday: 6, opens: "09:00", closes: "12:00" }], holidays: ["2026-12-25"] };

describe("business hours", () => {
  it("reads the local time of the tenant's timezone", () => {
    // 2026-11-23 is a Monday; 11:00Z is 08:00 in São Paulo (UTC-3).
    expect(localTime(new Date("2026-11-23T11:00:00Z"), "America/Sao_Paulo")).toEqual({ weekday: 1, date: "2026-11-23", minutes: 480 });
  });

  it("is open inside the hours and closed outside, on other days and on holidays", () => {
    expect(isOpen(hours, new Date("2026-11-23T11:00:00Z"))).toBe(true); // Mon 08:00
    expect(isOpen(hours, new Date("2026-11-23T10:59:00Z"))).toBe(false); // Mon 07:59
    expect(isOpen(hours, new Date("2026-11-23T21:00:00Z"))).toBe(false); // Mon 18:00 (closing is exclusive)
    expect(isOpen(hours, new Date("2026-11-24T12:00:00Z"))).toBe(false); // Tuesday: no hours
    expect(isOpen(hours, new Date("2026-11-28T13:00:00Z"))).toBe(true); // Sat 10:00
    expect(isOpen({ ...hours, businessHours: [{ weekday: 5, opens: "00:00", closes: "24:00" }] }, new Date("2026-12-25T15:00:00Z"))).toBe(false); // holiday
  });

  it("is always open without configured hours", () => {
    expect(isOpen({ timezone: "America/Manaus", businessHours: [], holidays: [] }, new Date())).toBe(true);
  });
});
