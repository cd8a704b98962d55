import { describe, expect, it } from "vitest";
import { amountFromDigitableLine } from "./barcode";
import { extractFields } from "./index";

const GRID = `
      Luz do Cerrado Distribuição S.A.                                          CONTA DE ENERGIA ELÉTRICA
      CNP) 74.546.304/0001-95   INSC. EST. 351.395.046.999               NOTA FISCAL Nº 794.483.406
      ATENDIMENTO: 0800 272 1235                                                   EMISSÃO: 25/03/2024
        DADOS DO CLIENTE                                                 UNIDADE CONSUMIDORA
        CONCEICAO ROCHA                                                  89699698
        Rua Barão do Rio Branco, 2702                                    Nº DO CLIENTE: 76283134
                MÊS/ANO DE REFERÊNCIA              VENCIMENTO                     TOTAL A PAGAR
                    MAR/2024                       08/04/2024                     R$ 160,09
        MEDIDOR           LEITURA ANTERIOR      LEITURA ATUAL       Nº DE DIAS      CONSUMO FATURADO (KWH)
        80936316          50078                 50270               32              192
      LEITURA ANTERIOR: 21/02/2024    LEITURA ATUAL: 24/03/2024   PRÓXIMA LEITURA: 25/04/2024
        CONSUMO USO SISTEMA (TUSD)                       192          0,352256          67,63
        CONSUMO ENERGIA (TE)                             192          0,301432          57,88
        TOTAL                                                                           160,09
      HISTÓRICO DE CONSUMO (KWH)
       MAR/23    237    ABR/23    161    MAI23     181
      83610000001-4       6OO99O84l68-3        27817759413-4       93413263128-4`;

const LINES = `
      Distribuidora de Energia Serra Azul S.A.
      CNPJ 30.909.202/0001-11 - Atendimento 0800 132 3607
      Nome do Cliente: LETÍCIA NÓBREGA DOS SANTOS
      Código da Instalação: 63090795 Classe: B1 Residencial Trifásico
      Conta do Mês: 12/2024 Emissão: 10/12/2024
      Vencimento: 03/01/2025
      Leitura Anterior: 06/11/2024 - 42313   Leitura Atual: 08/12/2024 - 42643
      Consumo do Mês: 330 kWh Dias: 32
      Consumo Uso Sistema (TUSD) - 330 kWh x 0,33753 111,38
      Valor Total a Pagar R$ 261,56
      Consumo médio últimos 12 meses: 362 kWh`;

describe("utility bill extraction", () => {
  it("reads header/value rows, confirmed by readings and the digitable line", () => {
    const r = extractFields("UTILITY_BILL", GRID);
    expect(r.fields).toEqual({
      customerName: "CONCEICAO ROCHA",
      referenceMonth: "2024-03",
      dueDate: "2024-04-08",
      totalAmount: 160.09,
      consumptionKwh: 192,
    });
    expect(r.fieldConfidence.totalAmount).toBe(1); // label and barcode agree
    expect(r.fieldConfidence.consumptionKwh).toBe(1); // 50270 − 50078
  });

  it("reads label: value lines and ignores the 12-month average", () => {
    const r = extractFields("UTILITY_BILL", LINES);
    expect(r.fields).toEqual({
      customerName: "LETÍCIA NÓBREGA DOS SANTOS",
      referenceMonth: "2024-12",
      dueDate: "2025-01-03",
      totalAmount: 261.56,
      consumptionKwh: 330,
    });
  });

  it("derives consumption from the readings when the label is unreadable", () => {
    const r = extractFields("UTILITY_BILL", LINES.replace("Consumo do Mês: 330 kWh", "C0nsu#o d0 M: 33O"));
    expect(r.fields.consumptionKwh).toBe(330);
    expect(r.warnings.join()).toMatch(/readings/);
  });

  it("trusts the self-checking barcode over a misread total", () => {
    const r = extractFields("UTILITY_BILL", GRID.replace("R$ 160,09", "R$ 169,09").replace("160,09\n", "169,09\n"));
    expect(r.fields.totalAmount).toBe(160.09);
  });

  it("does not take the client number or the history for the customer / month", () => {
    const text = "Nº DO CLIENTE: 76283134\nHISTÓRICO DE CONSUMO (KWH)\nMAR/23 237 ABR/23 161";
    const r = extractFields("UTILITY_BILL", text);
    expect(r.fields.customerName).toBeNull();
    expect(r.fields.referenceMonth).toBeNull();
    expect(r.fields.consumptionKwh).toBeNull();
  });

  it("tolerates garbled small labels on a noisy scan (approximate match)", () => {
    const text = [
      "       NOME DO CLNTE                                  Nº DA INSTALAÇÃO",
      "       OTÁVIO TANIA CASTRO BRAGANÇA                    4827787",
      "       REFERENCIA          VENCIMENTO          TOTA A PAGAR",
      "       07/2026             11/08/2026          R$ 337,54",
    ].join("\n");
    const r = extractFields("UTILITY_BILL", text);
    expect(r.fields.customerName).toBe("OTÁVIO TANIA CASTRO BRAGANÇA");
    expect(r.fields.totalAmount).toBe(337.54);
    expect(r.fieldConfidence.customerName).toBeLessThan(0.8);
  });
});

describe("digitable line", () => {
  it("decodes the amount of an arrecadação barcode and checks every block", () => {
    expect(amountFromDigitableLine("83610000001-4 60099084168-3 27817759413-4 93413263128-4")).toBe(160.09);
    expect(amountFromDigitableLine("83670000002-6 61564221543-3 32126624734-5 85987115411-7")).toBe(261.56);
    // One wrong digit breaks a block check digit: no amount rather than a wrong one.
    expect(amountFromDigitableLine("83610000001-4 60099084168-3 27817759413-4 93413263128-5")).toBeNull();
  });
});
