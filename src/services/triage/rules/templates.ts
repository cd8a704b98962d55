import type { Intent } from "../types";

/**
 * Replies for the intents the bot may close on its own. They point the customer to the
 * self-service path and promise nothing concrete (no amounts, dates or deadlines), because the
 * rules provider knows nothing about the customer's account.
 */
export const TEMPLATES: Partial<Record<Intent, string>> = {
  second_copy_invoice:
    "Claro! Você pode emitir a segunda via do boleto, da fatura ou da nota fiscal pela área do cliente, no site ou no app. Se preferir, responda com o CPF ou CNPJ do titular que enviamos o documento por aqui.",
  plan_management:
    "Certo! Alterações de plano (upgrade, downgrade, pausa, titularidade ou data de vencimento) podem ser feitas pela área do cliente. Se preferir, diga qual mudança deseja e confirme o CPF ou CNPJ do titular que damos andamento por aqui.",
  order_status:
    "Vamos verificar o seu pedido! Você pode acompanhar o status e o código de rastreio na área \"Meus pedidos\" do site ou do app. Se preferir, envie o número do pedido que consultamos para você.",
  payment_status:
    "Obrigado por avisar! O prazo de confirmação varia conforme o meio de pagamento (Pix, cartão ou boleto, que depende da compensação bancária). Se já tiver o comprovante, pode enviá-lo por aqui que conferimos para você.",
  product_info:
    "Boa pergunta! Os detalhes de produtos, planos, preços, formas de pagamento e horários de atendimento estão no nosso site. Se quiser, diga qual produto ou serviço te interessa que passamos as informações.",
  greeting: "Olá! Tudo bem? Como podemos ajudar você hoje?",
  thanks: "Nós que agradecemos! Se precisar de mais alguma coisa, é só chamar por aqui.",
};

export function templateFor(intent: Intent): string | null {
  return TEMPLATES[intent] ?? null;
}
