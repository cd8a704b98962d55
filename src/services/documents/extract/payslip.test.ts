import { describe, expect, it } from "vitest";
import { extractFields } from "./index";

// Synthetic OCR output in the engine's layout-text format (columns kept at their offsets),
// written with the slips tesseract really makes: "CNP)", dropped tildes, leaders read as junk,
// a space inside an amount, O/l inside digit runs.

const LABEL_VALUE = `
      CONTRACHEQUE
      ESCOLA DE IDIOMAS ESTRELA GUIA LTDA.
      CNP) 63.519.222/0001-35 - Sao Luis/MA
      NOME DO FUNCIONARIO: PATRICIA DE FATIMA TAVARES RIBEIRO        MATRICULA: 15351
      CPF: 194.779.869-33                                             ADMISSAO: 04/04/2021
      CARGO: AUXILIAR ADMINISTRATIVO                                  DEPTO: Financeiro
      MES/ANO: Dezembro/2025                                          DATA DE PAGAMENTO: 04/01/2026
      PROVENTOS
        SALARIO BASE css iii. R$ 1.621,00
        HORAS EXTRAS 50% (11h) cce. R$ 121,58
      DESCONTOS
        INSS iss eee. R$ 136,25
        PLANO DE SAUDE ' R$ 285,05
      TOTAL DE VENCIMENTOS: uses memeeeít£ ds. R$ 1.766,90
      TOTAL DE DESCONTOS: . R$ 518,56
      LIQUIDO A RECEBER: R$ 1.248,34
      BASE INSS: 1.766,90  FGTS DO MES: 141,35  BASE IRRF: 1.630,65`;

const HEADER_ROWS = `
                                                                                   Competência
      HOLERITE                                                                     JUL/2024
      COMERCIO DE MATERIAIS SOL NASCENTE S.A.                       CNPJ 57.798.050/0001-83
      NOME                                                          CPF
      EDUARDO LUIZ LOURENCO                                         111.375.6O5-50
      CARGO                                   MATRÍCULA             ADMISSÃO
      ASSISTENTE FINANCEIRO                   043681                27/06/2020
      SALÁRIO BASE                 1.863,00 | INSS (7,90%)                   162,73
      TOTAL DE VENCIMENTOS         2.061,16 | TOTAL DE DESCONTOS             646,25
      BANCO: 001 / Ag. 3075       LIQUIDO A RECEBER                   R$ 1. 414,91`;

const BOXED = `
      CONSTRUTORA MANTIQUEIRA LTDA                                       Contracheque
      CNPJ: 92.461.645/0001-40                                      Mês/Ano: Abril de 2026
      Código         Nome do Funcionário                       CBO           Departamento
      8257           SIMONE FERNANDA BARBOSA DA ASSUNCAO       0519-41       Administrativo
      Cargo: OPERADORA DE CAIXA                   CPF: 719.924.086-45        Admissão: 14/11/2013
      Cód.   Descrição                          Referência      Vencimentos       Descontos
      001    Salário Base                          30,00          4.394,19
      901    INSS                                  10,12                              497,49
                  Declaro ter recebido a importância líquida | Total de Vencimentos   Total de Descontos
                                discriminada neste recibo.       4.913,50             2.836,93
                                                         Valor Líquido        R$ 2.076,57
      Salário Base     Sal. Contr. INSS    Base Cálc. FGTS
        4.394,19          4.913,50           4.913,50`;

