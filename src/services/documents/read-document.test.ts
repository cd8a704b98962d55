import { describe, expect, it } from "vitest";
import { buildResult, type ExtractionResult, type FieldValue } from "./extract/types";
import { mergeExtractions } from "./read-document";

const payslip = (values: Record<string, FieldValue>, conf = 0.85): ExtractionResult =>
  buildResult(
    "PAYSLIP",
    Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { value: v, confidence: k.endsWith("Pay") || k === "totalDeductions" ? 1 : conf }])),
    [],
  );

const base = { employeeName: "ANA LIMA", cpf: "53394784327", position: "VENDEDORA", competence: "2026-03" };
const pay = { grossPay: 3612.4, totalDeductions: 612.4, netPay: 3000 };
const nullPay = { grossPay: null, totalDeductions: null, netPay: null };

describe("mergeExtractions", () => {
  it("fills the first pass's nulls, moving the pay amounts as one group", () => {
    const first = payslip({ ...base, position: null, ...nullPay, grossPay: 3612.4 });
    const second = payslip({ ...base, position: "VENDEDORA", ...pay });
    const merged = mergeExtractions("PAYSLIP", first, second, "fill");
    expect(merged.fields).toEqual({ ...base, ...pay });
    expect(merged.warnings.join()).toMatch(/second OCR pass/);
  });

  it("keeps the first reading in fill mode when both passes have a value", () => {
    const merged = mergeExtractions("PAYSLIP", payslip({ ...base, ...pay }), payslip({ ...base, position: "VENDEDOR", ...pay }));
    expect(merged.fields.position).toBe("VENDEDORA");
  });

  it("on a poor scan drops values the two passes read differently", () => {
    const first = payslip({ ...base, ...pay });
    const second = payslip({ ...base, employeeName: "ANA LIMAS", ...pay });
    const merged = mergeExtractions("PAYSLIP", first, second, "verify");
    expect(merged.fields.employeeName).toBeNull();
    expect(merged.fields.cpf).toBe("53394784327");
    expect(merged.fields.grossPay).toBe(3612.4);
    expect(merged.fieldConfidence.position).toBe(0.85);
  });

  it("on a poor scan prefers the validated side of a disagreement", () => {
    const first = payslip({ ...base, ...pay });
    const second = buildResult(
      "PAYSLIP",
      {
        ...Object.fromEntries(Object.entries(base).map(([k, v]) => [k, { value: v, confidence: 0.85 }])),
        grossPay: { value: 3672.4, confidence: 0.5 },
        totalDeductions: { value: 612.4, confidence: 0.5 },
        netPay: { value: 3000, confidence: 0.5 },
      },
      [],
    );
    expect(mergeExtractions("PAYSLIP", first, second, "verify").fields).toMatchObject(pay);
  });
});
