import { describe, expect, it } from "vitest";
import { extractFields } from "./index";

const OFFICIAL = `
                          REPÚBLICA FEDERATIVA DO BRASIL
                      CADASTRO NACIONAL DA PESSOA JURÍDICA
      NÚMERO DE INSCRIÇÃO       MATRIZ | COMPROVANTE DE INSCRIÇÃO E DE          DATA DE ABERTURA
      84.599.331/0001-80                     SITUAÇÃO CADASTRAL                 28/05/2004
      NOME EMPRESARIAL                    ,
      TRANSPORTADORA MARE ALTA S/A
      TÍTULO DO ESTABELECIMENTO (NOME DE FANTASIA)                              PORTE
      MARE ALTA                                                                 DEMAIS
      CÓDIGO E DESCRIÇÃO DA ATIVIDADE ECONÔMICA PRINCIPAL
      49.30-2-02 - Transporte rodoviário de carga
      CEP               BAIRRO/DISTRITO       MUNICÍPIO           UF
      85.331-304        VILA MARIANA          BELEM               PA
      SITUAÇÃO CADASTRAL                          DATA DA SITUAÇÃO CADASTRAL
      ATIVA                                       12/01/2011
      Emitido no dia 17/03/2026 às 10:19:43 (data e hora de Brasília).`;

describe("CNPJ card extraction", () => {
  it("reads the official boxed form (labels above values)", () => {
    const r = extractFields("CNPJ_CARD", OFFICIAL);
    expect(r.fields).toEqual({
      companyName: "TRANSPORTADORA MARE ALTA S/A",
      cnpj: "84599331000180",
      openingDate: "2004-05-28",
    });
  });

  it("reads label: value lines, with CNP) and Nome Fantasia before the legal name", () => {
    const text = [
      "Comprovante de Inscrição - CNPJ",
      "Nome Fantasia: MARÉ ALTA",
      "Nome Empresarial: VITÓRIA ASSUNÇÃO DE SOUZA ME",
      "CNP): 27.096.884/0001-86 (Matriz)",
      "Data de Início da Atividade: 24/06/2016",
      "Situação Cadastral: ATIVA desde 13/04/2020",
    ].join("\n");
    expect(extractFields("CNPJ_CARD", text).fields).toEqual({
      companyName: "VITÓRIA ASSUNÇÃO DE SOUZA ME",
      cnpj: "27096884000186",
      openingDate: "2016-06-24",
    });
  });

  it("reads a two-column table and skips the situation date", () => {
    const text = [
      "CNP) 86.920.284/0001-50",
      "Razão Social          EDUARDO AUGUSTO DA FONSECA TAVARES ME",
      "Nome de Fantasia      ITAÚNA",
      "Data da Situação      04/12/1994",
      "Data de Abertura      26/05/1990",
    ].join("\n");
    expect(extractFields("CNPJ_CARD", text).fields).toEqual({
      companyName: "EDUARDO AUGUSTO DA FONSECA TAVARES ME",
      cnpj: "86920284000150",
      openingDate: "1990-05-26",
    });
  });

  it("never returns an invalid CNPJ, nor the fantasy name as company name", () => {
    const text = [
      "CNPJ: 84.599.331/0001-81",
      "RAZÃO SOCIAL",
      "TÍTULO DO ESTABELECIMENTO (NOME DE FANTASIA)",
      "MARE ALTA",
    ].join("\n");
    const r = extractFields("CNPJ_CARD", text);
    expect(r.fields.cnpj).toBeNull();
    expect(r.fields.companyName).toBeNull();
    expect(r.fields.openingDate).toBeNull();
  });

  it("repairs OCR variants of the legal suffix", () => {
    const r = extractFields("CNPJ_CARD", "Razão Social: CONSTRUTORA HORIZONTE LIDA\nCNPJ 33.545.045/0001-09");
    expect(r.fields.companyName).toBe("CONSTRUTORA HORIZONTE LTDA");
    expect(r.fields.cnpj).toBe("33545045000109");
  });
});