describe("payslip extraction", () => {
  it("reads label: value lines with leaders and OCR junk", () => {
    const r = extractFields("PAYSLIP", LABEL_VALUE);
    expect(r.fields).toEqual({
      employeeName: "PATRICIA DE FATIMA TAVARES RIBEIRO",
      cpf: "19477986933",
      position: "AUXILIAR ADMINISTRATIVO",
      competence: "2025-12",
      grossPay: 1766.9,
      totalDeductions: 518.56,
      netPay: 1248.34,
    });
    expect(r.fieldConfidence.netPay).toBe(1); // confirmed by net = gross − deductions
    expect(r.confidence).toBeGreaterThan(0.85);
  });

  it("pairs header rows with the value row beneath (values right of other columns ignored)", () => {
    const r = extractFields("PAYSLIP", HEADER_ROWS);
    expect(r.fields).toMatchObject({
      employeeName: "EDUARDO LUIZ LOURENCO",
      cpf: "11137560550", // "6O5" repaired, check digits confirm it
      position: "ASSISTENTE FINANCEIRO",
      competence: "2024-07",
      grossPay: 2061.16,
      totalDeductions: 646.25,
      netPay: 1414.91, // "R$ 1. 414,91": space inside the amount
    });
  });

  it("reads the boxed layout: name under its header, totals under theirs, net inline", () => {
    const r = extractFields("PAYSLIP", BOXED);
    expect(r.fields).toMatchObject({
      employeeName: "SIMONE FERNANDA BARBOSA DA ASSUNCAO",
      cpf: "71992408645",
      position: "OPERADORA DE CAIXA",
      competence: "2026-04",
      grossPay: 4913.5,
      totalDeductions: 2836.93,
      netPay: 2076.57,
    });
  });

  it("derives a missing total from the other two (the row tesseract dropped)", () => {
    const dropped = BOXED.replace("4.913,50             2.836,93", "4.913,50");
    const r = extractFields("PAYSLIP", dropped);
    expect(r.fields.totalDeductions).toBe(2836.93);
    expect(r.fields.grossPay).toBe(4913.5);
    expect(r.fieldConfidence.totalDeductions).toBeLessThan(1);
    expect(r.warnings.join()).toMatch(/derived/);
  });

  it("nulls the amounts when they are inconsistent and no repair is evidenced", () => {
    const garbled = LABEL_VALUE.replace("R$ 1.248,34", "R$ 1.948,34").replace("BASE INSS: 1.766,90", "");
    const r = extractFields("PAYSLIP", garbled);
    expect(r.fields.grossPay).toBeNull();
    expect(r.fields.totalDeductions).toBeNull();
    expect(r.fields.netPay).toBeNull();
    expect(r.warnings.join()).toMatch(/≠|inconsistent/);
  });

  it("never returns a CPF with wrong check digits", () => {
    const r = extractFields("PAYSLIP", LABEL_VALUE.replace("194.779.869-33", "194.779.869-34"));
    expect(r.fields.cpf).toBeNull();
  });

  it("accepts the other label vocabulary and month formats", () => {
    const text = [
      "RECIBO DE PAGAMENTO DE SALÁRIO",
      "Colaborador: Cecília Aparecida Antunes da Rocha      Matrícula: 3527",
      "CPF: 123.319.421-61",
      "Função: Analista de Sistemas Pleno",
      "Período: 01/09/2024 a 30/09/2024",
      "Salário Bruto: R$ 4.152,74",
      "Total de Descontos: R$ 1.050,11",
      "Valor Líquido: R$ 3.102,63",
    ].join("\n");
    expect(extractFields("PAYSLIP", text).fields).toEqual({
      employeeName: "Cecília Aparecida Antunes da Rocha",
      cpf: "12331942161",
      position: "Analista de Sistemas Pleno",
      competence: "2024-09",
      grossPay: 4152.74,
      totalDeductions: 1050.11,
      netPay: 3102.63,
    });
  });

  it("returns nulls, not guesses, for text that is not a payslip", () => {
    const r = extractFields("PAYSLIP", "Lorem ipsum dolor sit amet\nR$ 12,00 em 03/2026");
    expect(r.fields.employeeName).toBeNull();
    expect(r.fields.cpf).toBeNull();
    expect(r.fields.grossPay).toBeNull();
    expect(r.fields.netPay).toBeNull();
  });

  it("returns empty fields for OTHER", () => {
    expect(extractFields("OTHER", LABEL_VALUE)).toMatchObject({ fields: {}, confidence: 0 });
  });
});
