import { describe, expect, it } from "vitest";
import { createTriageProvider, RulesTriageProvider, type Intent } from "./index";
import { analyse } from "./rules/normalize";

const rules = new RulesTriageProvider();
const triage = (text: string, channel?: "WHATSAPP" | "EMAIL" | "WEB" | "PHONE") => rules.triageSync({ text, channel });

// Written for these tests, not taken from the fixtures: missing accents, shorthand, typos,
// stretched letters, regionalisms, formal e-mails.
const UNSEEN: Array<[string, Intent]> = [
  ["me manda a 2a via da conta desse mes pfv", "second_copy_invoice"],
  ["nao recebi a fatura de maio no email, consegue reenviar?", "second_copy_invoice"],
  ["meu boleto venceu, tem como mandar outro atualizado?", "second_copy_invoice"],
  ["Prezados, solicito a segunda via da fatura referente ao mês de agosto. Atenciosamente, Clara", "second_copy_invoice"],
  ["preciso da NF pra empresa reembolsar", "second_copy_invoice"],
  ["quero mudar meu plano pra um de 1 giga", "plan_management"],
  ["gostaria de alterar a data de vencimento da minha fatura para o dia 15", "plan_management"],
  ["tem como suspender a assinatura enquanto viajo?", "plan_management"],
  ["é possivel transferir o plano pro nome do meu marido?", "plan_management"],
  ["kd minha encomenda??", "order_status"],
  ["comprei semana passada e nao recebi o codigo de rastreio", "order_status"],
  ["Boa tarde, gostaria de saber o prazo de entrega do meu pedido. Obrigada.", "order_status"],
  ["oi, o motoboy ja ta vindo?", "order_status"],
  ["paguei o boleto hoje de manha, ja caiu ai?", "payment_status"],
  ["fiz o pix agora, confirma pra mim?", "payment_status"],
  ["transferi o valor ontem, podem verificar se compensou?", "payment_status"],
  ["pagamento feito via pix, segue o comprovante", "payment_status"],
  ["qual o valor do plano de 600 mega?", "product_info"],
  ["tem esse vestido no tamanho M?", "product_info"],
  ["que horas vcs abrem no sabado?", "product_info"],
  ["da pra parcelar no cartao?", "product_info"],
  ["oie, td bem?", "greeting"],
  ["olaaa", "greeting"],
  ["oiii boa tardee", "greeting"],
  ["obrigadao, resolveu", "thanks"],
  ["brigada, deu tudo certo", "thanks"],
  ["obgg", "thanks"],
  ["a internet ta caindo toda hora", "technical_issue"],
  ["n consigo logar no aplicativo", "technical_issue"],
  ["esqueci minha senha e o link de recuperacao nao funciona", "technical_issue"],
  ["o modem ta com a luz vermelha piscando e sem internet", "technical_issue"],
  ["Olá, o app não abre", "technical_issue"],
  ["isso é um absurdo, ninguém resolve meu problema", "complaint"],
  ["o produto chegou quebrado", "complaint"],
  ["o atendente foi muito grosso comigo", "complaint"],
  ["sinceramente, que empresa horrivel", "complaint"],
  ["quero rescindir o contrato", "cancellation"],
  ["desisti, cancela tudo", "cancellation"],
  ["vou trocar de operadora, quero cancelar minha linha", "cancellation"],
  ["apaguem meu cadastro por favor", "privacy_request"],
  ["conforme a LGPD quero acesso aos meus dados", "privacy_request"],
  ["me remove da lista de transmissao", "privacy_request"],
  ["como vcs conseguiram meu telefone?", "privacy_request"],
  ["me transfere pra um atendente", "human_request"],
  ["cansei de falar com robo", "human_request"],
  ["posso falar com um humano?", "human_request"],
  ["qual o resultado do jogo de ontem", "other"],
  ["desculpa, mensagem errada", "other"],
];

describe("rules provider: unseen phrasings", () => {
  it.each(UNSEEN)("%s → %s", (text, intent) => {
    expect(triage(text).intent).toBe(intent);
  });

  it("gets at least 90% of the unseen set right (guards against silent regressions)", () => {
    const ok = UNSEEN.filter(([t, i]) => triage(t).intent === i).length;
    expect(ok / UNSEEN.length).toBeGreaterThanOrEqual(0.9);
  });
});

describe("rules provider: negation", () => {
  it.each([
    ["não quero cancelar, só mudar o plano", "plan_management"],
    ["nao quero cancelar nao, quero um plano mais em conta", "plan_management"],
    ["n é pra cancelar, so pausar a assinatura", "plan_management"],
    ["não consigo acessar minha conta", "technical_issue"],
    ["nao to conseguindo entrar no sistema", "technical_issue"],
    ["nao quero mais o servico de vcs, quero cancelar", "cancellation"],
  ] as Array<[string, Intent]>)("%s → %s", (text, intent) => {
    expect(triage(text).intent).toBe(intent);
  });

  it("a refused human is not a human request", () => {
    const r = triage("não quero falar com atendente, só quero a segunda via");
    expect(r.intent).toBe("second_copy_invoice");
  });
});

