import { describe, expect, it } from "vitest";
import { documentDoneComment, formatDateBr, guessKind, maskCpf, sanitizeFilename } from "./summary";

describe("document summary (ticket comment)", () => {
  it("formats BR values and masks the CPF", () => {
    expect(maskCpf("12345678909")).toBe("***.456.789-**");
    expect(formatDateBr("2026-04-15")).toBe("15/04/2026");
    expect(formatDateBr("2026-03")).toBe("03/2026");
    const text = documentDoneComment({
      filename: "holerite.png",
      kind: "PAYSLIP",
      fields: { employeeName: "LUÍZA ALMEIDA", cpf: "12345678909", position: null, competence: "2026-03", grossPay: 3612.4, totalDeductions: 612.4, netPay: 3000 },
      ocrConfidence: 0.912,
      sensitive: false,
    });
    expect(text).toContain("(holerite)");
    expect(text).toContain("- CPF: ***.456.789-**");
    expect(text).toContain("- Total de vencimentos: R$ 3.612,40");
    expect(text).toContain("- Líquido a receber: R$ 3.000,00");
    expect(text).toContain("- Competência: 03/2026");
    expect(text).toContain("- Cargo: não identificado");
    expect(text).toContain("Confiança da leitura: 91%.");
  });

  it("sanitises names and guesses kinds", () => {
    expect(sanitizeFilename("../../etc/passwd")).toBe("passwd");
    expect(sanitizeFilename("C:\\docs\\holerite\u0007.png")).toBe("holerite_.png");
    expect(sanitizeFilename("   ")).toBe("documento");
    expect(guessKind("Holerite-março.pdf")).toBe("PAYSLIP");
    expect(guessKind("conta de luz abril.jpg")).toBe("UTILITY_BILL");
    expect(guessKind("cartao_cnpj.pdf")).toBe("CNPJ_CARD");
    expect(guessKind("IMG_0001.jpg")).toBe("OTHER");
  });
});
