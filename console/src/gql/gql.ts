/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "mutation ConsoleSetAvailability($availability: AgentAvailability!) { setAvailability(availability: $availability) { id availability } }": typeof types.ConsoleSetAvailabilityDocument,
    "\n  fragment AuthPayloadFields on AuthPayload {\n    accessToken\n    accessTokenExpiresAt\n    user { id name email role availability twoFactorEnabled tenant { id name timezone } }\n  }\n": typeof types.AuthPayloadFieldsFragmentDoc,
    "mutation ConsoleLogIn($input: LogInInput!) { logIn(input: $input) { ...AuthPayloadFields } }": typeof types.ConsoleLogInDocument,
    "mutation ConsoleSignUp($input: SignUpInput!) { signUp(input: $input) { ...AuthPayloadFields } }": typeof types.ConsoleSignUpDocument,
    "mutation ConsoleRefresh { refreshToken(refreshToken: \"\") { ...AuthPayloadFields } }": typeof types.ConsoleRefreshDocument,
    "mutation ConsoleLogOut { logOut(refreshToken: \"\") }": typeof types.ConsoleLogOutDocument,
    "query ConsoleSlaPolicies { slaPolicies { id priority firstResponseMinutes resolutionMinutes warnBeforeMinutes pauseWhileWaitingCustomer team { id name } } teams { id name } }": typeof types.ConsoleSlaPoliciesDocument,
    "mutation ConsoleSetSla($input: SlaPolicyInput!) { setSlaPolicy(input: $input) { id } }": typeof types.ConsoleSetSlaDocument,
    "query ConsoleRoutingRules { routingRules { id name order enabled priority team { id name } match { intents channels keywords } } teams { id name } }": typeof types.ConsoleRoutingRulesDocument,
    "mutation ConsoleCreateRule($input: RoutingRuleInput!) { createRoutingRule(input: $input) { id } }": typeof types.ConsoleCreateRuleDocument,
    "mutation ConsoleDeleteRule($id: ID!) { deleteRoutingRule(id: $id) }": typeof types.ConsoleDeleteRuleDocument,
    "query ConsoleWebhooks { webhookSubscriptions { id url events enabled description consecutiveFailures disabledAt disabledReason createdAt } }": typeof types.ConsoleWebhooksDocument,
    "mutation ConsoleCreateWebhook($input: WebhookSubscriptionInput!) { createWebhookSubscription(input: $input) { secret subscription { id } } }": typeof types.ConsoleCreateWebhookDocument,
    "query ConsoleWebhookDeliveries($id: ID!) { webhookDeliveries(subscriptionId: $id, first: 50) { edges { node { id eventType status responseStatus attempts lastError createdAt deliveredAt } } } }": typeof types.ConsoleWebhookDeliveriesDocument,
    "mutation ConsoleRedeliver($id: ID!) { redeliverWebhook(deliveryId: $id) { id status } }": typeof types.ConsoleRedeliverDocument,
    "query ConsoleAdminTeams { teams { id name description members { id name } } users { id name role deactivatedAt } }": typeof types.ConsoleAdminTeamsDocument,
    "mutation ConsoleCreateTeam($input: TeamInput!) { createTeam(input: $input) { id name } }": typeof types.ConsoleCreateTeamDocument,
    "mutation ConsoleDeleteTeam($id: ID!) { deleteTeam(id: $id) }": typeof types.ConsoleDeleteTeamDocument,
    "mutation ConsoleSetTeamMembers($teamId: ID!, $userIds: [ID!]!) { setTeamMembers(teamId: $teamId, userIds: $userIds) { id members { id name } } }": typeof types.ConsoleSetTeamMembersDocument,
    "query ConsoleAdminCanned { cannedReplies { id shortcut title body personal } }": typeof types.ConsoleAdminCannedDocument,
    "mutation ConsoleCreateCanned($input: CannedReplyInput!) { createCannedReply(input: $input) { id } }": typeof types.ConsoleCreateCannedDocument,
    "mutation ConsoleUpdateCanned($id: ID!, $input: CannedReplyInput!) { updateCannedReply(id: $id, input: $input) { id shortcut title body personal } }": typeof types.ConsoleUpdateCannedDocument,
    "mutation ConsoleDeleteCanned($id: ID!) { deleteCannedReply(id: $id) }": typeof types.ConsoleDeleteCannedDocument,
    "query ConsoleAdminLabels { labels { id name color } }": typeof types.ConsoleAdminLabelsDocument,
    "mutation ConsoleCreateLabel($input: LabelInput!) { createLabel(input: $input) { id } }": typeof types.ConsoleCreateLabelDocument,
    "mutation ConsoleUpdateLabel($id: ID!, $input: LabelInput!) { updateLabel(id: $id, input: $input) { id name color } }": typeof types.ConsoleUpdateLabelDocument,
    "mutation ConsoleDeleteLabel($id: ID!) { deleteLabel(id: $id) }": typeof types.ConsoleDeleteLabelDocument,
    "query ConsoleInboxes { inboxes { id name provider channel connectionState webhookUrl webhookPath disabledAt createdAt } }": typeof types.ConsoleInboxesDocument,
    "\n  mutation ConsoleCreateInbox($input: CreateInboxInput!) {\n    createInbox(input: $input) { webhookSecret inbox { id name provider connectionState webhookUrl webhookPath } }\n  }\n": typeof types.ConsoleCreateInboxDocument,
    "subscription ConsoleInboxUpdated { inboxUpdated { id connectionState disabledAt } }": typeof types.ConsoleInboxUpdatedDocument,
    "\n  query ConsoleAudit($after: String) {\n    auditLogsConnection(first: 50, after: $after) {\n      edges { node { id event severity ip createdAt detail actor { id name } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.ConsoleAuditDocument,
    "\n  query ConsoleAccess($after: String) {\n    dataAccessLogsConnection(first: 50, after: $after) {\n      edges { node { id action resource justification ip createdAt clientId actor { id name } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.ConsoleAccessDocument,
    "query ConsoleRequests { dataSubjectRequests { id type status reason dueAt createdAt client { id name } } }": typeof types.ConsoleRequestsDocument,
    "mutation ConsoleApprove($id: ID!, $totpCode: String) { approveDataSubjectRequest(id: $id, totpCode: $totpCode) { id status } }": typeof types.ConsoleApproveDocument,
    "mutation ConsoleReject($id: ID!, $reason: String!) { rejectDataSubjectRequest(id: $id, reason: $reason) { id status } }": typeof types.ConsoleRejectDocument,
    "\n  query ConsoleSettings {\n    tenantSettings {\n      timezone agentCapacity autoAssign handoffKeywords holidays outOfHoursMessage retentionDays deletionGraceDays\n      aiProvider aiModel aiSystemPrompt requireTwoFactorForAdmins requireAccessJustification\n      businessHours { weekday opens closes }\n      csatSurvey npsSurvey npsIntervalDays ticketCategories\n    }\n  }\n": typeof types.ConsoleSettingsDocument,
    "mutation ConsoleSaveSettings($input: UpdateTenantSettingsInput!) { updateTenantSettings(input: $input) { timezone } }": typeof types.ConsoleSaveSettingsDocument,
    "query ConsoleUsers { users { id name email role availability twoFactorEnabled deactivatedAt createdAt } }": typeof types.ConsoleUsersDocument,
    "mutation ConsoleCreateUser($input: CreateUserInput!) { createUser(input: $input) { id } }": typeof types.ConsoleCreateUserDocument,
    "mutation ConsoleChangeRole($id: ID!, $role: Role!, $totpCode: String) { changeUserRole(id: $id, role: $role, totpCode: $totpCode) { id role } }": typeof types.ConsoleChangeRoleDocument,
    "mutation ConsoleDeactivate($id: ID!, $totpCode: String) { deactivateUser(id: $id, totpCode: $totpCode) { id deactivatedAt } }": typeof types.ConsoleDeactivateDocument,
    "query ConsoleApiKeys { apiKeys { id name role createdAt lastUsedAt } }": typeof types.ConsoleApiKeysDocument,
    "mutation ConsoleCreateKey($name: String!, $role: Role!, $totpCode: String) { createApiKey(name: $name, role: $role, totpCode: $totpCode) { token apiKey { id name } } }": typeof types.ConsoleCreateKeyDocument,
    "mutation ConsoleRevokeKey($id: ID!) { revokeApiKey(id: $id) }": typeof types.ConsoleRevokeKeyDocument,
    "query ConsoleMyLoad($agentId: ID!) { handoffs(first: 50, filter: { agentId: $agentId, status: ASSIGNED }) { edges { node { id } } } }": typeof types.ConsoleMyLoadDocument,
    "query ConsoleCapacity { tenantSettings { agentCapacity } }": typeof types.ConsoleCapacityDocument,
    "\n  query ConsoleClientPanel($id: ID!) {\n    client(id: $id) {\n      id name phone email preferredChannel createdAt\n      tickets(first: 10) { edges { node { id subject status createdAt documents { id filename ocrStatus } } } }\n    }\n    consentHistory(clientId: $id) { id purpose granted createdAt revokedAt source }\n  }\n": typeof types.ConsoleClientPanelDocument,
    "query ConsoleClientDocument($id: ID!) { client(id: $id) { id document documentType } }": typeof types.ConsoleClientDocumentDocument,
    "query ConsoleExportClient($id: ID!, $justification: String) { exportClientData(clientId: $id, justification: $justification) }": typeof types.ConsoleExportClientDocument,
    "mutation ConsoleRequestDsr($input: DataSubjectRequestInput!) { requestDataSubjectAction(input: $input) { id type status dueAt } }": typeof types.ConsoleRequestDsrDocument,
    "query ConsoleCannedReplies($search: String) { cannedReplies(search: $search) { id shortcut title body personal } }": typeof types.ConsoleCannedRepliesDocument,
    "query ConsoleTeams { teams { id name } }": typeof types.ConsoleTeamsDocument,
    "query ConsoleTransferAgents { users { id name role } }": typeof types.ConsoleTransferAgentsDocument,
    "mutation ConsoleTransfer($input: TransferHandoffInput!) { transferHandoff(input: $input) { id status team { id name } agent { id name } } }": typeof types.ConsoleTransferDocument,
    "query ConsoleLabels { labels { id name color } }": typeof types.ConsoleLabelsDocument,
    "mutation ConsoleAddLabels($input: LabelTargetInput!) { addLabels(input: $input) { id name color } }": typeof types.ConsoleAddLabelsDocument,
    "mutation ConsoleRemoveLabels($input: LabelTargetInput!) { removeLabels(input: $input) { id name color } }": typeof types.ConsoleRemoveLabelsDocument,
    "query ConsoleFollowUps($sessionId: ID!) { followUps(sessionId: $sessionId) { id text status dueAt sentAt cancelledAt afterSilenceMinutes } }": typeof types.ConsoleFollowUpsDocument,
    "mutation ConsoleScheduleFollowUp($input: FollowUpInput!) { scheduleFollowUp(input: $input) { id status } }": typeof types.ConsoleScheduleFollowUpDocument,
    "mutation ConsoleCancelFollowUp($id: ID!) { cancelFollowUp(id: $id) { id status } }": typeof types.ConsoleCancelFollowUpDocument,
    "\n  query ConsoleConversation($id: ID!) {\n    session(id: $id) {\n      id channel status startedAt endedAt costBrl tokensInput tokensOutput aiModel aiProvider\n      client { id }\n      labels { id name color }\n      handoff {\n        id status reason priority createdAt agent { id name } notes { id text createdAt author { id name } }\n        team { id name } firstResponseDueAt firstResponseAt firstResponseBreachedAt resolutionDueAt resolutionBreachedAt\n      }\n    }\n  }\n": typeof types.ConsoleConversationDocument,
    "\n  query ConsoleMessagesPage($id: ID!, $after: String) {\n    session(id: $id) { id messages(first: 30, after: $after, newestFirst: true) { edges { node { ...ConsoleMessage } } pageInfo { hasNextPage endCursor } } }\n  }\n": typeof types.ConsoleMessagesPageDocument,
    "subscription ConsoleMessageAdded($sessionId: ID) { messageAdded(sessionId: $sessionId) { ...ConsoleMessage } }": typeof types.ConsoleMessageAddedDocument,
    "subscription ConsoleMessageUpdated($sessionId: ID) { messageUpdated(sessionId: $sessionId) { ...ConsoleMessage } }": typeof types.ConsoleMessageUpdatedDocument,
    "mutation ConsoleSend($input: AgentMessageInput!) { sendAgentMessage(input: $input) { ...ConsoleMessage } }": typeof types.ConsoleSendDocument,
    "mutation ConsoleNote($handoffId: ID!, $text: String!) { addHandoffNote(handoffId: $handoffId, text: $text) { id text createdAt author { id name } } }": typeof types.ConsoleNoteDocument,
    "mutation ConsoleComplete($input: CompleteHandoffInput!) { completeHandoff(input: $input) { id status resolution } }": typeof types.ConsoleCompleteDocument,
    "mutation ConsoleMarkRead($sessionId: ID!) { markSessionRead(sessionId: $sessionId) { id } }": typeof types.ConsoleMarkReadDocument,
    "\n  query ConsoleMyConversations {\n    sessions(first: 50, filter: { assignedToMe: true }) {\n      edges { node { id channel lastMessageAt client { id name } handoff { id status reason } } }\n    }\n  }\n": typeof types.ConsoleMyConversationsDocument,
    "\n  subscription ConsoleSlaUpdated {\n    slaUpdated { kind target dueAt handoff { id reason team { id name } session { id client { id name } } } ticket { id subject message } }\n  }\n": typeof types.ConsoleSlaUpdatedDocument,
    "\n  query ConsoleSurveys($filter: SurveyFilter) {\n    surveyResponses(filter: $filter, first: 200) { totalCount edges { node { id kind score status answeredAt } } }\n  }\n": typeof types.ConsoleSurveysDocument,
    "\n  query ConsoleTeam {\n    users { id name role availability deactivatedAt }\n    handoffs(first: 100, filter: { status: ASSIGNED }) { edges { node { id agent { id } } } }\n    tenantSettings { agentCapacity }\n  }\n": typeof types.ConsoleTeamDocument,
    "\n  query ConsoleDashboard($period: PeriodInput!) {\n    dashboard(period: $period) {\n      totalSessions totalMessages aiResolutionRate handoffRate avgFirstResponseSeconds avgQueueWaitSeconds avgSessionMinutes csatAverage nps totalCostBrl\n    }\n  }\n": typeof types.ConsoleDashboardDocument,
    "mutation ConsoleAssign($id: ID!, $agentId: ID!) { assignHandoff(id: $id, agentId: $agentId) { id status agent { id name } } }": typeof types.ConsoleAssignDocument,
    "\n  fragment ConsoleMessage on Message {\n    id\n    direction\n    sender\n    type\n    text\n    extractedText\n    createdAt\n    deliveryStatus\n    deliveryError\n    author { id name }\n    attachments { id url mimeType fileName voice }\n    document { id filename ocrStatus fields kind }\n  }\n": typeof types.ConsoleMessageFragmentDoc,
    "query ConsoleQueueTeams { teams { id name } }": typeof types.ConsoleQueueTeamsDocument,
    "\n  fragment QueueItem on Handoff {\n    id\n    priority\n    reason\n    status\n    createdAt\n    waitingSeconds\n    team { id name }\n    firstResponseDueAt\n    firstResponseBreachedAt\n    session { id channel client { id name phone } }\n  }\n": typeof types.QueueItemFragmentDoc,
    "query ConsoleQueue { handoffQueue { ...QueueItem } }": typeof types.ConsoleQueueDocument,
    "subscription ConsoleQueueUpdated { queueUpdated { kind queueLength handoff { ...QueueItem } } }": typeof types.ConsoleQueueUpdatedDocument,
    "mutation ConsoleClaim($id: ID!) { claimHandoff(id: $id) { id session { id } } }": typeof types.ConsoleClaimDocument,
    "\n  query ConsoleAgentPerformance($input: AnalyticsInput!) {\n    agentPerformance(input: $input) {\n      agentId name conversations completed transfers messagesSent firstResponseP50Seconds handleTimeAvgSeconds waitP50Seconds csatAverage csatResponses slaBreaches onlineSeconds\n    }\n  }\n": typeof types.ConsoleAgentPerformanceDocument,
    "\n  query ConsoleAiCosts($input: AnalyticsInput!) {\n    aiCosts(input: $input) {\n      totalCostBrl monthToDate projectedMonth perConversation perResolvedConversation tokensInput tokensOutput\n      byProvider { provider calls costBrl tokensInput tokensOutput }\n      byModel { provider model calls costBrl tokensInput tokensOutput }\n    }\n  }\n": typeof types.ConsoleAiCostsDocument,
    "\n  query ConsoleCompliance($input: AnalyticsInput!) {\n    complianceReport(input: $input) {\n      overdueRequests\n      openRequests { id type status dueAt daysToDeadline overdue }\n      consentsByPurpose { purpose granted revoked }\n      requestsByTypeAndStatus { key secondary count }\n    }\n  }\n": typeof types.ConsoleComplianceDocument,
    "\n  query ConsoleExports {\n    exports(first: 20) { edges { node { id kind format status from to rows personalData url urlExpiresAt error createdAt completedAt } } }\n  }\n": typeof types.ConsoleExportsDocument,
    "\n  mutation ConsoleStartExport($input: ExportInput!) { startExport(input: $input) { id kind format status from to rows personalData url urlExpiresAt error createdAt completedAt } }\n": typeof types.ConsoleStartExportDocument,
    "query ConsoleScheduledReport { scheduledReport { id frequency weekday time email whatsappTo inboxId enabled lastSentAt lastError } inboxes { id name channel } }": typeof types.ConsoleScheduledReportDocument,
    "\n  mutation ConsoleSetScheduledReport($input: ScheduledReportInput!) { setScheduledReport(input: $input) { id frequency weekday time email whatsappTo inboxId enabled lastSentAt lastError } }\n": typeof types.ConsoleSetScheduledReportDocument,
    "\n  query ConsoleAnalytics($input: AnalyticsInput!) {\n    analytics(input: $input) {\n      timezone granularity\n      series { bucketLabel group { dimension key name } measures { conversations messagesIn messagesOut tickets autoResolved handedOff botResolutionRate handoffRate waitP50Seconds waitP90Seconds firstResponseP50Seconds resolutionP50Seconds slaCompliance csatAverage csatResponses nps aiCostBrl aiTokensInput aiTokensOutput } }\n      groups { group { dimension key name } measures { conversations messagesIn messagesOut tickets autoResolved handedOff botResolutionRate handoffRate waitP50Seconds waitP90Seconds firstResponseP50Seconds resolutionP50Seconds slaCompliance csatAverage csatResponses nps aiCostBrl aiTokensInput aiTokensOutput } }\n      totals { conversations messagesIn messagesOut tickets autoResolved handedOff botResolutionRate handoffRate waitP50Seconds waitP90Seconds firstResponseP50Seconds resolutionP50Seconds slaCompliance csatAverage csatResponses nps aiCostBrl aiTokensInput aiTokensOutput }\n    }\n  }\n": typeof types.ConsoleAnalyticsDocument,
    "query ConsoleTicketOptions { teams { id name } users { id name role deactivatedAt } labels { id name color } }": typeof types.ConsoleTicketOptionsDocument,
    "query ConsoleTicketCategories { tenantSettings { ticketCategories } }": typeof types.ConsoleTicketCategoriesDocument,
    "mutation ConsoleAssignTicket($ticketId: ID!, $agentId: ID, $teamId: ID) { assignTicket(ticketId: $ticketId, agentId: $agentId, teamId: $teamId) { id assignee { id name } team { id name } } }": typeof types.ConsoleAssignTicketDocument,
    "mutation ConsoleUpdateTicket($id: ID!, $input: UpdateTicketInput!) { updateTicket(id: $id, input: $input) { id category dueAt labels { id name color } } }": typeof types.ConsoleUpdateTicketDocument,
    "\n  query ConsoleTicket($id: ID!) {\n    ticket(id: $id) {\n      id subject message status priority channel createdAt updatedAt\n      client { id name }\n      assignee { id name }\n      team { id name } category dueAt labels { id name color }\n      triage { intent confidence priority needsHuman provider reasons }\n      comments { id text system createdAt author { id name } }\n      documents { id filename ocrStatus fields kind }\n    }\n  }\n": typeof types.ConsoleTicketDocument,
    "mutation ConsoleTicketComment($ticketId: ID!, $text: String!) { addTicketComment(ticketId: $ticketId, text: $text) { id } }": typeof types.ConsoleTicketCommentDocument,
    "mutation ConsoleTicketStatus($id: ID!, $status: TicketStatus!) { updateTicketStatus(id: $id, status: $status) { id status } }": typeof types.ConsoleTicketStatusDocument,
    "mutation ConsoleUpload($file: Upload!, $input: UploadDocumentInput!) { uploadDocument(file: $file, input: $input) { id filename ocrStatus fields kind } }": typeof types.ConsoleUploadDocument,
    "subscription ConsoleDocumentUpdated { documentUpdated { id filename ocrStatus fields kind } }": typeof types.ConsoleDocumentUpdatedDocument,
    "query ConsoleTicketFilterOptions { teams { id name } labels { id name } }": typeof types.ConsoleTicketFilterOptionsDocument,
    "\n  query ConsoleTickets($after: String, $filter: TicketFilter) {\n    tickets(first: 25, after: $after, filter: $filter) {\n      totalCount\n      edges { node { id subject message status priority channel createdAt client { id name } assignee { id name } team { id name } category dueAt labels { id name color } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.ConsoleTicketsDocument,
};
const documents: Documents = {
    "mutation ConsoleSetAvailability($availability: AgentAvailability!) { setAvailability(availability: $availability) { id availability } }": types.ConsoleSetAvailabilityDocument,
    "\n  fragment AuthPayloadFields on AuthPayload {\n    accessToken\n    accessTokenExpiresAt\n    user { id name email role availability twoFactorEnabled tenant { id name timezone } }\n  }\n": types.AuthPayloadFieldsFragmentDoc,
    "mutation ConsoleLogIn($input: LogInInput!) { logIn(input: $input) { ...AuthPayloadFields } }": types.ConsoleLogInDocument,
    "mutation ConsoleSignUp($input: SignUpInput!) { signUp(input: $input) { ...AuthPayloadFields } }": types.ConsoleSignUpDocument,
    "mutation ConsoleRefresh { refreshToken(refreshToken: \"\") { ...AuthPayloadFields } }": types.ConsoleRefreshDocument,
    "mutation ConsoleLogOut { logOut(refreshToken: \"\") }": types.ConsoleLogOutDocument,
    "query ConsoleSlaPolicies { slaPolicies { id priority firstResponseMinutes resolutionMinutes warnBeforeMinutes pauseWhileWaitingCustomer team { id name } } teams { id name } }": types.ConsoleSlaPoliciesDocument,
    "mutation ConsoleSetSla($input: SlaPolicyInput!) { setSlaPolicy(input: $input) { id } }": types.ConsoleSetSlaDocument,
    "query ConsoleRoutingRules { routingRules { id name order enabled priority team { id name } match { intents channels keywords } } teams { id name } }": types.ConsoleRoutingRulesDocument,
    "mutation ConsoleCreateRule($input: RoutingRuleInput!) { createRoutingRule(input: $input) { id } }": types.ConsoleCreateRuleDocument,
    "mutation ConsoleDeleteRule($id: ID!) { deleteRoutingRule(id: $id) }": types.ConsoleDeleteRuleDocument,
    "query ConsoleWebhooks { webhookSubscriptions { id url events enabled description consecutiveFailures disabledAt disabledReason createdAt } }": types.ConsoleWebhooksDocument,
    "mutation ConsoleCreateWebhook($input: WebhookSubscriptionInput!) { createWebhookSubscription(input: $input) { secret subscription { id } } }": types.ConsoleCreateWebhookDocument,
    "query ConsoleWebhookDeliveries($id: ID!) { webhookDeliveries(subscriptionId: $id, first: 50) { edges { node { id eventType status responseStatus attempts lastError createdAt deliveredAt } } } }": types.ConsoleWebhookDeliveriesDocument,
    "mutation ConsoleRedeliver($id: ID!) { redeliverWebhook(deliveryId: $id) { id status } }": types.ConsoleRedeliverDocument,
    "query ConsoleAdminTeams { teams { id name description members { id name } } users { id name role deactivatedAt } }": types.ConsoleAdminTeamsDocument,
    "mutation ConsoleCreateTeam($input: TeamInput!) { createTeam(input: $input) { id name } }": types.ConsoleCreateTeamDocument,
    "mutation ConsoleDeleteTeam($id: ID!) { deleteTeam(id: $id) }": types.ConsoleDeleteTeamDocument,
    "mutation ConsoleSetTeamMembers($teamId: ID!, $userIds: [ID!]!) { setTeamMembers(teamId: $teamId, userIds: $userIds) { id members { id name } } }": types.ConsoleSetTeamMembersDocument,
    "query ConsoleAdminCanned { cannedReplies { id shortcut title body personal } }": types.ConsoleAdminCannedDocument,
    "mutation ConsoleCreateCanned($input: CannedReplyInput!) { createCannedReply(input: $input) { id } }": types.ConsoleCreateCannedDocument,
    "mutation ConsoleUpdateCanned($id: ID!, $input: CannedReplyInput!) { updateCannedReply(id: $id, input: $input) { id shortcut title body personal } }": types.ConsoleUpdateCannedDocument,
    "mutation ConsoleDeleteCanned($id: ID!) { deleteCannedReply(id: $id) }": types.ConsoleDeleteCannedDocument,
    "query ConsoleAdminLabels { labels { id name color } }": types.ConsoleAdminLabelsDocument,
    "mutation ConsoleCreateLabel($input: LabelInput!) { createLabel(input: $input) { id } }": types.ConsoleCreateLabelDocument,
    "mutation ConsoleUpdateLabel($id: ID!, $input: LabelInput!) { updateLabel(id: $id, input: $input) { id name color } }": types.ConsoleUpdateLabelDocument,
    "mutation ConsoleDeleteLabel($id: ID!) { deleteLabel(id: $id) }": types.ConsoleDeleteLabelDocument,
    "query ConsoleInboxes { inboxes { id name provider channel connectionState webhookUrl webhookPath disabledAt createdAt } }": types.ConsoleInboxesDocument,
    "\n  mutation ConsoleCreateInbox($input: CreateInboxInput!) {\n    createInbox(input: $input) { webhookSecret inbox { id name provider connectionState webhookUrl webhookPath } }\n  }\n": types.ConsoleCreateInboxDocument,
    "subscription ConsoleInboxUpdated { inboxUpdated { id connectionState disabledAt } }": types.ConsoleInboxUpdatedDocument,
    "\n  query ConsoleAudit($after: String) {\n    auditLogsConnection(first: 50, after: $after) {\n      edges { node { id event severity ip createdAt detail actor { id name } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.ConsoleAuditDocument,
    "\n  query ConsoleAccess($after: String) {\n    dataAccessLogsConnection(first: 50, after: $after) {\n      edges { node { id action resource justification ip createdAt clientId actor { id name } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.ConsoleAccessDocument,
    "query ConsoleRequests { dataSubjectRequests { id type status reason dueAt createdAt client { id name } } }": types.ConsoleRequestsDocument,
    "mutation ConsoleApprove($id: ID!, $totpCode: String) { approveDataSubjectRequest(id: $id, totpCode: $totpCode) { id status } }": types.ConsoleApproveDocument,
    "mutation ConsoleReject($id: ID!, $reason: String!) { rejectDataSubjectRequest(id: $id, reason: $reason) { id status } }": types.ConsoleRejectDocument,
    "\n  query ConsoleSettings {\n    tenantSettings {\n      timezone agentCapacity autoAssign handoffKeywords holidays outOfHoursMessage retentionDays deletionGraceDays\n      aiProvider aiModel aiSystemPrompt requireTwoFactorForAdmins requireAccessJustification\n      businessHours { weekday opens closes }\n      csatSurvey npsSurvey npsIntervalDays ticketCategories\n    }\n  }\n": types.ConsoleSettingsDocument,
    "mutation ConsoleSaveSettings($input: UpdateTenantSettingsInput!) { updateTenantSettings(input: $input) { timezone } }": types.ConsoleSaveSettingsDocument,
    "query ConsoleUsers { users { id name email role availability twoFactorEnabled deactivatedAt createdAt } }": types.ConsoleUsersDocument,
    "mutation ConsoleCreateUser($input: CreateUserInput!) { createUser(input: $input) { id } }": types.ConsoleCreateUserDocument,
    "mutation ConsoleChangeRole($id: ID!, $role: Role!, $totpCode: String) { changeUserRole(id: $id, role: $role, totpCode: $totpCode) { id role } }": types.ConsoleChangeRoleDocument,
    "mutation ConsoleDeactivate($id: ID!, $totpCode: String) { deactivateUser(id: $id, totpCode: $totpCode) { id deactivatedAt } }": types.ConsoleDeactivateDocument,
    "query ConsoleApiKeys { apiKeys { id name role createdAt lastUsedAt } }": types.ConsoleApiKeysDocument,
    "mutation ConsoleCreateKey($name: String!, $role: Role!, $totpCode: String) { createApiKey(name: $name, role: $role, totpCode: $totpCode) { token apiKey { id name } } }": types.ConsoleCreateKeyDocument,
    "mutation ConsoleRevokeKey($id: ID!) { revokeApiKey(id: $id) }": types.ConsoleRevokeKeyDocument,
    "query ConsoleMyLoad($agentId: ID!) { handoffs(first: 50, filter: { agentId: $agentId, status: ASSIGNED }) { edges { node { id } } } }": types.ConsoleMyLoadDocument,
    "query ConsoleCapacity { tenantSettings { agentCapacity } }": types.ConsoleCapacityDocument,
    "\n  query ConsoleClientPanel($id: ID!) {\n    client(id: $id) {\n      id name phone email preferredChannel createdAt\n      tickets(first: 10) { edges { node { id subject status createdAt documents { id filename ocrStatus } } } }\n    }\n    consentHistory(clientId: $id) { id purpose granted createdAt revokedAt source }\n  }\n": types.ConsoleClientPanelDocument,
    "query ConsoleClientDocument($id: ID!) { client(id: $id) { id document documentType } }": types.ConsoleClientDocumentDocument,
    "query ConsoleExportClient($id: ID!, $justification: String) { exportClientData(clientId: $id, justification: $justification) }": types.ConsoleExportClientDocument,
    "mutation ConsoleRequestDsr($input: DataSubjectRequestInput!) { requestDataSubjectAction(input: $input) { id type status dueAt } }": types.ConsoleRequestDsrDocument,
    "query ConsoleCannedReplies($search: String) { cannedReplies(search: $search) { id shortcut title body personal } }": types.ConsoleCannedRepliesDocument,
    "query ConsoleTeams { teams { id name } }": types.ConsoleTeamsDocument,
    "query ConsoleTransferAgents { users { id name role } }": types.ConsoleTransferAgentsDocument,
    "mutation ConsoleTransfer($input: TransferHandoffInput!) { transferHandoff(input: $input) { id status team { id name } agent { id name } } }": types.ConsoleTransferDocument,
    "query ConsoleLabels { labels { id name color } }": types.ConsoleLabelsDocument,
    "mutation ConsoleAddLabels($input: LabelTargetInput!) { addLabels(input: $input) { id name color } }": types.ConsoleAddLabelsDocument,
    "mutation ConsoleRemoveLabels($input: LabelTargetInput!) { removeLabels(input: $input) { id name color } }": types.ConsoleRemoveLabelsDocument,
    "query ConsoleFollowUps($sessionId: ID!) { followUps(sessionId: $sessionId) { id text status dueAt sentAt cancelledAt afterSilenceMinutes } }": types.ConsoleFollowUpsDocument,
    "mutation ConsoleScheduleFollowUp($input: FollowUpInput!) { scheduleFollowUp(input: $input) { id status } }": types.ConsoleScheduleFollowUpDocument,
    "mutation ConsoleCancelFollowUp($id: ID!) { cancelFollowUp(id: $id) { id status } }": types.ConsoleCancelFollowUpDocument,
    "\n  query ConsoleConversation($id: ID!) {\n    session(id: $id) {\n      id channel status startedAt endedAt costBrl tokensInput tokensOutput aiModel aiProvider\n      client { id }\n      labels { id name color }\n      handoff {\n        id status reason priority createdAt agent { id name } notes { id text createdAt author { id name } }\n        team { id name } firstResponseDueAt firstResponseAt firstResponseBreachedAt resolutionDueAt resolutionBreachedAt\n      }\n    }\n  }\n": types.ConsoleConversationDocument,
    "\n  query ConsoleMessagesPage($id: ID!, $after: String) {\n    session(id: $id) { id messages(first: 30, after: $after, newestFirst: true) { edges { node { ...ConsoleMessage } } pageInfo { hasNextPage endCursor } } }\n  }\n": types.ConsoleMessagesPageDocument,
    "subscription ConsoleMessageAdded($sessionId: ID) { messageAdded(sessionId: $sessionId) { ...ConsoleMessage } }": types.ConsoleMessageAddedDocument,
    "subscription ConsoleMessageUpdated($sessionId: ID) { messageUpdated(sessionId: $sessionId) { ...ConsoleMessage } }": types.ConsoleMessageUpdatedDocument,
    "mutation ConsoleSend($input: AgentMessageInput!) { sendAgentMessage(input: $input) { ...ConsoleMessage } }": types.ConsoleSendDocument,
    "mutation ConsoleNote($handoffId: ID!, $text: String!) { addHandoffNote(handoffId: $handoffId, text: $text) { id text createdAt author { id name } } }": types.ConsoleNoteDocument,
    "mutation ConsoleComplete($input: CompleteHandoffInput!) { completeHandoff(input: $input) { id status resolution } }": types.ConsoleCompleteDocument,
    "mutation ConsoleMarkRead($sessionId: ID!) { markSessionRead(sessionId: $sessionId) { id } }": types.ConsoleMarkReadDocument,
    "\n  query ConsoleMyConversations {\n    sessions(first: 50, filter: { assignedToMe: true }) {\n      edges { node { id channel lastMessageAt client { id name } handoff { id status reason } } }\n    }\n  }\n": types.ConsoleMyConversationsDocument,
    "\n  subscription ConsoleSlaUpdated {\n    slaUpdated { kind target dueAt handoff { id reason team { id name } session { id client { id name } } } ticket { id subject message } }\n  }\n": types.ConsoleSlaUpdatedDocument,
    "\n  query ConsoleSurveys($filter: SurveyFilter) {\n    surveyResponses(filter: $filter, first: 200) { totalCount edges { node { id kind score status answeredAt } } }\n  }\n": types.ConsoleSurveysDocument,
    "\n  query ConsoleTeam {\n    users { id name role availability deactivatedAt }\n    handoffs(first: 100, filter: { status: ASSIGNED }) { edges { node { id agent { id } } } }\n    tenantSettings { agentCapacity }\n  }\n": types.ConsoleTeamDocument,
    "\n  query ConsoleDashboard($period: PeriodInput!) {\n    dashboard(period: $period) {\n      totalSessions totalMessages aiResolutionRate handoffRate avgFirstResponseSeconds avgQueueWaitSeconds avgSessionMinutes csatAverage nps totalCostBrl\n    }\n  }\n": types.ConsoleDashboardDocument,
    "mutation ConsoleAssign($id: ID!, $agentId: ID!) { assignHandoff(id: $id, agentId: $agentId) { id status agent { id name } } }": types.ConsoleAssignDocument,
    "\n  fragment ConsoleMessage on Message {\n    id\n    direction\n    sender\n    type\n    text\n    extractedText\n    createdAt\n    deliveryStatus\n    deliveryError\n    author { id name }\n    attachments { id url mimeType fileName voice }\n    document { id filename ocrStatus fields kind }\n  }\n": types.ConsoleMessageFragmentDoc,
    "query ConsoleQueueTeams { teams { id name } }": types.ConsoleQueueTeamsDocument,
    "\n  fragment QueueItem on Handoff {\n    id\n    priority\n    reason\n    status\n    createdAt\n    waitingSeconds\n    team { id name }\n    firstResponseDueAt\n    firstResponseBreachedAt\n    session { id channel client { id name phone } }\n  }\n": types.QueueItemFragmentDoc,
    "query ConsoleQueue { handoffQueue { ...QueueItem } }": types.ConsoleQueueDocument,
    "subscription ConsoleQueueUpdated { queueUpdated { kind queueLength handoff { ...QueueItem } } }": types.ConsoleQueueUpdatedDocument,
    "mutation ConsoleClaim($id: ID!) { claimHandoff(id: $id) { id session { id } } }": types.ConsoleClaimDocument,
    "\n  query ConsoleAgentPerformance($input: AnalyticsInput!) {\n    agentPerformance(input: $input) {\n      agentId name conversations completed transfers messagesSent firstResponseP50Seconds handleTimeAvgSeconds waitP50Seconds csatAverage csatResponses slaBreaches onlineSeconds\n    }\n  }\n": types.ConsoleAgentPerformanceDocument,
    "\n  query ConsoleAiCosts($input: AnalyticsInput!) {\n    aiCosts(input: $input) {\n      totalCostBrl monthToDate projectedMonth perConversation perResolvedConversation tokensInput tokensOutput\n      byProvider { provider calls costBrl tokensInput tokensOutput }\n      byModel { provider model calls costBrl tokensInput tokensOutput }\n    }\n  }\n": types.ConsoleAiCostsDocument,
    "\n  query ConsoleCompliance($input: AnalyticsInput!) {\n    complianceReport(input: $input) {\n      overdueRequests\n      openRequests { id type status dueAt daysToDeadline overdue }\n      consentsByPurpose { purpose granted revoked }\n      requestsByTypeAndStatus { key secondary count }\n    }\n  }\n": types.ConsoleComplianceDocument,
    "\n  query ConsoleExports {\n    exports(first: 20) { edges { node { id kind format status from to rows personalData url urlExpiresAt error createdAt completedAt } } }\n  }\n": types.ConsoleExportsDocument,
    "\n  mutation ConsoleStartExport($input: ExportInput!) { startExport(input: $input) { id kind format status from to rows personalData url urlExpiresAt error createdAt completedAt } }\n": types.ConsoleStartExportDocument,
    "query ConsoleScheduledReport { scheduledReport { id frequency weekday time email whatsappTo inboxId enabled lastSentAt lastError } inboxes { id name channel } }": types.ConsoleScheduledReportDocument,
    "\n  mutation ConsoleSetScheduledReport($input: ScheduledReportInput!) { setScheduledReport(input: $input) { id frequency weekday time email whatsappTo inboxId enabled lastSentAt lastError } }\n": types.ConsoleSetScheduledReportDocument,
    "\n  query ConsoleAnalytics($input: AnalyticsInput!) {\n    analytics(input: $input) {\n      timezone granularity\n      series { bucketLabel group { dimension key name } measures { conversations messagesIn messagesOut tickets autoResolved handedOff botResolutionRate handoffRate waitP50Seconds waitP90Seconds firstResponseP50Seconds resolutionP50Seconds slaCompliance csatAverage csatResponses nps aiCostBrl aiTokensInput aiTokensOutput } }\n      groups { group { dimension key name } measures { conversations messagesIn messagesOut tickets autoResolved handedOff botResolutionRate handoffRate waitP50Seconds waitP90Seconds firstResponseP50Seconds resolutionP50Seconds slaCompliance csatAverage csatResponses nps aiCostBrl aiTokensInput aiTokensOutput } }\n      totals { conversations messagesIn messagesOut tickets autoResolved handedOff botResolutionRate handoffRate waitP50Seconds waitP90Seconds firstResponseP50Seconds resolutionP50Seconds slaCompliance csatAverage csatResponses nps aiCostBrl aiTokensInput aiTokensOutput }\n    }\n  }\n": types.ConsoleAnalyticsDocument,
    "query ConsoleTicketOptions { teams { id name } users { id name role deactivatedAt } labels { id name color } }": types.ConsoleTicketOptionsDocument,
    "query ConsoleTicketCategories { tenantSettings { ticketCategories } }": types.ConsoleTicketCategoriesDocument,
    "mutation ConsoleAssignTicket($ticketId: ID!, $agentId: ID, $teamId: ID) { assignTicket(ticketId: $ticketId, agentId: $agentId, teamId: $teamId) { id assignee { id name } team { id name } } }": types.ConsoleAssignTicketDocument,
    "mutation ConsoleUpdateTicket($id: ID!, $input: UpdateTicketInput!) { updateTicket(id: $id, input: $input) { id category dueAt labels { id name color } } }": types.ConsoleUpdateTicketDocument,
    "\n  query ConsoleTicket($id: ID!) {\n    ticket(id: $id) {\n      id subject message status priority channel createdAt updatedAt\n      client { id name }\n      assignee { id name }\n      team { id name } category dueAt labels { id name color }\n      triage { intent confidence priority needsHuman provider reasons }\n      comments { id text system createdAt author { id name } }\n      documents { id filename ocrStatus fields kind }\n    }\n  }\n": types.ConsoleTicketDocument,
    "mutation ConsoleTicketComment($ticketId: ID!, $text: String!) { addTicketComment(ticketId: $ticketId, text: $text) { id } }": types.ConsoleTicketCommentDocument,
    "mutation ConsoleTicketStatus($id: ID!, $status: TicketStatus!) { updateTicketStatus(id: $id, status: $status) { id status } }": types.ConsoleTicketStatusDocument,
    "mutation ConsoleUpload($file: Upload!, $input: UploadDocumentInput!) { uploadDocument(file: $file, input: $input) { id filename ocrStatus fields kind } }": types.ConsoleUploadDocument,
    "subscription ConsoleDocumentUpdated { documentUpdated { id filename ocrStatus fields kind } }": types.ConsoleDocumentUpdatedDocument,
    "query ConsoleTicketFilterOptions { teams { id name } labels { id name } }": types.ConsoleTicketFilterOptionsDocument,
    "\n  query ConsoleTickets($after: String, $filter: TicketFilter) {\n    tickets(first: 25, after: $after, filter: $filter) {\n      totalCount\n      edges { node { id subject message status priority channel createdAt client { id name } assignee { id name } team { id name } category dueAt labels { id name color } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.ConsoleTicketsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleSetAvailability($availability: AgentAvailability!) { setAvailability(availability: $availability) { id availability } }"): (typeof documents)["mutation ConsoleSetAvailability($availability: AgentAvailability!) { setAvailability(availability: $availability) { id availability } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AuthPayloadFields on AuthPayload {\n    accessToken\n    accessTokenExpiresAt\n    user { id name email role availability twoFactorEnabled tenant { id name timezone } }\n  }\n"): (typeof documents)["\n  fragment AuthPayloadFields on AuthPayload {\n    accessToken\n    accessTokenExpiresAt\n    user { id name email role availability twoFactorEnabled tenant { id name timezone } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleLogIn($input: LogInInput!) { logIn(input: $input) { ...AuthPayloadFields } }"): (typeof documents)["mutation ConsoleLogIn($input: LogInInput!) { logIn(input: $input) { ...AuthPayloadFields } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleSignUp($input: SignUpInput!) { signUp(input: $input) { ...AuthPayloadFields } }"): (typeof documents)["mutation ConsoleSignUp($input: SignUpInput!) { signUp(input: $input) { ...AuthPayloadFields } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleRefresh { refreshToken(refreshToken: \"\") { ...AuthPayloadFields } }"): (typeof documents)["mutation ConsoleRefresh { refreshToken(refreshToken: \"\") { ...AuthPayloadFields } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleLogOut { logOut(refreshToken: \"\") }"): (typeof documents)["mutation ConsoleLogOut { logOut(refreshToken: \"\") }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleSlaPolicies { slaPolicies { id priority firstResponseMinutes resolutionMinutes warnBeforeMinutes pauseWhileWaitingCustomer team { id name } } teams { id name } }"): (typeof documents)["query ConsoleSlaPolicies { slaPolicies { id priority firstResponseMinutes resolutionMinutes warnBeforeMinutes pauseWhileWaitingCustomer team { id name } } teams { id name } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleSetSla($input: SlaPolicyInput!) { setSlaPolicy(input: $input) { id } }"): (typeof documents)["mutation ConsoleSetSla($input: SlaPolicyInput!) { setSlaPolicy(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleRoutingRules { routingRules { id name order enabled priority team { id name } match { intents channels keywords } } teams { id name } }"): (typeof documents)["query ConsoleRoutingRules { routingRules { id name order enabled priority team { id name } match { intents channels keywords } } teams { id name } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleCreateRule($input: RoutingRuleInput!) { createRoutingRule(input: $input) { id } }"): (typeof documents)["mutation ConsoleCreateRule($input: RoutingRuleInput!) { createRoutingRule(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleDeleteRule($id: ID!) { deleteRoutingRule(id: $id) }"): (typeof documents)["mutation ConsoleDeleteRule($id: ID!) { deleteRoutingRule(id: $id) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleWebhooks { webhookSubscriptions { id url events enabled description consecutiveFailures disabledAt disabledReason createdAt } }"): (typeof documents)["query ConsoleWebhooks { webhookSubscriptions { id url events enabled description consecutiveFailures disabledAt disabledReason createdAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleCreateWebhook($input: WebhookSubscriptionInput!) { createWebhookSubscription(input: $input) { secret subscription { id } } }"): (typeof documents)["mutation ConsoleCreateWebhook($input: WebhookSubscriptionInput!) { createWebhookSubscription(input: $input) { secret subscription { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleWebhookDeliveries($id: ID!) { webhookDeliveries(subscriptionId: $id, first: 50) { edges { node { id eventType status responseStatus attempts lastError createdAt deliveredAt } } } }"): (typeof documents)["query ConsoleWebhookDeliveries($id: ID!) { webhookDeliveries(subscriptionId: $id, first: 50) { edges { node { id eventType status responseStatus attempts lastError createdAt deliveredAt } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleRedeliver($id: ID!) { redeliverWebhook(deliveryId: $id) { id status } }"): (typeof documents)["mutation ConsoleRedeliver($id: ID!) { redeliverWebhook(deliveryId: $id) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleAdminTeams { teams { id name description members { id name } } users { id name role deactivatedAt } }"): (typeof documents)["query ConsoleAdminTeams { teams { id name description members { id name } } users { id name role deactivatedAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleCreateTeam($input: TeamInput!) { createTeam(input: $input) { id name } }"): (typeof documents)["mutation ConsoleCreateTeam($input: TeamInput!) { createTeam(input: $input) { id name } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleDeleteTeam($id: ID!) { deleteTeam(id: $id) }"): (typeof documents)["mutation ConsoleDeleteTeam($id: ID!) { deleteTeam(id: $id) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleSetTeamMembers($teamId: ID!, $userIds: [ID!]!) { setTeamMembers(teamId: $teamId, userIds: $userIds) { id members { id name } } }"): (typeof documents)["mutation ConsoleSetTeamMembers($teamId: ID!, $userIds: [ID!]!) { setTeamMembers(teamId: $teamId, userIds: $userIds) { id members { id name } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleAdminCanned { cannedReplies { id shortcut title body personal } }"): (typeof documents)["query ConsoleAdminCanned { cannedReplies { id shortcut title body personal } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleCreateCanned($input: CannedReplyInput!) { createCannedReply(input: $input) { id } }"): (typeof documents)["mutation ConsoleCreateCanned($input: CannedReplyInput!) { createCannedReply(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleUpdateCanned($id: ID!, $input: CannedReplyInput!) { updateCannedReply(id: $id, input: $input) { id shortcut title body personal } }"): (typeof documents)["mutation ConsoleUpdateCanned($id: ID!, $input: CannedReplyInput!) { updateCannedReply(id: $id, input: $input) { id shortcut title body personal } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleDeleteCanned($id: ID!) { deleteCannedReply(id: $id) }"): (typeof documents)["mutation ConsoleDeleteCanned($id: ID!) { deleteCannedReply(id: $id) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleAdminLabels { labels { id name color } }"): (typeof documents)["query ConsoleAdminLabels { labels { id name color } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleCreateLabel($input: LabelInput!) { createLabel(input: $input) { id } }"): (typeof documents)["mutation ConsoleCreateLabel($input: LabelInput!) { createLabel(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleUpdateLabel($id: ID!, $input: LabelInput!) { updateLabel(id: $id, input: $input) { id name color } }"): (typeof documents)["mutation ConsoleUpdateLabel($id: ID!, $input: LabelInput!) { updateLabel(id: $id, input: $input) { id name color } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleDeleteLabel($id: ID!) { deleteLabel(id: $id) }"): (typeof documents)["mutation ConsoleDeleteLabel($id: ID!) { deleteLabel(id: $id) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleInboxes { inboxes { id name provider channel connectionState webhookUrl webhookPath disabledAt createdAt } }"): (typeof documents)["query ConsoleInboxes { inboxes { id name provider channel connectionState webhookUrl webhookPath disabledAt createdAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCreateInbox($input: CreateInboxInput!) {\n    createInbox(input: $input) { webhookSecret inbox { id name provider connectionState webhookUrl webhookPath } }\n  }\n"): (typeof documents)["\n  mutation ConsoleCreateInbox($input: CreateInboxInput!) {\n    createInbox(input: $input) { webhookSecret inbox { id name provider connectionState webhookUrl webhookPath } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription ConsoleInboxUpdated { inboxUpdated { id connectionState disabledAt } }"): (typeof documents)["subscription ConsoleInboxUpdated { inboxUpdated { id connectionState disabledAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleAudit($after: String) {\n    auditLogsConnection(first: 50, after: $after) {\n      edges { node { id event severity ip createdAt detail actor { id name } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleAudit($after: String) {\n    auditLogsConnection(first: 50, after: $after) {\n      edges { node { id event severity ip createdAt detail actor { id name } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleAccess($after: String) {\n    dataAccessLogsConnection(first: 50, after: $after) {\n      edges { node { id action resource justification ip createdAt clientId actor { id name } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleAccess($after: String) {\n    dataAccessLogsConnection(first: 50, after: $after) {\n      edges { node { id action resource justification ip createdAt clientId actor { id name } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleRequests { dataSubjectRequests { id type status reason dueAt createdAt client { id name } } }"): (typeof documents)["query ConsoleRequests { dataSubjectRequests { id type status reason dueAt createdAt client { id name } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleApprove($id: ID!, $totpCode: String) { approveDataSubjectRequest(id: $id, totpCode: $totpCode) { id status } }"): (typeof documents)["mutation ConsoleApprove($id: ID!, $totpCode: String) { approveDataSubjectRequest(id: $id, totpCode: $totpCode) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleReject($id: ID!, $reason: String!) { rejectDataSubjectRequest(id: $id, reason: $reason) { id status } }"): (typeof documents)["mutation ConsoleReject($id: ID!, $reason: String!) { rejectDataSubjectRequest(id: $id, reason: $reason) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleSettings {\n    tenantSettings {\n      timezone agentCapacity autoAssign handoffKeywords holidays outOfHoursMessage retentionDays deletionGraceDays\n      aiProvider aiModel aiSystemPrompt requireTwoFactorForAdmins requireAccessJustification\n      businessHours { weekday opens closes }\n      csatSurvey npsSurvey npsIntervalDays ticketCategories\n    }\n  }\n"): (typeof documents)["\n  query ConsoleSettings {\n    tenantSettings {\n      timezone agentCapacity autoAssign handoffKeywords holidays outOfHoursMessage retentionDays deletionGraceDays\n      aiProvider aiModel aiSystemPrompt requireTwoFactorForAdmins requireAccessJustification\n      businessHours { weekday opens closes }\n      csatSurvey npsSurvey npsIntervalDays ticketCategories\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleSaveSettings($input: UpdateTenantSettingsInput!) { updateTenantSettings(input: $input) { timezone } }"): (typeof documents)["mutation ConsoleSaveSettings($input: UpdateTenantSettingsInput!) { updateTenantSettings(input: $input) { timezone } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleUsers { users { id name email role availability twoFactorEnabled deactivatedAt createdAt } }"): (typeof documents)["query ConsoleUsers { users { id name email role availability twoFactorEnabled deactivatedAt createdAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleCreateUser($input: CreateUserInput!) { createUser(input: $input) { id } }"): (typeof documents)["mutation ConsoleCreateUser($input: CreateUserInput!) { createUser(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleChangeRole($id: ID!, $role: Role!, $totpCode: String) { changeUserRole(id: $id, role: $role, totpCode: $totpCode) { id role } }"): (typeof documents)["mutation ConsoleChangeRole($id: ID!, $role: Role!, $totpCode: String) { changeUserRole(id: $id, role: $role, totpCode: $totpCode) { id role } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleDeactivate($id: ID!, $totpCode: String) { deactivateUser(id: $id, totpCode: $totpCode) { id deactivatedAt } }"): (typeof documents)["mutation ConsoleDeactivate($id: ID!, $totpCode: String) { deactivateUser(id: $id, totpCode: $totpCode) { id deactivatedAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleApiKeys { apiKeys { id name role createdAt lastUsedAt } }"): (typeof documents)["query ConsoleApiKeys { apiKeys { id name role createdAt lastUsedAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleCreateKey($name: String!, $role: Role!, $totpCode: String) { createApiKey(name: $name, role: $role, totpCode: $totpCode) { token apiKey { id name } } }"): (typeof documents)["mutation ConsoleCreateKey($name: String!, $role: Role!, $totpCode: String) { createApiKey(name: $name, role: $role, totpCode: $totpCode) { token apiKey { id name } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleRevokeKey($id: ID!) { revokeApiKey(id: $id) }"): (typeof documents)["mutation ConsoleRevokeKey($id: ID!) { revokeApiKey(id: $id) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleMyLoad($agentId: ID!) { handoffs(first: 50, filter: { agentId: $agentId, status: ASSIGNED }) { edges { node { id } } } }"): (typeof documents)["query ConsoleMyLoad($agentId: ID!) { handoffs(first: 50, filter: { agentId: $agentId, status: ASSIGNED }) { edges { node { id } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleCapacity { tenantSettings { agentCapacity } }"): (typeof documents)["query ConsoleCapacity { tenantSettings { agentCapacity } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleClientPanel($id: ID!) {\n    client(id: $id) {\n      id name phone email preferredChannel createdAt\n      tickets(first: 10) { edges { node { id subject status createdAt documents { id filename ocrStatus } } } }\n    }\n    consentHistory(clientId: $id) { id purpose granted createdAt revokedAt source }\n  }\n"): (typeof documents)["\n  query ConsoleClientPanel($id: ID!) {\n    client(id: $id) {\n      id name phone email preferredChannel createdAt\n      tickets(first: 10) { edges { node { id subject status createdAt documents { id filename ocrStatus } } } }\n    }\n    consentHistory(clientId: $id) { id purpose granted createdAt revokedAt source }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleClientDocument($id: ID!) { client(id: $id) { id document documentType } }"): (typeof documents)["query ConsoleClientDocument($id: ID!) { client(id: $id) { id document documentType } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleExportClient($id: ID!, $justification: String) { exportClientData(clientId: $id, justification: $justification) }"): (typeof documents)["query ConsoleExportClient($id: ID!, $justification: String) { exportClientData(clientId: $id, justification: $justification) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleRequestDsr($input: DataSubjectRequestInput!) { requestDataSubjectAction(input: $input) { id type status dueAt } }"): (typeof documents)["mutation ConsoleRequestDsr($input: DataSubjectRequestInput!) { requestDataSubjectAction(input: $input) { id type status dueAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleCannedReplies($search: String) { cannedReplies(search: $search) { id shortcut title body personal } }"): (typeof documents)["query ConsoleCannedReplies($search: String) { cannedReplies(search: $search) { id shortcut title body personal } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleTeams { teams { id name } }"): (typeof documents)["query ConsoleTeams { teams { id name } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleTransferAgents { users { id name role } }"): (typeof documents)["query ConsoleTransferAgents { users { id name role } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleTransfer($input: TransferHandoffInput!) { transferHandoff(input: $input) { id status team { id name } agent { id name } } }"): (typeof documents)["mutation ConsoleTransfer($input: TransferHandoffInput!) { transferHandoff(input: $input) { id status team { id name } agent { id name } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleLabels { labels { id name color } }"): (typeof documents)["query ConsoleLabels { labels { id name color } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleAddLabels($input: LabelTargetInput!) { addLabels(input: $input) { id name color } }"): (typeof documents)["mutation ConsoleAddLabels($input: LabelTargetInput!) { addLabels(input: $input) { id name color } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleRemoveLabels($input: LabelTargetInput!) { removeLabels(input: $input) { id name color } }"): (typeof documents)["mutation ConsoleRemoveLabels($input: LabelTargetInput!) { removeLabels(input: $input) { id name color } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleFollowUps($sessionId: ID!) { followUps(sessionId: $sessionId) { id text status dueAt sentAt cancelledAt afterSilenceMinutes } }"): (typeof documents)["query ConsoleFollowUps($sessionId: ID!) { followUps(sessionId: $sessionId) { id text status dueAt sentAt cancelledAt afterSilenceMinutes } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleScheduleFollowUp($input: FollowUpInput!) { scheduleFollowUp(input: $input) { id status } }"): (typeof documents)["mutation ConsoleScheduleFollowUp($input: FollowUpInput!) { scheduleFollowUp(input: $input) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleCancelFollowUp($id: ID!) { cancelFollowUp(id: $id) { id status } }"): (typeof documents)["mutation ConsoleCancelFollowUp($id: ID!) { cancelFollowUp(id: $id) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleConversation($id: ID!) {\n    session(id: $id) {\n      id channel status startedAt endedAt costBrl tokensInput tokensOutput aiModel aiProvider\n      client { id }\n      labels { id name color }\n      handoff {\n        id status reason priority createdAt agent { id name } notes { id text createdAt author { id name } }\n        team { id name } firstResponseDueAt firstResponseAt firstResponseBreachedAt resolutionDueAt resolutionBreachedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleConversation($id: ID!) {\n    session(id: $id) {\n      id channel status startedAt endedAt costBrl tokensInput tokensOutput aiModel aiProvider\n      client { id }\n      labels { id name color }\n      handoff {\n        id status reason priority createdAt agent { id name } notes { id text createdAt author { id name } }\n        team { id name } firstResponseDueAt firstResponseAt firstResponseBreachedAt resolutionDueAt resolutionBreachedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleMessagesPage($id: ID!, $after: String) {\n    session(id: $id) { id messages(first: 30, after: $after, newestFirst: true) { edges { node { ...ConsoleMessage } } pageInfo { hasNextPage endCursor } } }\n  }\n"): (typeof documents)["\n  query ConsoleMessagesPage($id: ID!, $after: String) {\n    session(id: $id) { id messages(first: 30, after: $after, newestFirst: true) { edges { node { ...ConsoleMessage } } pageInfo { hasNextPage endCursor } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription ConsoleMessageAdded($sessionId: ID) { messageAdded(sessionId: $sessionId) { ...ConsoleMessage } }"): (typeof documents)["subscription ConsoleMessageAdded($sessionId: ID) { messageAdded(sessionId: $sessionId) { ...ConsoleMessage } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription ConsoleMessageUpdated($sessionId: ID) { messageUpdated(sessionId: $sessionId) { ...ConsoleMessage } }"): (typeof documents)["subscription ConsoleMessageUpdated($sessionId: ID) { messageUpdated(sessionId: $sessionId) { ...ConsoleMessage } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleSend($input: AgentMessageInput!) { sendAgentMessage(input: $input) { ...ConsoleMessage } }"): (typeof documents)["mutation ConsoleSend($input: AgentMessageInput!) { sendAgentMessage(input: $input) { ...ConsoleMessage } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleNote($handoffId: ID!, $text: String!) { addHandoffNote(handoffId: $handoffId, text: $text) { id text createdAt author { id name } } }"): (typeof documents)["mutation ConsoleNote($handoffId: ID!, $text: String!) { addHandoffNote(handoffId: $handoffId, text: $text) { id text createdAt author { id name } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleComplete($input: CompleteHandoffInput!) { completeHandoff(input: $input) { id status resolution } }"): (typeof documents)["mutation ConsoleComplete($input: CompleteHandoffInput!) { completeHandoff(input: $input) { id status resolution } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleMarkRead($sessionId: ID!) { markSessionRead(sessionId: $sessionId) { id } }"): (typeof documents)["mutation ConsoleMarkRead($sessionId: ID!) { markSessionRead(sessionId: $sessionId) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleMyConversations {\n    sessions(first: 50, filter: { assignedToMe: true }) {\n      edges { node { id channel lastMessageAt client { id name } handoff { id status reason } } }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleMyConversations {\n    sessions(first: 50, filter: { assignedToMe: true }) {\n      edges { node { id channel lastMessageAt client { id name } handoff { id status reason } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ConsoleSlaUpdated {\n    slaUpdated { kind target dueAt handoff { id reason team { id name } session { id client { id name } } } ticket { id subject message } }\n  }\n"): (typeof documents)["\n  subscription ConsoleSlaUpdated {\n    slaUpdated { kind target dueAt handoff { id reason team { id name } session { id client { id name } } } ticket { id subject message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleSurveys($filter: SurveyFilter) {\n    surveyResponses(filter: $filter, first: 200) { totalCount edges { node { id kind score status answeredAt } } }\n  }\n"): (typeof documents)["\n  query ConsoleSurveys($filter: SurveyFilter) {\n    surveyResponses(filter: $filter, first: 200) { totalCount edges { node { id kind score status answeredAt } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleTeam {\n    users { id name role availability deactivatedAt }\n    handoffs(first: 100, filter: { status: ASSIGNED }) { edges { node { id agent { id } } } }\n    tenantSettings { agentCapacity }\n  }\n"): (typeof documents)["\n  query ConsoleTeam {\n    users { id name role availability deactivatedAt }\n    handoffs(first: 100, filter: { status: ASSIGNED }) { edges { node { id agent { id } } } }\n    tenantSettings { agentCapacity }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleDashboard($period: PeriodInput!) {\n    dashboard(period: $period) {\n      totalSessions totalMessages aiResolutionRate handoffRate avgFirstResponseSeconds avgQueueWaitSeconds avgSessionMinutes csatAverage nps totalCostBrl\n    }\n  }\n"): (typeof documents)["\n  query ConsoleDashboard($period: PeriodInput!) {\n    dashboard(period: $period) {\n      totalSessions totalMessages aiResolutionRate handoffRate avgFirstResponseSeconds avgQueueWaitSeconds avgSessionMinutes csatAverage nps totalCostBrl\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleAssign($id: ID!, $agentId: ID!) { assignHandoff(id: $id, agentId: $agentId) { id status agent { id name } } }"): (typeof documents)["mutation ConsoleAssign($id: ID!, $agentId: ID!) { assignHandoff(id: $id, agentId: $agentId) { id status agent { id name } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConsoleMessage on Message {\n    id\n    direction\n    sender\n    type\n    text\n    extractedText\n    createdAt\n    deliveryStatus\n    deliveryError\n    author { id name }\n    attachments { id url mimeType fileName voice }\n    document { id filename ocrStatus fields kind }\n  }\n"): (typeof documents)["\n  fragment ConsoleMessage on Message {\n    id\n    direction\n    sender\n    type\n    text\n    extractedText\n    createdAt\n    deliveryStatus\n    deliveryError\n    author { id name }\n    attachments { id url mimeType fileName voice }\n    document { id filename ocrStatus fields kind }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleQueueTeams { teams { id name } }"): (typeof documents)["query ConsoleQueueTeams { teams { id name } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment QueueItem on Handoff {\n    id\n    priority\n    reason\n    status\n    createdAt\n    waitingSeconds\n    team { id name }\n    firstResponseDueAt\n    firstResponseBreachedAt\n    session { id channel client { id name phone } }\n  }\n"): (typeof documents)["\n  fragment QueueItem on Handoff {\n    id\n    priority\n    reason\n    status\n    createdAt\n    waitingSeconds\n    team { id name }\n    firstResponseDueAt\n    firstResponseBreachedAt\n    session { id channel client { id name phone } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleQueue { handoffQueue { ...QueueItem } }"): (typeof documents)["query ConsoleQueue { handoffQueue { ...QueueItem } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription ConsoleQueueUpdated { queueUpdated { kind queueLength handoff { ...QueueItem } } }"): (typeof documents)["subscription ConsoleQueueUpdated { queueUpdated { kind queueLength handoff { ...QueueItem } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleClaim($id: ID!) { claimHandoff(id: $id) { id session { id } } }"): (typeof documents)["mutation ConsoleClaim($id: ID!) { claimHandoff(id: $id) { id session { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleAgentPerformance($input: AnalyticsInput!) {\n    agentPerformance(input: $input) {\n      agentId name conversations completed transfers messagesSent firstResponseP50Seconds handleTimeAvgSeconds waitP50Seconds csatAverage csatResponses slaBreaches onlineSeconds\n    }\n  }\n"): (typeof documents)["\n  query ConsoleAgentPerformance($input: AnalyticsInput!) {\n    agentPerformance(input: $input) {\n      agentId name conversations completed transfers messagesSent firstResponseP50Seconds handleTimeAvgSeconds waitP50Seconds csatAverage csatResponses slaBreaches onlineSeconds\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleAiCosts($input: AnalyticsInput!) {\n    aiCosts(input: $input) {\n      totalCostBrl monthToDate projectedMonth perConversation perResolvedConversation tokensInput tokensOutput\n      byProvider { provider calls costBrl tokensInput tokensOutput }\n      byModel { provider model calls costBrl tokensInput tokensOutput }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleAiCosts($input: AnalyticsInput!) {\n    aiCosts(input: $input) {\n      totalCostBrl monthToDate projectedMonth perConversation perResolvedConversation tokensInput tokensOutput\n      byProvider { provider calls costBrl tokensInput tokensOutput }\n      byModel { provider model calls costBrl tokensInput tokensOutput }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleCompliance($input: AnalyticsInput!) {\n    complianceReport(input: $input) {\n      overdueRequests\n      openRequests { id type status dueAt daysToDeadline overdue }\n      consentsByPurpose { purpose granted revoked }\n      requestsByTypeAndStatus { key secondary count }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleCompliance($input: AnalyticsInput!) {\n    complianceReport(input: $input) {\n      overdueRequests\n      openRequests { id type status dueAt daysToDeadline overdue }\n      consentsByPurpose { purpose granted revoked }\n      requestsByTypeAndStatus { key secondary count }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleExports {\n    exports(first: 20) { edges { node { id kind format status from to rows personalData url urlExpiresAt error createdAt completedAt } } }\n  }\n"): (typeof documents)["\n  query ConsoleExports {\n    exports(first: 20) { edges { node { id kind format status from to rows personalData url urlExpiresAt error createdAt completedAt } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleStartExport($input: ExportInput!) { startExport(input: $input) { id kind format status from to rows personalData url urlExpiresAt error createdAt completedAt } }\n"): (typeof documents)["\n  mutation ConsoleStartExport($input: ExportInput!) { startExport(input: $input) { id kind format status from to rows personalData url urlExpiresAt error createdAt completedAt } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleScheduledReport { scheduledReport { id frequency weekday time email whatsappTo inboxId enabled lastSentAt lastError } inboxes { id name channel } }"): (typeof documents)["query ConsoleScheduledReport { scheduledReport { id frequency weekday time email whatsappTo inboxId enabled lastSentAt lastError } inboxes { id name channel } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleSetScheduledReport($input: ScheduledReportInput!) { setScheduledReport(input: $input) { id frequency weekday time email whatsappTo inboxId enabled lastSentAt lastError } }\n"): (typeof documents)["\n  mutation ConsoleSetScheduledReport($input: ScheduledReportInput!) { setScheduledReport(input: $input) { id frequency weekday time email whatsappTo inboxId enabled lastSentAt lastError } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleAnalytics($input: AnalyticsInput!) {\n    analytics(input: $input) {\n      timezone granularity\n      series { bucketLabel group { dimension key name } measures { conversations messagesIn messagesOut tickets autoResolved handedOff botResolutionRate handoffRate waitP50Seconds waitP90Seconds firstResponseP50Seconds resolutionP50Seconds slaCompliance csatAverage csatResponses nps aiCostBrl aiTokensInput aiTokensOutput } }\n      groups { group { dimension key name } measures { conversations messagesIn messagesOut tickets autoResolved handedOff botResolutionRate handoffRate waitP50Seconds waitP90Seconds firstResponseP50Seconds resolutionP50Seconds slaCompliance csatAverage csatResponses nps aiCostBrl aiTokensInput aiTokensOutput } }\n      totals { conversations messagesIn messagesOut tickets autoResolved handedOff botResolutionRate handoffRate waitP50Seconds waitP90Seconds firstResponseP50Seconds resolutionP50Seconds slaCompliance csatAverage csatResponses nps aiCostBrl aiTokensInput aiTokensOutput }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleAnalytics($input: AnalyticsInput!) {\n    analytics(input: $input) {\n      timezone granularity\n      series { bucketLabel group { dimension key name } measures { conversations messagesIn messagesOut tickets autoResolved handedOff botResolutionRate handoffRate waitP50Seconds waitP90Seconds firstResponseP50Seconds resolutionP50Seconds slaCompliance csatAverage csatResponses nps aiCostBrl aiTokensInput aiTokensOutput } }\n      groups { group { dimension key name } measures { conversations messagesIn messagesOut tickets autoResolved handedOff botResolutionRate handoffRate waitP50Seconds waitP90Seconds firstResponseP50Seconds resolutionP50Seconds slaCompliance csatAverage csatResponses nps aiCostBrl aiTokensInput aiTokensOutput } }\n      totals { conversations messagesIn messagesOut tickets autoResolved handedOff botResolutionRate handoffRate waitP50Seconds waitP90Seconds firstResponseP50Seconds resolutionP50Seconds slaCompliance csatAverage csatResponses nps aiCostBrl aiTokensInput aiTokensOutput }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleTicketOptions { teams { id name } users { id name role deactivatedAt } labels { id name color } }"): (typeof documents)["query ConsoleTicketOptions { teams { id name } users { id name role deactivatedAt } labels { id name color } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleTicketCategories { tenantSettings { ticketCategories } }"): (typeof documents)["query ConsoleTicketCategories { tenantSettings { ticketCategories } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleAssignTicket($ticketId: ID!, $agentId: ID, $teamId: ID) { assignTicket(ticketId: $ticketId, agentId: $agentId, teamId: $teamId) { id assignee { id name } team { id name } } }"): (typeof documents)["mutation ConsoleAssignTicket($ticketId: ID!, $agentId: ID, $teamId: ID) { assignTicket(ticketId: $ticketId, agentId: $agentId, teamId: $teamId) { id assignee { id name } team { id name } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleUpdateTicket($id: ID!, $input: UpdateTicketInput!) { updateTicket(id: $id, input: $input) { id category dueAt labels { id name color } } }"): (typeof documents)["mutation ConsoleUpdateTicket($id: ID!, $input: UpdateTicketInput!) { updateTicket(id: $id, input: $input) { id category dueAt labels { id name color } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleTicket($id: ID!) {\n    ticket(id: $id) {\n      id subject message status priority channel createdAt updatedAt\n      client { id name }\n      assignee { id name }\n      team { id name } category dueAt labels { id name color }\n      triage { intent confidence priority needsHuman provider reasons }\n      comments { id text system createdAt author { id name } }\n      documents { id filename ocrStatus fields kind }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleTicket($id: ID!) {\n    ticket(id: $id) {\n      id subject message status priority channel createdAt updatedAt\n      client { id name }\n      assignee { id name }\n      team { id name } category dueAt labels { id name color }\n      triage { intent confidence priority needsHuman provider reasons }\n      comments { id text system createdAt author { id name } }\n      documents { id filename ocrStatus fields kind }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleTicketComment($ticketId: ID!, $text: String!) { addTicketComment(ticketId: $ticketId, text: $text) { id } }"): (typeof documents)["mutation ConsoleTicketComment($ticketId: ID!, $text: String!) { addTicketComment(ticketId: $ticketId, text: $text) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleTicketStatus($id: ID!, $status: TicketStatus!) { updateTicketStatus(id: $id, status: $status) { id status } }"): (typeof documents)["mutation ConsoleTicketStatus($id: ID!, $status: TicketStatus!) { updateTicketStatus(id: $id, status: $status) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleUpload($file: Upload!, $input: UploadDocumentInput!) { uploadDocument(file: $file, input: $input) { id filename ocrStatus fields kind } }"): (typeof documents)["mutation ConsoleUpload($file: Upload!, $input: UploadDocumentInput!) { uploadDocument(file: $file, input: $input) { id filename ocrStatus fields kind } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription ConsoleDocumentUpdated { documentUpdated { id filename ocrStatus fields kind } }"): (typeof documents)["subscription ConsoleDocumentUpdated { documentUpdated { id filename ocrStatus fields kind } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleTicketFilterOptions { teams { id name } labels { id name } }"): (typeof documents)["query ConsoleTicketFilterOptions { teams { id name } labels { id name } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleTickets($after: String, $filter: TicketFilter) {\n    tickets(first: 25, after: $after, filter: $filter) {\n      totalCount\n      edges { node { id subject message status priority channel createdAt client { id name } assignee { id name } team { id name } category dueAt labels { id name color } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleTickets($after: String, $filter: TicketFilter) {\n    tickets(first: 25, after: $after, filter: $filter) {\n      totalCount\n      edges { node { id subject message status priority channel createdAt client { id name } assignee { id name } team { id name } category dueAt labels { id name color } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;