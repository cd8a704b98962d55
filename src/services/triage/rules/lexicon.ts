/**
 * Domain lexicon for Brazilian customer service.
 *
 * Two different uses, with different precision requirements:
 *  - CUES are broad concept detectors (synonyms, inflections, colloquialisms) fed to the linear
 *    model as features. With only ~20 examples per intent the model cannot learn that "carnê" and
 *    "boleto" mean the same thing; the cue gives it that prior, and the model learns how much to trust it.
 *  - SAFETY rules (safety.ts) are deliberately narrow. When one fires the message is never auto-resolved, so a
 *    false positive costs an agent's minute while a false negative answers an angry customer with a bot.
 *
 * All patterns run on `Analysed.plain` (accent-free, lower-case, shorthand expanded) unless marked,
 * in which case they run on `Analysed.marked`, where negated words carry a "neg_" prefix.
 */
import type { Analysed } from "./normalize";

interface Cue {
  name: string;
  re: RegExp;
  /** Match against the negation-marked text, so "não quero cancelar" does not fire. */
  marked?: boolean;
}

export const NUM = String.raw`(?:\d+|dois|duas|tres|quatro|cinco|seis|sete|oito|nove|dez|varios|varias|muitos|muitas)`;

/** Formal legal/regulatory steps: these escalate priority to URGENT. */
export const LEGAL_STEPS = String.raw`procon|justica|advogad\w*|(?:vou|vamos|irei) processar|processar (?:voces|a empresa|essa empresa)|processo judicial|acao judicial|juizado|pequenas causas|anatel|consumidor gov|consumidor\.gov|danos morais|defesa do consumidor`;
// "Reclame Aqui" is public shaming rather than a legal step; the labelled data keeps it at HIGH.
export const LEGAL = String.raw`${LEGAL_STEPS}|reclame aqui|reclameaqui`;
export const ANGRY_STRONG = String.raw`absurd\w*|ridicul\w*|vergonh\w*|pessim\w*|horrivel|horriveis|porcaria|descaso|palhacada|falta de respeito|inadmissivel|inaceitavel|lixo|propaganda enganosa|ladr(?:ao|oes)|roubo|sacanagem|cobranca indevida|nunca contratei`;

// Sarcasm: praise next to a delay ("Parabéns pelo atendimento, 3 dias esperando resposta 👏").
// Plain "obrigado" is excluded: "obrigado, fico aguardando" is polite, not ironic.
export const PRAISE = String.raw`parabens|maravilh\w*|que otimo|excelente|nota (?:dez|10)|adorei|muito obrigad\w* mesmo|obrigad\w* por nada|emoneg`;
export const DELAY = String.raw`(?:ha|faz|ja faz) ${NUM} (?:dias|horas|semanas)|(?:ha|faz) uma semana|${NUM} (?:dias|horas|semanas) (?:esperando|aguardando|sem resposta)|ate agora nada|ate hoje nada|prometeram|nenhum retorno|sem (?:resposta|retorno)|ninguem (?:responde|resolve|retorna)|emoneg`;
/** Damage, rudeness and billing errors: always a complaint to a person, never a canned answer. */
export const GRIEVANCE = String.raw`defeit\w*|quebrad[oa]s?|trincad[oa]s?|danificad[oa]s?|avariad[oa]s?|veio errad[oa]|(?:veio|chegou|produto) (?:com )?(?:defeito|vencido|diferente|faltando)|faltando (?:uma |um )?peca|foi (?:\w+ )?gross[oa]|grosseir\w*|mal educad\w*|desrespeit\w*|cobra(?:ram|ndo|do|da)? (?:\w+ ){0,2}(?:duas vezes|em dobro|a mais|indevid\w*)|nao reconheco (?:essa|esta|a) (?:cobranca|compra)`;

export const WHERE_GOT_MY_DATA = String.raw`(?:pegaram|conseguiram|obtiveram|arrumaram|acharam) (?:o )?meu (?:numero|contato|email|telefone|celular|whatsapp)|de onde (?:voces )?(?:pegaram|conseguiram|tiraram)`;
const OPT_OUT = /^\W*(?:sair|parar|pare|stop|remover|descadastrar)\W*$/;

