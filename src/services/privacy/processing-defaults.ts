import type { ProcessingActivity } from "../../entities/processing-activity";

/** What the platform actually does for a tenant, from its settings, inboxes and the server configuration. */
export interface PlatformFacts {
  /** "rules" (local classifier) or "openai" (an OpenAI-compatible API). */
  aiProvider: string;
  /** Host of the AI API when aiProvider is openai, e.g. api.openai.com or api.groq.com. */
  aiHost: string | null;
  aiModel: string | null;
  requireAiConsent: boolean;
  transcription: boolean;
  /** Providers of the tenant's inboxes (EVOLUTION, WHATSAPP_CLOUD, GENERIC_WEBHOOK, …). */
  inboxProviders: string[];
  retentionDays: number;
  deletionGraceDays: number;
  /** Where files are kept: "local" or the S3 endpoint host. */
  storage: string;
  /** Hosts of the public CNPJ sources. */
  cnpjSources: string[];
}

export type ActivityFields = Pick<ProcessingActivity, "key" | "position" | "name" | "purpose" | "legalBasis" | "dataCategories" | "dataSubjects" | "recipients" | "internationalTransfer" | "retention" | "securityMeasures">;

const SECURITY = "Criptografia em trânsito (TLS); segredos de provedores cifrados em repouso (AES-256-GCM); acesso por papéis (administrador, supervisor, agente, integrador) com autenticação em dois fatores disponível; registro de todo acesso a dados pessoais (quem, quando, de onde e por quê).";

const AI_PROVIDER_NAMES: Array<[RegExp, string]> = [
  [/openai\.com$/, "OpenAI, L.L.C. (EUA)"],
  [/groq\.com$/, "Groq, Inc. (EUA)"],
  [/googleapis\.com$/, "Google LLC (Gemini, EUA)"],
  [/anthropic\.com$/, "Anthropic PBC (EUA)"],
  [/mistral\.ai$/, "Mistral AI (França)"],
];

export function aiProviderName(host: string | null): string {
  if (!host) return "OpenAI, L.L.C. (EUA)";
  return AI_PROVIDER_NAMES.find(([re]) => re.test(host))?.[1] ?? `provedor de IA em ${host}`;
}

function messagingRecipients(f: PlatformFacts): { recipients: string[]; transfer: string | null } {
  const recipients: string[] = [];
  if (f.inboxProviders.includes("EVOLUTION")) recipients.push("WhatsApp (Meta Platforms) por meio do gateway Evolution API da empresa");
  if (f.inboxProviders.includes("WHATSAPP_CLOUD")) recipients.push("Meta Platforms, Inc. (WhatsApp Cloud API)");
  if (f.inboxProviders.includes("EMAIL")) recipients.push("Servidor de e-mail (SMTP/IMAP) configurado pela empresa");
  if (f.inboxProviders.includes("GENERIC_WEBHOOK")) recipients.push("Integração por webhook configurada pela empresa (URL de retorno)");
  if (f.storage !== "local") recipients.push(`Armazenamento de arquivos em nuvem (${f.storage})`);
  const whatsapp = f.inboxProviders.some((p) => p === "EVOLUTION" || p === "WHATSAPP_CLOUD");
  return { recipients, transfer: whatsapp ? "Mensagens trafegam pela infraestrutura do WhatsApp (Meta Platforms, Inc., EUA), conforme os termos do WhatsApp Business." : null };
}

