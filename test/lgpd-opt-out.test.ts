import { describe, expect, it } from "vitest";
import { isOptOutMessage } from "../src/services/consents/opt-out";

describe("opt-out recognition", () => {
  it.each([
    "PARAR",
    "parar",
    "Parar.",
    "  PARE!! ",
    "SAIR",
    "sair",
    "Stop",
    "STOP 🛑",
    "CANCELAR MENSAGENS",
    "cancelar mensagens",
    "Não quero mais receber",
    "nao quero mais receber",
    "NÃO QUERO MAIS RECEBER!",
    "não quero mais receber mensagens",
    "Parar, por favor",
    "por favor sair",
    "descadastrar",
  ])("recognises %j", (text) => {
    expect(isOptOutMessage(text)).toBe(true);
  });

  it.each([
    "",
    "   ",
    "como faço para sair do plano?",
    "quero sair",
    "não consigo parar de usar o app, adorei",
    "preciso parar o débito automático",
    "stop motion é legal",
    "cancelar minha assinatura",
    "cancelar",
    "quero cancelar minhas mensagens agendadas de ontem e remarcar",
    "não quero mais receber a fatura em papel",
    "sairá amanhã a entrega?",
    "paraná",
    "Olá, bom dia",
  ])("does not treat %j as an opt-out", (text) => {
    expect(isOptOutMessage(text)).toBe(false);
  });
});
