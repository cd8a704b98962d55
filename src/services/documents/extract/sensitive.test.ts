import { describe, expect, it } from "vitest";
import { detectSensitive, detectSensitiveCategories } from "./sensitive";

describe("detectSensitive (LGPD Art. 5 II)", () => {
  it("flags health records", () => {
    expect(detectSensitive("ATESTADO MÉDICO\nAtesto para os devidos fins... CID: J11.1\nDr. Fulano CRM-SP 123456")).toBe(true);
    expect(detectSensitive("LAUDO MÉDICO\nDiagnóstico: hipertensão arterial")).toBe(true);
    expect(detectSensitive("Resultado de exame - Hemograma completo")).toBe(true);
    expect(detectSensitive("ASO ADMISSIONAL - apto")).toBe(true);
    // No single keyword, but clearly medical: several loose terms together.
    expect(detectSensitive("Paciente em tratamento, medicamento 50 mg, retorno em consulta")).toBe(true);
  });

  it("flags the other special categories", () => {
    expect(detectSensitiveCategories("Cadastro com leitura de impressão digital")).toContain("biometric");
    expect(detectSensitiveCategories("Exame de DNA - teste de paternidade")).toContain("genetic");
    expect(detectSensitiveCategories("Ficha de filiação ao Sindicato dos Comerciários")).toContain("union");
    expect(detectSensitiveCategories("Declaração de filiação partidária")).toContain("political");
    expect(detectSensitiveCategories("Religião: católica")).toContain("religious");
    expect(detectSensitiveCategories("Orientação sexual: não informada")).toContain("sexual");
    expect(detectSensitiveCategories("Raça/Cor: parda")).toContain("racial");
  });

  it("does not flag a payslip for its Plano de Saúde or union dues line items", () => {
    const payslip = [
      "RECIBO DE PAGAMENTO DE SALÁRIO",
      "LABORATÓRIO DE ANÁLISES CLÍNICAS CANAÃ S.A.  CNPJ: 26.346.535/0001-02",
      "910 VALE TRANSPORTE           472,08",
      "920 PLANO DE SAÚDE            254,11",
      "925 ASSISTÊNCIA ODONTOLÓGICA   35,00",
      "930 CONTRIBUIÇÃO SINDICAL      45,20",
      "935 MENSALIDADE SINDICAL       30,00",
      "VALOR LÍQUIDO R$ 5.799,06",
    ].join("\n");
    expect(detectSensitive(payslip)).toBe(false);
  });

  it("does not flag business documents of health companies", () => {
    const card = [
      "NOME EMPRESARIAL: CLÍNICA ODONTOLÓGICA MARÉ ALTA S/A",
      "CÓDIGO E DESCRIÇÃO DA ATIVIDADE ECONÔMICA PRINCIPAL",
      "86.30-5-04 - Atividade odontológica",
      "86.40-2-02 - Laboratórios clínicos",
    ].join("\n");
    expect(detectSensitive(card)).toBe(false);
    expect(detectSensitive("CONTA DE ENERGIA ELÉTRICA Consumo: 649 kWh Total a Pagar R$ 485,08")).toBe(false);
  });
});
