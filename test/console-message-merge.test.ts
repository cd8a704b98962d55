import { describe, expect, it } from "vitest";
import { newer } from "../console/src/lib/message-merge";

/**
 * The console receives a sent message three ways (the mutation's answer, messageAdded,
 * messageUpdated) that can arrive in any order: a late PENDING copy must not take the
 * SENT tick back (seen under load in the two-agents browser test).
 */
describe("console: merging copies of a message", () => {
  const m = (deliveryStatus: string, text = "Olá") => ({ id: "1", text, deliveryStatus, deliveryError: null as string | null });

  it("keeps a receipt that arrived before a late copy, and takes the late copy's other fields", () => {
    const kept = newer(m("SENT"), m("PENDING", "Olá, editado"));
    expect(kept).toMatchObject({ deliveryStatus: "SENT", text: "Olá, editado" });
    expect(newer(m("READ"), m("DELIVERED")).deliveryStatus).toBe("READ");
    expect(newer(m("FAILED"), m("PENDING")).deliveryStatus).toBe("FAILED");
  });

  it("moves forward as receipts arrive", () => {
    expect(newer(undefined, m("PENDING")).deliveryStatus).toBe("PENDING");
    expect(newer(m("PENDING"), m("SENT")).deliveryStatus).toBe("SENT");
    expect(newer(m("SENT"), m("DELIVERED")).deliveryStatus).toBe("DELIVERED");
    expect(newer(m("DELIVERED"), m("READ")).deliveryStatus).toBe("READ");
    expect(newer(m("PENDING"), m("FAILED")).deliveryStatus).toBe("FAILED");
  });
});
