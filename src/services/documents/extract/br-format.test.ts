import { describe, expect, it } from "vitest";
import {
  findCnpjs,
  findCpfs,
  findDates,
  findMoney,
  findMonths,
  fold,
  formatCnpj,
  formatCpf,
  formatMoney,
  isValidCnpj,
  isValidCpf,
  normalizeName,
  parseDate,
  parseMoney,
  parseMonth,
  repairDigits,
} from "./br-format";

describe("CPF / CNPJ check digits", () => {
  it("accepts valid numbers, including leading zeros", () => {
    expect(isValidCpf("53394784327")).toBe(true);
    expect(isValidCpf("08390951983")).toBe(true);
    expect(isValidCnpj("33545045000109")).toBe(true);
    expect(isValidCnpj("27096884000186")).toBe(true);
  });

  it("rejects wrong check digits, wrong lengths and repeated digits", () => {
    expect(isValidCpf("53394784328")).toBe(false);
    expect(isValidCpf("5339478432")).toBe(false);
    expect(isValidCpf("11111111111")).toBe(false);
    expect(isValidCpf("533.947.843-27")).toBe(false); // helpers take bare digits
    expect(isValidCnpj("33545045000108")).toBe(false);
    expect(isValidCnpj("00000000000000")).toBe(false);
  });

  it("finds only valid numbers in text, tolerating OCR slips", () => {
    expect(findCpfs("CPF: 533.947.843-27 e 111.222.333-44").map((c) => c.value)).toEqual(["53394784327"]);
    expect(findCpfs("CPF: 533.947.B43-27")[0]?.value).toBe("53394784327"); // B read for 8
    expect(findCnpjs("CNP) 33.545.O45/0001-09 MATRIZ")[0]?.value).toBe("33545045000109");
    expect(findCnpjs("CNPJ 33.545.045/0001-08")).toEqual([]);
    // A CNPJ does not contain a CPF.
    expect(findCpfs("CNPJ: 26.346.535/0001-02")).toEqual([]);
  });

  it("formats for display", () => {
    expect(formatCpf("53394784327")).toBe("533.947.843-27");
    expect(formatCnpj("33545045000109")).toBe("33.545.045/0001-09");
  });
});

describe("money", () => {
  it("parses Brazilian amounts exactly to the cent", () => {
    expect(parseMoney("3.612,40")).toBe(3612.4);
    expect(parseMoney("R$ 1.453,00")).toBe(1453);
    expect(parseMoney("R$468,05")).toBe(468.05);
    expect(parseMoney("TOTAL 10.494,11")).toBe(10494.11);
    expect(parseMoney("R$ 1.234.567,89")).toBe(1234567.89);
  });

  it("tolerates OCR spacing and punctuation slips", () => {
    expect(parseMoney("LIQUIDO A RECEBER R$ 3. 102,63")).toBe(3102.63);
    expect(parseMoney("10,494,11")).toBe(10494.11); // comma read for the thousands dot
    expect(parseMoney("R$ 1.O53,2O")).toBe(1053.2); // O read for 0
  });

  it("ignores percentages, tariffs and plain integers", () => {
    expect(findMoney("INSS (7,90%) 162,73").map((m) => m.value)).toEqual([162.73]);
    expect(findMoney("Tarifa 0,436780 kWh 649")).toEqual([]);
    expect(parseMoney("Consumo 649 kWh")).toBeNull();
  });

  it("formats back", () => {
    expect(formatMoney(3612.4)).toBe("3.612,40");
    expect(formatMoney(0.5)).toBe("0,50");
  });
});

describe("dates and months", () => {
  it("parses dd/mm/aaaa and rejects impossible dates", () => {
    expect(parseDate("Vencimento: 15/04/2026")).toBe("2026-04-15");
    expect(parseDate("29/02/2024")).toBe("2024-02-29");
    expect(parseDate("29/02/2025")).toBeNull();
    expect(parseDate("31/04/2026")).toBeNull();
    expect(findDates("de 01/03/2026 a 31/03/2026").map((d) => d.value)).toEqual(["2026-03-01", "2026-03-31"]);
  });

  it("parses every month format, accented or not", () => {
    const cases: [string, string][] = [
      ["MARÇO/2026", "2026-03"],
      ["Marco/2026", "2026-03"],
      ["MAR/2026", "2026-03"],
      ["03/2026", "2026-03"],
      ["3/2026", "2026-03"],
      ["Março de 2026", "2026-03"],
      ["setembro/2024", "2024-09"],
      ["Dez/25", "2025-12"],
      ["FEV / 2026", "2026-02"],
      ["Fevereiro 2026", "2026-02"],
    ];
    for (const [text, want] of cases) expect(parseMonth(text), text).toBe(want);
  });

  it("does not read a full date or a history label as a month-year", () => {
    expect(parseMonth("Admissão: 14/03/2026")).toBeNull();
    expect(findMonths("13/2026 00/2026")).toEqual([]);
  });
});

describe("text helpers", () => {
  it("folds accents and case without changing length (column offsets survive)", () => {
    const s = "Conceição Peçanha Líquido";
    expect(fold(s)).toBe("CONCEICAO PECANHA LIQUIDO");
    expect(fold(s)).toHaveLength(s.length);
  });

  it("normalises names for comparison", () => {
    expect(normalizeName("  Luíza  Almeida da Rocha ")).toBe(normalizeName("LUIZA ALMEIDA DA ROCHA"));
  });

  it("repairs letters inside digit runs only", () => {
    expect(repairDigits("R$ 1.O53,2l")).toBe("R$ 1.053,21");
    expect(repairDigits("SOL NASCENTE SET/23")).toBe("SOL NASCENTE SET/23");
    expect(repairDigits("G600990B4168-3")).toBe("660099084168-3");
  });
});
