import { describe, expect, it } from "vitest";
import { analyse } from "./normalize";

describe("normaliser on pathological input", () => {
  it("collapses a 5 MB run of one letter without overflowing the stack (was a backreference regex)", () => {
    const out = analyse(`obrigad${"a".repeat(5_000_000)}`);
    expect(out.plain).toBe("obrigada");
  });

  it("keeps laughter and stretched words as before", () => {
    expect(analyse("kkkkkk muito bom").plain).toContain("risos");
    expect(analyse("oii tudo bem? o app não abreee").plain).toContain("abre");
    expect(analyse("valeuu").plain).toBe("valeu");
  });
});
