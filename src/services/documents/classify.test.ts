import { describe, expect, it } from "vitest";
import { classifyDocument } from "./classify";

// Wordings and layouts other than the fixtures': other employers, utilities, OCR slips.
const PAYSLIP = `COMERCIAL BOA VISTA LTDA  CNPJ 11.222.333/0001-81
RECIBO DE PAGAMENTO DE SALARIO  Mes/Ano: 04/2026
Colaborador: JOSE CARLOS NUNES   Matricula 0045   Funcao: ESTOQUISTA
Cod  Descricao            Ref     Proventos   Descontos
001  SALARIO BASE         30d     2.450,00
050  H EXTRA 50%          6h        167,04
501  I.N.S.S.             9%                   235,55
530  ADIANTAMENTO                              900,00
Total de Proventos 2.617,04   Total de Descontos 1.135,55
Valor Liquido 1.481,49   Base Calc. FGTS 2.617,04   FGTS do Mes 209,36`;

const BILL = `Distribuidora Sul Energia S.A.   NOTA FISCAL / CONTA DE ENERGIA ELÉTRICA
Titular: ANA PAULA REIS   Instalação: 3008123456   Classe: Residencial Bifásico
Mês de referência: FEV/2026   Vencimento: 10/03/2026
Leitura anterior 12/01 45.120   Leitura atual 11/02 45.391   Consumo faturado 271 kWh
Bandeira Verde   Iluminação Pública 18,40   ICMS 42,10
TOTAL A PAGAR R$ 231,77`;

const CNPJ = `REPUBLICA FEDERATIVA DO BRASIL
CADASTRO NAClONAL DA PESSOA JURIDICA
NUMERO DE INSCRICAO 12.345.678/0001-95 MATRIZ   COMPROVANTE DE INSCRIÇÃO E DE SITUAÇÃO CADASTRAL
NOME EMPRESARIAL PADARIA PAO QUENTE LTDA   TITULO DO ESTABELECIMENTO (NOME DE FANTASIA) PAO QUENTE
CODIGO E DESCRICAO DA ATIVIDADE ECONOMICA PRINCIPAL 10.91-1-02   NATUREZA JURIDICA 206-2
SITUACAO CADASTRAL ATIVA`;

describe("classifyDocument", () => {
  it("recognises a payslip, a power bill and a CNPJ card from their text, whatever the layout", () => {
    expect(classifyDocument(PAYSLIP).kind).toBe("PAYSLIP");
    expect(classifyDocument(BILL).kind).toBe("UTILITY_BILL");
    expect(classifyDocument(CNPJ).kind).toBe("CNPJ_CARD");
  });

  it("tolerates OCR slips and spacing", () => {
    const slipped = BILL.replace(/kWh/g, "kWh").replace("Leitura anterior", "Leitura   anterior").replace("Distribuidora", "Distribu1dora");
    expect(classifyDocument(slipped).kind).toBe("UTILITY_BILL");
    expect(classifyDocument(CNPJ.replace(/CNPJ|PESSOA/g, "CNP)")).kind).toBe("CNPJ_CARD");
  });

  it("says none for other documents and for text that only mentions a kind in passing", () => {
    expect(classifyDocument("RG REGISTRO GERAL  NOME MARIA DA SILVA  FILIACAO  NATURALIDADE SAO PAULO  DATA DE EXPEDICAO").kind).toBe("OTHER");
    expect(classifyDocument("NOTA FISCAL DE SERVICO  TOMADOR  PRESTADOR  VALOR TOTAL DA NOTA R$ 500,00  ISS").kind).toBe("OTHER");
    expect(classifyDocument("Lembrete: pagar o INSS e a conta de luz amanhã").kind).toBe("OTHER");
    expect(classifyDocument("").kind).toBe("OTHER");
  });

  it("lets the client's words decide only when the page itself points the same way", () => {
    const partial = "Consumo 310 kWh  Vencimento 05/05/2026  Total a pagar 250,10";
    expect(classifyDocument(partial).kind).toBe("OTHER");
    const hinted = classifyDocument(partial, "segue a conta de luz");
    expect(hinted).toMatchObject({ kind: "UTILITY_BILL", hinted: "UTILITY_BILL" });
    // A hint never turns a page about something else into that kind.
    expect(classifyDocument(PAYSLIP, "segue a conta de luz").kind).toBe("PAYSLIP");
    expect(classifyDocument("foto da minha cozinha", "conta de luz").kind).toBe("OTHER");
  });
});