describe("rules provider: never auto-resolves sensitive messages", () => {
  it.each([
    ["vou reclamar no procon", "complaint"],
    ["vou colocar vcs no reclame aqui", "complaint"],
    ["péssimo serviço, to muito insatisfeito", "complaint"],
    ["me cobraram um valor a mais na fatura, cobranca indevida", "complaint"],
    ["Parabéns pela agilidade, faz 5 dias que espero 👏", "complaint"],
    ["quero cancelar minha assinatura", "cancellation"],
    ["CANCELA ISSO AGORA", "cancellation"],
    ["gostaria de solicitar o cancelamento da minha conta", "cancellation"],
    ["quero que excluam meus dados", "privacy_request"],
    ["com base na lgpd solicito a exclusão do meu cadastro", "privacy_request"],
    ["parem de me mandar mensagem", "privacy_request"],
    ["PARAR", "privacy_request"],
    ["quero falar com uma pessoa", "human_request"],
    ["atendente", "human_request"],
  ] as Array<[string, Intent]>)("%s → %s, needsHuman", (text, intent) => {
    const r = triage(text);
    expect(r.intent).toBe(intent);
    expect(r.needsHuman).toBe(true);
    expect(r.autoResolved).toBe(false);
    expect(r.response).toBeNull();
  });

  it.each([
    "oi, manda a segunda via do boleto, mas que absurdo ter que pedir de novo",
    "obrigado, mas quero cancelar",
    "bom dia! quero falar com um atendente sobre meu pedido",
    "me manda o boleto e apaguem meus dados depois",
    "qual o preço? se for caro vou no procon kkk",
  ])("safety flag wins over an answerable intent: %s", (text) => {
    const r = triage(text);
    expect(r.needsHuman).toBe(true);
    expect(r.autoResolved).toBe(false);
  });
});

describe("rules provider: priority", () => {
  it.each([
    ["manda o boleto pf", "LOW"],
    ["cadê meu pedido?", "MEDIUM"],
    ["o app nao abre", "HIGH"],
    ["quero cancelar", "HIGH"],
    ["sem internet há 3 dias, preciso disso pra trabalhar", "URGENT"],
    ["URGENTE o sistema caiu e a loja ta parada", "URGENT"],
    ["estamos perdendo vendas, a maquininha nao funciona", "URGENT"],
    ["vou entrar na justiça contra vcs", "URGENT"],
    ["meu advogado vai entrar em contato, produto veio com defeito", "URGENT"],
    ["vou postar no reclame aqui", "HIGH"],
  ])("%s → %s", (text, priority) => {
    expect(triage(text).priority).toBe(priority);
  });
});

describe("rules provider: result contract", () => {
  it("answers resolvable intents with a Portuguese template and marks them auto-resolved", () => {
    const r = triage("preciso da segunda via do boleto");
    expect(r).toMatchObject({ intent: "second_copy_invoice", needsHuman: false, autoResolved: true, provider: "rules" });
    expect(r.response).toMatch(/segunda via/i);
    expect(r.usage).toBeUndefined();
  });

  it("templates promise no amounts, dates or deadlines", () => {
    for (const text of ["boleto", "trocar plano", "cadê meu pedido", "paguei o pix", "quanto custa?", "oi", "obrigado"]) {
      const r = triage(text);
      expect(r.response, text).toBeTypeOf("string");
      expect(r.response!, text).not.toMatch(/R\$|\d/);
    }
  });

  it("sends empty or symbol-only messages to a person", () => {
    for (const text of ["", "   ", "???", "..."]) {
      const r = triage(text);
      expect(r).toMatchObject({ intent: "other", needsHuman: true, autoResolved: false, response: null });
    }
  });

  it("keeps confidence in [0, 1] and needsHuman whenever confidence is low", () => {
    for (const [text] of UNSEEN) {
      const r = triage(text);
      expect(r.confidence).toBeGreaterThanOrEqual(0);
      expect(r.confidence).toBeLessThanOrEqual(1);
      if (r.confidence < rules.lowConfidence) expect(r.needsHuman).toBe(true);
      expect(r.autoResolved).toBe(!r.needsHuman && r.response !== null);
    }
  });

  it("is deterministic", async () => {
    const other = new RulesTriageProvider();
    for (const [text] of UNSEEN) {
      expect(await other.triage({ text, channel: "WHATSAPP" })).toEqual(await rules.triage({ text, channel: "WHATSAPP" }));
    }
  });

  it("createTriageProvider picks rules without an API key", () => {
    expect(createTriageProvider({}).name).toBe("rules");
    expect(createTriageProvider({ openaiApiKey: "  " }).name).toBe("rules");
    expect(createTriageProvider({ openaiApiKey: "sk-test", openaiBaseUrl: "http://127.0.0.1:1/v1" }).name).toBe("openai");
  });
});

describe("normalisation", () => {
  it("strips accents, expands shorthand and collapses stretched letters", () => {
    expect(analyse("Vc pode me mandar a 2ª via pfv?? tô sem tempo kkkk, obrigadaaa").plain).toBe(
      "voce pode me mandar a segunda via por favor ? ? estou sem tempo risos , obrigada",
    );
    expect(analyse("oii").plain).toBe("oi");
  });

  it("marks the negation scope up to punctuation", () => {
    expect(analyse("não quero cancelar, só mudar").marked).toBe("nao neg_quero neg_cancelar , so mudar");
  });

  it("drops salutations and e-mail sign-offs around real content, but not from a bare greeting", () => {
    expect(analyse("Bom dia, pessoal! O app não abre. Att, Carla").plain).toBe("o app nao abre .");
    expect(analyse("Bom dia, pessoal!").plain).toBe("bom dia , pessoal !");
    expect(analyse("resolvido, obrigado").plain).toBe("resolvido , obrigado");
  });
});
