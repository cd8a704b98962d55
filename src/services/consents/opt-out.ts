/**
 * Recognises a message that, as a whole, asks to stop receiving messages
 * ("PARAR", "Sair", "stop!", "não quero mais receber"). A sentence that merely
 * contains one of the words ("como faço para sair do plano?") is not an opt-out:
 * the cost of a false positive is silencing a client who needed help.
 */

const PHRASES = [
  "parar",
  "pare",
  "para de enviar",
  "parar mensagens",
  "parar de enviar",
  "sair",
  "sair da lista",
  "stop",
  "unsubscribe",
  "cancelar mensagens",
  "cancelar envio",
  "cancelar inscricao",
  "descadastrar",
  "me descadastre",
  "remover da lista",
  "me tire da lista",
  "nao quero mais receber",
  "nao quero mais receber mensagens",
  "nao quero receber mais mensagens",
  "nao quero mais receber mensagem",
  "nao quero receber mensagens",
  "nao envie mais mensagens",
  "nao me envie mais mensagens",
];

/** Courtesy words allowed around the phrase ("PARAR, por favor", "sair obrigado"). */
const COURTESY = /^(?:(?:por favor|porfavor|pf|pfv|pfvr|obrigad[oa]|obg|grato|grata)\s*)+|(?:\s*(?:por favor|porfavor|pf|pfv|pfvr|obrigad[oa]|obg|grato|grata))+$/g;

const SET = new Set(PHRASES);

export function normalizeOptOut(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, " ") // punctuation and emoji
    .replace(/\s+/g, " ")
    .trim();
}

export function isOptOutMessage(text: string | null | undefined): boolean {
  if (!text || text.length > 200) return false;
  const normalized = normalizeOptOut(text);
  if (!normalized) return false;
  return SET.has(normalized) || SET.has(normalized.replace(COURTESY, "").trim());
}

export const OPT_OUT_CONFIRMATION =
  "Pronto! Você não receberá mais mensagens promocionais nossas. Se mudar de ideia, é só nos avisar por aqui. Para falar com o atendimento, continue escrevendo normalmente.";