export const CUES: readonly Cue[] = [
  // --- invoices & fiscal documents
  { name: "invoice_doc", re: /\b(?:boletos?|faturas?|segunda via|linha digitavel|codigo de barras|carne|conta de (?:luz|agua|gas|telefone|internet))\b/ },
  { name: "invoice_nf", re: /\b(?:nota fiscal|notas fiscais|danfe|cupom fiscal|recibo|xml da nota)\b/ },
  { name: "resend", re: /\b(?:reenvi\w*|perdi|extravi\w*|de novo|novamente|outr[oa] (?:boleto|fatura|via)|nao (?:chegou|recebi|veio|encontro|estou encontrando|acho)|mand\w*|envi\w* (?:a|o) (?:boleto|fatura|nota))\b/ },
  { name: "issue_doc", re: /\b(?:baixar|emitir|gerar|imprimir|pdf|atualizad[oa]|anteriores|area do cliente)\b/ },
  { name: "overdue", re: /\b(?:vencid[oa]s?|venceu|vence|atrasad[oa]s?)\b/ },
  // --- payments
  { name: "pay_done", re: /\b(?:paguei|pago|pagos|pagamos|efetuei|efetuamos|quitei|transferi|depositei|fiz (?:o|um|uma) (?:pix|pagamento|deposito|ted|doc|transferencia)|pix (?:enviado|feito|realizado|pago)|ja paguei)\b/ },
  { name: "pay_proof", re: /\b(?:comprovantes?|anex\w*|segue (?:em )?anexo|print do pagamento)\b/ },
  { name: "pay_check", re: /\b(?:compens\w*|da baixa|deu baixa|dar baixa|baixa no|identificad\w*|regulariz\w*|pendente|em aberto|aguardando pagamento|recebimento|receberam|recebeu|caiu|consta|constando|processad\w*|aprovad\w*|confirm\w*)\b/ },
  { name: "pay_word", re: /\b(?:pagamento|pagar|pix|transferencia|ted|deposito|debito automatico|cartao|credito|debito)\b/ },
  // --- orders & delivery
  { name: "order", re: /\b(?:pedidos?|encomendas?|compra|comprei|compramos|minha compra)\b/ },
  { name: "delivery", re: /\b(?:(?<!pronta )entreg\w*|cheg(?:a|ou|ar|ando|aram|am)|despach\w*|(?<!pix )enviad[oa]|envio|rastrei\w*|transportadora|correios|sedex|motoboy|previsao|em transito|separacao|postad[oa]|coleta|saiu)\b/ },
  { name: "where", re: /\b(?:cade|onde (?:esta|fica|anda)|ate agora nada|nao chegou|nao recebi|quando (?:chega|vai chegar|sai|vem))\b/ },
  // --- plans & subscriptions
  { name: "plan", re: /\b(?:planos?|assinatura|pacote|mega|megas|giga|velocidade|chip|franquia|combo|titularidade|controle|pre pago|pos pago)\b/ },
  { name: "plan_change", re: /\b(?:mud(?:ar|a|o|e)|troc(?:ar|a|o|e)|migr\w*|alter\w*|upgrade|downgrade|aument\w*|diminu\w*|reduz\w*|paus\w*|suspend\w*|congel\w*|adicion\w*|inclu(?:ir|a)|tirar|passar (?:pro|para|pra)|vencimento)\b/ },
  // --- product / store information
  { name: "price", re: /\b(?:precos?|quanto custa|quanto sai|quanto fica|quanto e|custa|valor|valores|parcel\w*|desconto|a vista|promocao|cashback|taxa|frete)\b/ },
  { name: "avail", re: /\b(?:tem (?:esse|essa|esses|o|a|no|na|em|pronta|disponivel|como comprar)|estoque|disponive\w*|pronta entrega|tamanho|modelo|cor|cores|voltou a ter|ainda tem|vende|vendem)\b/ },
  { name: "store", re: /\b(?:horario|funcionamento|abre|abrem|aberto|aberta|fecha|fecham|loja fisica|endereco|unidade|filial|domingo|sabado|feriado)\b/ },
  { name: "product_q", re: /\b(?:como funciona|diferenca|inclui|incluso|garantia|aceita\w*|vem com|atendem|cobertura|regiao|emitem|trabalham com|compativel|serve (?:pra|para)|qual o melhor)\b/ },
  // Question shapes typical of pre-sale questions ("esse fone é bluetooth?", "qual a velocidade do plano?").
  { name: "info_q", re: /^(?:qual|quais|quanto|quantos|quantas|existe|voces (?:tem|vendem|fazem|trabalham)|(?:esse|essa|este|esta|esses|essas) \w+ (?:e|tem|vem|funciona|serve|aceita|possui))\b.*\?/ },
  // --- small talk
  { name: "greet", re: /\b(?:oi|ola|oie|alo|opa|ei|e ai|eai|salve|hey|fala|bom dia|boa tarde|boa noite|tudo bem|tudo certo|tudo bom|beleza|como vai|pessoal)\b/ },
  { name: "thanks", re: /\b(?:obrigad\w*|valeu|agradec\w*|grat[oa]|gratidao|show|top|perfeito|otimo|emopos)\b/ },
  { name: "resolved", re: /\b(?:resolvid\w*|solucionad\w*|deu certo|funcionou|pode fechar|pode encerrar|tudo certo agora|consegui|normalizou|voltou)\b/, marked: true },
  // --- technical problems
  { name: "error", re: /\b(?:erro|bug\w*|falha\w*|trav\w*|crash\w*|fechando sozinh\w*|tela (?:branca|preta|azul)|parou de|fora do ar|instavel|lent[oa]|mudo|sem (?:sinal|internet|conexao|rede|servico|linha)|oscil\w*|em branco|invalid[oa]|nao autorizad\w*)\b/ },
  { name: "not_working", re: /\bnao (?:funciona\w*|abre|carrega|atualiza|conecta|sincroniz\w*|liga|aparece|passa|reconhece|exibe|envia|chega|recebo|consig\w*|estou conseguindo|to conseguindo|da)\b/ },
  { name: "connect", re: /\b(?:internet|wifi|sinal|conexao|modem|roteador|fibra|rede|caiu|cai|caindo|queda|telefone fixo|tv)\b/ },
  { name: "access", re: /\b(?:login|logar|senha|acess\w*|entrar|codigo de verificacao|token|autentica\w*|verificacao)\b/ },
  { name: "system", re: /\b(?:app|apps|site|sistema|plataforma|painel|integracao|api|servidor|navegador\w*|android|iphone|ios|pdv|maquininha|certificado|formulario|botao|carrinho|relatorios?|cache)\b/ },
  // --- complaints
  { name: "angry", re: new RegExp(String.raw`\b(?:${ANGRY_STRONG}|revoltad\w*|indignad\w*|insatisf\w*|decepcion\w*|nojo|enganad\w*|piada|lamentavel|incompetent\w*|pior|chega|cansei|humilhant\w*|nunca mais (?:compro|volto|contrato|indico)|nao recomendo)\b`) },
  { name: "no_show", re: /\b(?:nao (?:apareceu|compareceu|veio ninguem)|ninguem (?:me )?(?:avisou|apareceu|veio)|furou|deu bolo|me deixou esperando)\b/ },
  { name: "damage", re: /\b(?:defeit\w*|quebrad\w*|trincad\w*|rachad\w*|riscad\w*|amassad\w*|danificad\w*|avariad\w*|estragad\w*|desbot\w*|rasgad\w*|furad\w*|manchad\w*|faltando|falta (?:uma |um )?peca|veio errad\w*|produto (?:diferente|errado|vencido)|diferente do que (?:comprei|pedi)|validade vencida)\b/ },
  { name: "billing_wrong", re: /\b(?:cobra(?:ram|ndo|do|da|nca) (?:indevid\w*|a mais|duas vezes|errad\w*|dobrad\w*)|cobranca indevida|cobraram|cobrando|cobrado|cobrada|nunca (?:contratei|solicitei|pedi)|nao (?:contratei|autorizei|reconheco)|sem (?:avisar|autorizacao|aviso)|aumentaram|reajust\w*|diferente do anunciado|estorno|reembolso|valor errado)\b/ },
  { name: "legal", re: new RegExp(String.raw`\b(?:${LEGAL}|ouvidoria|denunci\w*)\b`) },
  { name: "sarcasm", re: /\b(?:parabens pel[oa]|que maravilha|muito obrigad\w* mesmo|obrigad\w* por nada|que otimo hein|emoneg)\b/ },
  { name: "praise_with_delay", re: new RegExp(String.raw`\b(?:${PRAISE})\b.*\b(?:${DELAY})\b|\b(?:${DELAY})\b.*\b(?:${PRAISE})\b`) },
  { name: "waiting", re: new RegExp(String.raw`\b(?:esperando|aguardando|(?:ha|faz) ${NUM} (?:dias|horas|semanas)|(?:ha|faz) uma semana|ate agora|ate hoje|prometeram|nenhum retorno|sem (?:resposta|retorno)|ninguem (?:responde|resolve|retorna)|outra vez|\d+a vez|terceira vez|quinta vez|mais uma vez)\b`) },
  { name: "rude", re: /\b(?:grosso|grossa|grosseir\w*|mal educad\w*|estupid\w*|desrespeit\w*|gritou|xingou|ignorou|debochad\w*|arrogante)\b/ },
  { name: "complaint_word", re: /\b(?:reclam\w*|insatisfacao|queixa|registr\w* (?:minha|uma) (?:insatisfacao|reclamacao))\b/ },
  // --- cancellation (negation-aware: "não quero cancelar, só mudar o plano" is plan management)
  { name: "cancel", re: /\b(?:cancel\w*|rescind\w*|rescisao|desist\w*|encerr\w* (?:a |o |minha |meu )?(?:conta|contrato|assinatura|plano|servico))\b/, marked: true },
  { name: "cancel_phrase", re: /\b(?:quero sair|nao vou (?:continuar|renovar)|nao quero mais (?:o |a |esse |essa |meu |minha )?(?:plano|assinatura|servico|internet|produto|linha|pacote|contrato)|me arrependi|arrependimento|fidelidade|multa)\b/ },
  { name: "return", re: /\b(?:devolv\w*|devolucao|trocar o produto|troca do produto)\b/ },
  // --- privacy / LGPD
  { name: "privacy", re: new RegExp(String.raw`\b(?:lgpd|dados pessoais|meus dados|minhas informacoes|(?:apag|exclu|delet|remov|elimin)\w*(?: \w+){0,6} (?:dados|cadastro|informacoes|numero|registro)|descadastr\w*|newsletter|lista de (?:promoc\w*|emails?|contatos?|transmissao|ofertas?|divulgacao)|(?:parar|parem|pare) de (?:me )?(?:mandar|enviar|receber|ligar)|nao quero (?:mais )?receber|me (?:tira|tirem|tirar|remove|removam|exclui|excluam) d\w* (?:lista|grupo|cadastro|base)|spam|${WHERE_GOT_MY_DATA}|chega de (?:spam|propaganda|mensage\w*)|export\w* (?:os )?(?:meus )?dados|quais dados|titular dos dados|consentimento|privacidade)\b`) },
  { name: "optout", re: OPT_OUT },
  // --- asking for a person
  { name: "human", re: /\b(?:atendente\w*|humano|humana|pessoa (?:real|de verdade)|alguem (?:de verdade|real)|ser humano|falar com (?:alguem|uma pessoa|um atendente|o gerente|um gerente|o supervisor|um supervisor|o responsavel|um responsavel)|robo|bot|chatbot|maquina|me (?:liga|ligue|liguem|ligar|chama|chamar)|ligacao|por telefone|contato telefonico|supervisor\w*|gerente|responsavel|chama alguem|me (?:passa|transfere|coloca|conecta|encaminha) (?:pra|para|com)|telefone (?:de voces|de contato|do sac|do suporte)|numero (?:de telefone|de contato|de voces)|eu ligo|0800|sac)\b/ },
  // --- off-topic
  { name: "offtopic", re: /\b(?:vagas?|curriculo|contratando|emprego|estagio|processo seletivo|parceria|proposta comercial|apresentar (?:nossa|a nossa|minha) empresa|publicidade|jogo|futebol|novela|teste|testando|desconsider\w*|engano|numero errado|audio|risos)\b/ },
  { name: "urgent", re: /\b(?:urgent\w*|urgencia|emergencia|socorro|imediat\w*|agora|rapido|critic[oa])\b/ },
];

export function detectCues(a: Analysed): string[] {
  const out: string[] = [];
  for (const c of CUES) if (c.re.test(c.marked ? a.marked : a.plain)) out.push(c.name);
  return out;
}

/** The messaging opt-out convention: a bare "SAIR"/"PARAR"/"STOP" means "stop messaging me". */
export function isOptOut(a: Analysed): boolean {
  return OPT_OUT.test(a.plain);
}

