import { describe, expect, it } from "vitest";
import { nextOpenAt } from "./next-open";

const hours = { timezone: "America/Sao_Paulo", businessHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: "09:00", closes: "18:00" })), holidays: ["2026-12-25"] };

describe("nextOpenAt", () => {
  it("keeps a time inside business hours", () => {
    const at = new Date("2026-12-01T15:00:00Z"); // Tue 12:00 in São Paulo
    expect(nextOpenAt(hours, at)).toEqual(at);
  });
  it("pushes an evening time to the next morning's opening", () => {
    expect(nextOpenAt(hours, new Date("2026-12-01T23:10:00Z")).toISOString()).toBe("2026-12-02T12:00:00.000Z");
  });
  it("skips the weekend and a holiday", () => {
    // Thu 24 Dec 2026 19:00 local → Fri 25 is a holiday, then the weekend → Mon 28 09:00 local.
    expect(nextOpenAt(hours, new Date("2026-12-24T22:00:00Z")).toISOString()).toBe("2026-12-28T12:00:00.000Z");
  });
  it("always open when no hours are set", () => {
    const at = new Date("2026-12-05T03:00:00Z");
    expect(nextOpenAt({ timezone: "America/Sao_Paulo", businessHours: [], holidays: [] }, at)).toEqual(at);
  });
});
