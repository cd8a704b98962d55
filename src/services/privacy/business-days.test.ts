import { describe, expect, it } from "vitest";
import { businessDeadline, endOfLocalDay } from "./business-days";

const SP = { timeZone: "America/Sao_Paulo" };

describe("business-day deadlines (ANPD: 3 dias úteis)", () => {
  it("skips the weekend: aware on Friday afternoon, due at the end of Wednesday (São Paulo time)", () => {
    // Friday 2025-03-14 16:30 in São Paulo (UTC-3).
    const due = businessDeadline(new Date("2025-03-14T19:30:00Z"), 3, SP);
    expect(due.toISOString()).toBe("2025-03-20T02:59:59.999Z"); // Wed 2025-03-19 23:59:59.999 -03:00
  });

  it("counts from the local calendar day: 23:30 on Friday in São Paulo is already Saturday in UTC", () => {
    const due = businessDeadline(new Date("2025-03-15T02:30:00Z"), 3, SP);
    expect(due.toISOString()).toBe("2025-03-20T02:59:59.999Z");
  });

  it("skips national holidays (Sexta-feira Santa, Tiradentes) and the tenant's own", () => {
    // Thursday 2025-04-17: Fri 18 Good Friday, weekend, Mon 21 Tiradentes -> Tue 22, Wed 23, Thu 24.
    expect(businessDeadline(new Date("2025-04-17T13:00:00Z"), 3, SP).toISOString()).toBe("2025-04-25T02:59:59.999Z");
    // With the tenant closed on Wed 23 (São Jorge), the third business day is Fri 25.
    expect(businessDeadline(new Date("2025-04-17T13:00:00Z"), 3, { ...SP, holidays: ["2025-04-23"] }).toISOString()).toBe("2025-04-26T02:59:59.999Z");
    // Dia da Consciência Negra is national since 2024: Tue 2024-11-19 -> Thu 21, Fri 22, Mon 25.
    expect(businessDeadline(new Date("2024-11-19T12:00:00Z"), 3, SP).toISOString()).toBe("2024-11-26T02:59:59.999Z");
  });

  it("does not skip pontos facultativos (Carnaval), keeping the deadline on the safe side", () => {
    // Friday 2025-02-28: Mon 3 and Tue 4 March are Carnaval (optional) -> due Wed 5.
    expect(businessDeadline(new Date("2025-02-28T12:00:00Z"), 3, SP).toISOString()).toBe("2025-03-06T02:59:59.999Z");
  });

  it("honours other time zones", () => {
    expect(endOfLocalDay(2025, 3, 19, "America/Manaus").toISOString()).toBe("2025-03-20T03:59:59.999Z");
    expect(endOfLocalDay(2025, 7, 1, "Europe/Lisbon").toISOString()).toBe("2025-07-01T22:59:59.999Z");
  });
});
