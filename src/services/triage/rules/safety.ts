/**
 * Safety and urgency layers of the rules classifier, on top of the lexicon's concepts:
 * narrow, high-precision patterns. When a safety rule fires the message is never
 * auto-resolved; urgency cues lift the priority to URGENT.
 */
import type { Analysed } from "./normalize";
import type { Intent } from "../types";
import { ANGRY_STRONG, DELAY, GRIEVANCE, LEGAL, LEGAL_STEPS, NUM, PRAISE, WHERE_GOT_MY_DATA } from "./lexicon";
// ---------------------------------------------------------------------------------------------
// Safety layer: high-precision patterns that force needsHuman and forbid auto-resolution.

const SAFETY: ReadonlyArray<{ intent: Intent; re: RegExp; marked?: boolean }> = [
  {
    intent: "privacy_request",
    re: new RegExp(String.raw`\b(?:lgpd|dados pessoais|meus dados|(?:apag|exclu|delet|remov|elimin)\w*(?: \w+){0,6} (?:dados|cadastro|informacoes)|descadastr\w*|(?:parar|parem|pare) de (?:me )?(?:mandar|enviar|receber)|nao quero (?:mais )?receber|me (?:tira|tirem|tirar|remove|removam|exclui|excluam) d\w* (?:lista|cadastro|base)|${WHERE_GOT_MY_DATA}|chega de (?:spam|propaganda|mensage\w*))\b`),
  },
  {
    intent: "cancellation",
    // Imperative/infinitive/noun forms only: "foi cancelado" is a status report, not a request.
    re: /\b(?:cancelar|cancela|cancele|cancelem|cancelamento|cancelo|rescindir|rescisao|encerr\w* (?:a |o |minha |meu )?(?:conta|contrato|assinatura|plano))\b/,
    marked: true,
  },
  {
    intent: "cancellation",
    re: /\b(?:quero sair|nao vou (?:continuar|renovar)|nao quero mais (?:o |a |esse |essa |meu |minha )?(?:plano|assinatura|servico|internet|contrato)|desisti da compra|me arrependi)\b/,
  },
  {
    intent: "human_request",
    // A bare "atendente" is often the subject of a complaint ("o atendente foi grosso"), so it only
    // counts when asked for.
    re: /^\W*atendentes?\W*$|\b(?:(?:com|pra|para|chama|chamar|quero|queria|preciso de|cade|tem) (?:um |uma |o |a |algum |alguma )?atendentes?|atendentes? (?:humano|humana|de verdade|real)|humano|pessoa (?:real|de verdade)|alguem de verdade|ser humano|falar com (?:um |uma |o |a )?(?:pessoa|alguem|gerente|supervisor\w*|responsavel|atendente)|me (?:passa|transfere|transfira|coloca|conecta|encaminha) (?:pra|para|com) (?:um|uma|alguem|o|a)\b|me (?:liga|ligue|liguem)|contato telefonico)\b/,
    // "não quero falar com atendente, só a segunda via" is not a request for a person.
    marked: true,
  },
  {
    intent: "human_request",
    re: /\b(?:nao quero|chega de|cansei de) falar com (?:o |um |uma |essa |esse )?(?:robo|bot|maquina)\b/,
  },
  { intent: "complaint", re: new RegExp(String.raw`\b(?:${LEGAL}|${ANGRY_STRONG}|${GRIEVANCE})\b`) },
  { intent: "complaint", re: new RegExp(String.raw`\b(?:${PRAISE})\b.*\b(?:${DELAY})\b|\b(?:${DELAY})\b.*\b(?:${PRAISE})\b`) },
];

/** Intents flagged by the safety layer, in precedence order (explicit requests before venting). */
export function safetyFlags(a: Analysed): Intent[] {
  const out: Intent[] = [];
  for (const r of SAFETY) {
    if (!out.includes(r.intent) && r.re.test(r.marked ? a.marked : a.plain)) out.push(r.intent);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Urgency: cues that lift priority to URGENT.

const LEGAL_THREAT = new RegExp(String.raw`\b(?:${LEGAL_STEPS})\b`);
const OUTAGE = String.raw`sem (?:internet|sinal|conexao|servico|linha|telefone|tv|acesso)`;
const SEVERITY = new RegExp(
  [
    String.raw`\burgent\w*|\burgencia\b|\bemergencia\b|\bcritic[oa]\b|\bfora do ar\b`,
    String.raw`\b(?:loja|empresa|operacao|equipe|producao|negocio|caixa|vendas|trabalho|escritorio|fabrica|clinica|restaurante|tudo)(?: \w+){0,3} (?:parad[oa]s?|travad[oa]s?)\b`,
    String.raw`\bperdendo (?:vendas?|clientes?|dinheiro)\b`,
    String.raw`\bnao (?:conseguimos|consigo|da pra) (?:faturar|vender|trabalhar|emitir nota|atender)\b`,
    String.raw`\b${OUTAGE}(?: \w+){0,4} (?:ha|faz|desde|por|a) (?:${NUM}|uma) (?:dias|semanas|semana)\b`,
    String.raw`\b(?:${NUM}|uma) (?:dias|semanas|semana) ${OUTAGE}\b`,
    String.raw`\btrabalho (?:em|de) (?:home office|casa)\b`,
  ].join("|"),
);

export interface UrgencySignals {
  legalThreat: boolean;
  severity: boolean;
}

export function urgencySignals(a: Analysed): UrgencySignals {
  return {
    legalThreat: LEGAL_THREAT.test(a.plain),
    severity: SEVERITY.test(a.plain),
  };
}