/** The platform's processing activities for a tenant, in display order. */
export function platformActivities(f: PlatformFacts): ActivityFields[] {
  const messaging = messagingRecipients(f);
  const llm = f.aiProvider !== "rules";
  const provider = aiProviderName(f.aiHost);
  const out: Array<Omit<ActivityFields, "position">> = [
    {
      key: "support_conversations",
      name: "Atendimento ao cliente (conversas)",
      purpose: "Receber e responder pedidos, dúvidas e reclamações de clientes por WhatsApp, chat no site e e-mail; encaminhar a um atendente quando necessário; registrar chamados.",
      legalBasis: "Execução de contrato ou de procedimentos preliminares a pedido do titular (Art. 7º, V) e legítimo interesse no atendimento (Art. 7º, IX).",
      dataCategories: ["Identificação (nome)", "Contato (telefone, e-mail, identificador do WhatsApp)", "Conteúdo das mensagens, áudios, imagens e anexos", "CPF/CNPJ quando informado"],
      dataSubjects: ["Clientes", "Potenciais clientes que entram em contato"],
      recipients: messaging.recipients,
      internationalTransfer: messaging.transfer,
      retention: `Conversas encerradas há mais de ${f.retentionDays} dias são anonimizadas automaticamente (textos, anexos e localizações apagados).`,
      securityMeasures: SECURITY,
    },
    {
      key: "ai_processing",
      name: "Triagem e respostas automáticas por inteligência artificial",
      purpose: "Classificar a intenção e a prioridade de cada mensagem, responder o que pode ser resolvido automaticamente e decidir quando transferir para uma pessoa.",
      legalBasis: f.requireAiConsent ? "Consentimento do titular (Art. 7º, I): sem ele a conversa vai direto para um atendente." : "Legítimo interesse na agilidade do atendimento (Art. 7º, IX), com transferência para uma pessoa a pedido do titular.",
      dataCategories: ["Conteúdo das mensagens", "Nome do cliente", ...(f.transcription && llm ? ["Áudios (transcrição)"] : [])],
      dataSubjects: ["Clientes"],
      recipients: llm ? [`${provider} — API ${f.aiHost ?? "api.openai.com"}${f.aiModel ? `, modelo ${f.aiModel}` : ""}`] : [],
      internationalTransfer: llm ? `Mensagens enviadas a ${provider} para processamento pelo modelo de linguagem.` : null,
      retention: llm ? `O provedor recebe apenas o histórico recente da conversa a cada resposta; na plataforma vale a retenção das conversas (${f.retentionDays} dias após o encerramento).` : `Processado localmente por classificador baseado em regras, sem envio a terceiros; vale a retenção das conversas (${f.retentionDays} dias).`,
      securityMeasures: `${SECURITY} Chave do provedor de IA guardada apenas na configuração do servidor.`,
    },
    {
      key: "document_ocr",
      name: "Leitura de documentos enviados (OCR)",
      purpose: "Extrair texto e campos de documentos que o cliente envia (holerite, conta de energia, cartão CNPJ) para agilizar o atendimento e a análise.",
      legalBasis: "Execução de contrato ou de procedimentos preliminares (Art. 7º, V); dados sensíveis detectados são sinalizados (Art. 11).",
      dataCategories: ["Documentos e imagens enviados", "Dados financeiros (salário, valor de contas)", "CPF/CNPJ", "Dados sensíveis eventualmente presentes (saúde, filiação sindical) — sinalizados"],
      dataSubjects: ["Clientes"],
      recipients: f.storage !== "local" ? [`Armazenamento de arquivos em nuvem (${f.storage})`] : [],
      internationalTransfer: null,
      retention: `Arquivos e textos extraídos seguem a retenção das conversas e chamados (${f.retentionDays} dias) e são apagados na exclusão a pedido do titular.`,
      securityMeasures: `${SECURITY} Leitura feita no próprio servidor (Tesseract), sem envio a serviços externos.`,
    },
    {
      key: "marketing",
      name: "Mensagens de marketing e campanhas",
      purpose: "Enviar ofertas e novidades pelo WhatsApp a quem autorizou.",
      legalBasis: "Consentimento do titular (Art. 7º, I), registrado com texto, versão e origem, revogável a qualquer momento (por exemplo respondendo PARAR).",
      dataCategories: ["Nome", "Telefone/WhatsApp", "Histórico de consentimentos"],
      dataSubjects: ["Clientes que consentiram"],
      recipients: messaging.recipients,
      internationalTransfer: messaging.transfer,
      retention: "Enquanto o consentimento estiver válido; o histórico de consentimentos é mantido como prova.",
      securityMeasures: SECURITY,
    },
    {
      key: "crm_leads",
      name: "Gestão de leads e oportunidades de venda (CRM)",
      purpose: "Registrar interessados, qualificar o interesse (campos definidos pela empresa) e acompanhar a negociação até a contratação.",
      legalBasis: "Procedimentos preliminares a contrato a pedido do titular (Art. 7º, V) e legítimo interesse (Art. 7º, IX).",
      dataCategories: ["Nome e contato", "CPF/CNPJ", "Campos de qualificação (por exemplo valor da conta de energia, cidade, tipo de imóvel)", "Anotações da equipe de vendas"],
      dataSubjects: ["Potenciais clientes (leads)"],
      recipients: [],
      internationalTransfer: null,
      retention: `Leads sem movimentação há mais de ${f.retentionDays} dias e não convertidos são anonimizados.`,
      securityMeasures: SECURITY,
    },
    {
      key: "cnpj_lookup",
      name: "Consulta de dados cadastrais de empresas (CNPJ)",
      purpose: "Completar o cadastro de clientes pessoa jurídica com os dados públicos da Receita Federal.",
      legalBasis: "Dados tornados públicos pela Receita Federal (Art. 7º, §§ 3º e 4º) e legítimo interesse (Art. 7º, IX).",
      dataCategories: ["Razão social, nome fantasia, endereço e atividade", "Nomes e qualificação de sócios e administradores (QSA)"],
      dataSubjects: ["Empresas clientes e seus sócios"],
      recipients: f.cnpjSources.length ? f.cnpjSources.map((h) => `Consulta pública de CNPJ em ${h} (apenas o número do CNPJ é enviado)`) : [],
      internationalTransfer: null,
      retention: "Dados públicos guardados em cache e atualizados periodicamente; a cópia no cadastro do cliente segue a retenção do cliente.",
      securityMeasures: SECURITY,
    },
    {
      key: "data_subject_rights",
      name: "Atendimento aos direitos dos titulares",
      purpose: "Receber, decidir e executar pedidos de acesso, portabilidade, correção e exclusão, e informar o titular de cada etapa.",
      legalBasis: "Cumprimento de obrigação legal (Art. 7º, II; Art. 18).",
      dataCategories: ["Identificação do titular", "Tipo, motivo e decisão do pedido", "Correções solicitadas"],
      dataSubjects: ["Clientes"],
      recipients: messaging.recipients,
      internationalTransfer: null,
      retention: `Exclusões executadas após ${f.deletionGraceDays} dias de carência; a prova do pedido (tipo, datas e decisão) é mantida sem dados pessoais.`,
      securityMeasures: SECURITY,
    },
    {
      key: "access_logs",
      name: "Registros de acesso a dados pessoais e de auditoria",
      purpose: "Registrar quem acessou dados pessoais, quando, de onde e por quê; apurar incidentes de segurança.",
      legalBasis: "Cumprimento de obrigação legal (Marco Civil da Internet, Art. 15; LGPD Art. 37 e 46).",
      dataCategories: ["Identificador do usuário ou chave de API", "Endereço IP e navegador (user agent) da equipe", "Identificador do cliente acessado e justificativa"],
      dataSubjects: ["Usuários da plataforma (equipe)", "Clientes (apenas identificadores)"],
      recipients: [],
      internationalTransfer: null,
      retention: "No mínimo 6 meses (Marco Civil da Internet, Art. 15); não podem ser alterados nem apagados antes disso.",
      securityMeasures: SECURITY,
    },
  ];
  return out.map((a, i) => ({ ...a, position: i + 1 }));
}
