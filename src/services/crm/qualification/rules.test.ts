import { describe, expect, it } from "vitest";
import type { QualificationFieldDef } from "../../../entities/pipeline";
import { QualificationFieldType as T } from "../../../schema/crm-enums";
import { extractByRules } from "./rules";
import { findCities, findMoney, findNumbers } from "./values";

const SOLAR: QualificationFieldDef[] = [
  { key: "contaMensal", label: "Valor da conta de energia", type: T.MONEY, keywords: ["conta de luz", "conta de energia", "conta"] },
  { key: "consumoKwh", label: "Consumo mensal", type: T.NUMBER, keywords: ["kwh", "consumo"] },
  { key: "cidade", label: "Cidade", type: T.CITY, keywords: ["cidade"] },
  { key: "tipoImovel", label: "Tipo de imóvel", type: T.CHOICE, options: ["casa", "apartamento", "comercial", "rural"], keywords: ["imóvel", "imovel"] },
  { key: "telhadoProprio", label: "Telhado próprio", type: T.BOOLEAN, keywords: ["telhado"] },
];

describe("qualification by rules", () => {
  it("reads money as people write it", () => {
    expect(findMoney("paguei R$ 1.234,56 e depois 89,90").map((m) => m.value)).toEqual([1234.56, 89.9]);
    expect(findMoney("uns 450 reais por mês").map((m) => m.value)).toEqual([450]);
    expect(findMoney("vem 1,2 mil reais").map((m) => m.value)).toEqual([1200]);
    expect(findMoney("tenho 3 filhos")).toEqual([]);
    expect(findMoney("tenho 3 filhos", true).map((m) => m.value)).toEqual([3]);
    expect(findNumbers("meu telefone é 11987654321 e gasto 380 kWh").map((n) => n.value)).toEqual([380]);
  });

  it("finds cities with a cue, a capital letter after em/de, or a state; not common words", () => {
    expect(findCities("moro em campinas").map((c) => c.value)).toEqual(["Campinas/SP"]);
    expect(findCities("Sou de São José dos Campos").map((c) => c.value)).toEqual(["São José dos Campos/SP"]);
    expect(findCities("fica em Bom Jesus - PI").map((c) => c.value)).toEqual(["Bom Jesus/PI"]);
    expect(findCities("a instalação é em Uberlândia").map((c) => c.value)).toEqual(["Uberlândia/MG"]);
    expect(findCities("feliz natal, o sol estava bonito")).toEqual([]);
    expect(findCities("natal", true).map((c) => c.value)).toEqual(["Natal/RN"]);
  });

  it("takes the value next to the field's words, one field per sentence", () => {
    expect(extractByRules(SOLAR, "Oi! Moro em Campinas e minha conta de luz vem uns R$ 450 por mês. É uma casa com telhado próprio, sim.", null)).toEqual({
      contaMensal: 450, cidade: "Campinas/SP", tipoImovel: "casa", telhadoProprio: true,
    });
    expect(extractByRules(SOLAR, "o consumo é de 380 kWh e a conta uns 520 reais", null)).toMatchObject({ consumoKwh: 380, contaMensal: 520 });
  });

  it("takes a bare answer to the question just asked", () => {
    expect(extractByRules(SOLAR, "uns 600", "Qual o valor médio da sua conta de luz?")).toEqual({ contaMensal: 600 });
    expect(extractByRules(SOLAR, "natal", "E em qual cidade fica o imóvel?")).toMatchObject({ cidade: "Natal/RN" });
    expect(extractByRules(SOLAR, "não", "O telhado é próprio?")).toEqual({ telhadoProprio: false });
    // The same bare number without the question means nothing.
    expect(extractByRules(SOLAR, "uns 600", null)).toEqual({});
  });

  it("does not guess from unrelated numbers", () => {
    expect(extractByRules(SOLAR, "meu pedido 48213 não chegou, já são 3 dias", null)).toEqual({});
  });
});
