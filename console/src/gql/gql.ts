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
    "query ConsoleInboxes { inboxes { id name provider channel connectionState webhookUrl webhookPath disabledAt createdAt } }": typeof types.ConsoleInboxesDocument,
    "\n  mutation ConsoleCreateInbox($input: CreateInboxInput!) {\n    createInbox(input: $input) { webhookSecret inbox { id name provider connectionState webhookUrl webhookPath } }\n  }\n": typeof types.ConsoleCreateInboxDocument,
    "subscription ConsoleInboxUpdated { inboxUpdated { id connectionState disabledAt } }": typeof types.ConsoleInboxUpdatedDocument,
    "\n  query ConsoleAudit($after: String) {\n    auditLogsConnection(first: 50, after: $after) {\n      edges { node { id event severity ip createdAt detail actor { id name } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.ConsoleAuditDocument,
    "\n  query ConsoleAccess($after: String) {\n    dataAccessLogsConnection(first: 50, after: $after) {\n      edges { node { id action resource justification ip createdAt clientId actor { id name } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.ConsoleAccessDocument,
    "query ConsoleRequests { dataSubjectRequests { id type status reason dueAt createdAt client { id name } } }": typeof types.ConsoleRequestsDocument,
    "mutation ConsoleApprove($id: ID!, $totpCode: String) { approveDataSubjectRequest(id: $id, totpCode: $totpCode) { id status } }": typeof types.ConsoleApproveDocument,
    "mutation ConsoleReject($id: ID!, $reason: String!) { rejectDataSubjectRequest(id: $id, reason: $reason) { id status } }": typeof types.ConsoleRejectDocument,
    "\n  query ConsoleSettings {\n    tenantSettings {\n      timezone agentCapacity autoAssign handoffKeywords holidays outOfHoursMessage retentionDays deletionGraceDays\n      aiProvider aiModel aiSystemPrompt requireTwoFactorForAdmins requireAccessJustification\n      businessHours { weekday opens closes }\n    }\n  }\n": typeof types.ConsoleSettingsDocument,
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
    "\n  query ConsoleConversation($id: ID!) {\n    session(id: $id) {\n      id channel status startedAt endedAt costBrl tokensInput tokensOutput aiModel aiProvider\n      client { id }\n      handoff { id status reason priority createdAt agent { id name } notes { id text createdAt author { id name } } }\n    }\n  }\n": typeof types.ConsoleConversationDocument,
    "\n  query ConsoleMessagesPage($id: ID!, $after: String) {\n    session(id: $id) { id messages(first: 30, after: $after, newestFirst: true) { edges { node { ...ConsoleMessage } } pageInfo { hasNextPage endCursor } } }\n  }\n": typeof types.ConsoleMessagesPageDocument,
    "subscription ConsoleMessageAdded($sessionId: ID) { messageAdded(sessionId: $sessionId) { ...ConsoleMessage } }": typeof types.ConsoleMessageAddedDocument,
    "subscription ConsoleMessageUpdated($sessionId: ID) { messageUpdated(sessionId: $sessionId) { ...ConsoleMessage } }": typeof types.ConsoleMessageUpdatedDocument,
    "mutation ConsoleSend($input: AgentMessageInput!) { sendAgentMessage(input: $input) { ...ConsoleMessage } }": typeof types.ConsoleSendDocument,
    "mutation ConsoleNote($handoffId: ID!, $text: String!) { addHandoffNote(handoffId: $handoffId, text: $text) { id text createdAt author { id name } } }": typeof types.ConsoleNoteDocument,
    "mutation ConsoleComplete($input: CompleteHandoffInput!) { completeHandoff(input: $input) { id status resolution } }": typeof types.ConsoleCompleteDocument,
    "mutation ConsoleMarkRead($sessionId: ID!) { markSessionRead(sessionId: $sessionId) { id } }": typeof types.ConsoleMarkReadDocument,
    "\n  query ConsoleMyConversations {\n    sessions(first: 50, filter: { assignedToMe: true }) {\n      edges { node { id channel lastMessageAt client { id name } handoff { id status reason } } }\n    }\n  }\n": typeof types.ConsoleMyConversationsDocument,
    "\n  query ConsoleTeam {\n    users { id name role availability deactivatedAt }\n    handoffs(first: 100, filter: { status: ASSIGNED }) { edges { node { id agent { id } } } }\n    tenantSettings { agentCapacity }\n  }\n": typeof types.ConsoleTeamDocument,
    "\n  query ConsoleDashboard($period: PeriodInput!) {\n    dashboard(period: $period) {\n      totalSessions totalMessages aiResolutionRate handoffRate avgFirstResponseSeconds avgQueueWaitSeconds avgSessionMinutes csatAverage nps totalCostBrl\n    }\n  }\n": typeof types.ConsoleDashboardDocument,
    "mutation ConsoleAssign($id: ID!, $agentId: ID!) { assignHandoff(id: $id, agentId: $agentId) { id status agent { id name } } }": typeof types.ConsoleAssignDocument,
    "\n  fragment ConsoleMessage on Message {\n    id\n    direction\n    sender\n    type\n    text\n    extractedText\n    createdAt\n    deliveryStatus\n    deliveryError\n    author { id name }\n    attachments { id url mimeType fileName voice }\n    document { id filename ocrStatus fields kind }\n  }\n": typeof types.ConsoleMessageFragmentDoc,
    "\n  fragment QueueItem on Handoff {\n    id\n    priority\n    reason\n    status\n    createdAt\n    waitingSeconds\n    session { id channel client { id name phone } }\n  }\n": typeof types.QueueItemFragmentDoc,
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
    "\n  query ConsoleTicket($id: ID!) {\n    ticket(id: $id) {\n      id subject message status priority channel createdAt updatedAt\n      client { id name }\n      assignee { id name }\n      triage { intent confidence priority needsHuman provider reasons }\n      comments { id text system createdAt author { id name } }\n      documents { id filename ocrStatus fields kind }\n    }\n  }\n": typeof types.ConsoleTicketDocument,
    "mutation ConsoleTicketComment($ticketId: ID!, $text: String!) { addTicketComment(ticketId: $ticketId, text: $text) { id } }": typeof types.ConsoleTicketCommentDocument,
    "mutation ConsoleTicketStatus($id: ID!, $status: TicketStatus!) { updateTicketStatus(id: $id, status: $status) { id status } }": typeof types.ConsoleTicketStatusDocument,
    "mutation ConsoleUpload($file: Upload!, $input: UploadDocumentInput!) { uploadDocument(file: $file, input: $input) { id filename ocrStatus fields kind } }": typeof types.ConsoleUploadDocument,
    "subscription ConsoleDocumentUpdated { documentUpdated { id filename ocrStatus fields kind } }": typeof types.ConsoleDocumentUpdatedDocument,
    "\n  query ConsoleTickets($after: String, $filter: TicketFilter) {\n    tickets(first: 25, after: $after, filter: $filter) {\n      totalCount\n      edges { node { id subject message status priority channel createdAt client { id name } assignee { id name } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.ConsoleTicketsDocument,
};
const documents: Documents = {
    "mutation ConsoleSetAvailability($availability: AgentAvailability!) { setAvailability(availability: $availability) { id availability } }": types.ConsoleSetAvailabilityDocument,
    "\n  fragment AuthPayloadFields on AuthPayload {\n    accessToken\n    accessTokenExpiresAt\n    user { id name email role availability twoFactorEnabled tenant { id name timezone } }\n  }\n": types.AuthPayloadFieldsFragmentDoc,
    "mutation ConsoleLogIn($input: LogInInput!) { logIn(input: $input) { ...AuthPayloadFields } }": types.ConsoleLogInDocument,
    "mutation ConsoleSignUp($input: SignUpInput!) { signUp(input: $input) { ...AuthPayloadFields } }": types.ConsoleSignUpDocument,
    "mutation ConsoleRefresh { refreshToken(refreshToken: \"\") { ...AuthPayloadFields } }": types.ConsoleRefreshDocument,
    "mutation ConsoleLogOut { logOut(refreshToken: \"\") }": types.ConsoleLogOutDocument,
    "query ConsoleInboxes { inboxes { id name provider channel connectionState webhookUrl webhookPath disabledAt createdAt } }": types.ConsoleInboxesDocument,
    "\n  mutation ConsoleCreateInbox($input: CreateInboxInput!) {\n    createInbox(input: $input) { webhookSecret inbox { id name provider connectionState webhookUrl webhookPath } }\n  }\n": types.ConsoleCreateInboxDocument,
    "subscription ConsoleInboxUpdated { inboxUpdated { id connectionState disabledAt } }": types.ConsoleInboxUpdatedDocument,
    "\n  query ConsoleAudit($after: String) {\n    auditLogsConnection(first: 50, after: $after) {\n      edges { node { id event severity ip createdAt detail actor { id name } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.ConsoleAuditDocument,
    "\n  query ConsoleAccess($after: String) {\n    dataAccessLogsConnection(first: 50, after: $after) {\n      edges { node { id action resource justification ip createdAt clientId actor { id name } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.ConsoleAccessDocument,
    "query ConsoleRequests { dataSubjectRequests { id type status reason dueAt createdAt client { id name } } }": types.ConsoleRequestsDocument,
    "mutation ConsoleApprove($id: ID!, $totpCode: String) { approveDataSubjectRequest(id: $id, totpCode: $totpCode) { id status } }": types.ConsoleApproveDocument,
    "mutation ConsoleReject($id: ID!, $reason: String!) { rejectDataSubjectRequest(id: $id, reason: $reason) { id status } }": types.ConsoleRejectDocument,
    "\n  query ConsoleSettings {\n    tenantSettings {\n      timezone agentCapacity autoAssign handoffKeywords holidays outOfHoursMessage retentionDays deletionGraceDays\n      aiProvider aiModel aiSystemPrompt requireTwoFactorForAdmins requireAccessJustification\n      businessHours { weekday opens closes }\n    }\n  }\n": types.ConsoleSettingsDocument,
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
    "\n  query ConsoleConversation($id: ID!) {\n    session(id: $id) {\n      id channel status startedAt endedAt costBrl tokensInput tokensOutput aiModel aiProvider\n      client { id }\n      handoff { id status reason priority createdAt agent { id name } notes { id text createdAt author { id name } } }\n    }\n  }\n": types.ConsoleConversationDocument,
    "\n  query ConsoleMessagesPage($id: ID!, $after: String) {\n    session(id: $id) { id messages(first: 30, after: $after, newestFirst: true) { edges { node { ...ConsoleMessage } } pageInfo { hasNextPage endCursor } } }\n  }\n": types.ConsoleMessagesPageDocument,
    "subscription ConsoleMessageAdded($sessionId: ID) { messageAdded(sessionId: $sessionId) { ...ConsoleMessage } }": types.ConsoleMessageAddedDocument,
    "subscription ConsoleMessageUpdated($sessionId: ID) { messageUpdated(sessionId: $sessionId) { ...ConsoleMessage } }": types.ConsoleMessageUpdatedDocument,
    "mutation ConsoleSend($input: AgentMessageInput!) { sendAgentMessage(input: $input) { ...ConsoleMessage } }": types.ConsoleSendDocument,
    "mutation ConsoleNote($handoffId: ID!, $text: String!) { addHandoffNote(handoffId: $handoffId, text: $text) { id text createdAt author { id name } } }": types.ConsoleNoteDocument,
    "mutation ConsoleComplete($input: CompleteHandoffInput!) { completeHandoff(input: $input) { id status resolution } }": types.ConsoleCompleteDocument,
    "mutation ConsoleMarkRead($sessionId: ID!) { markSessionRead(sessionId: $sessionId) { id } }": types.ConsoleMarkReadDocument,
    "\n  query ConsoleMyConversations {\n    sessions(first: 50, filter: { assignedToMe: true }) {\n      edges { node { id channel lastMessageAt client { id name } handoff { id status reason } } }\n    }\n  }\n": types.ConsoleMyConversationsDocument,
    "\n  query ConsoleTeam {\n    users { id name role availability deactivatedAt }\n    handoffs(first: 100, filter: { status: ASSIGNED }) { edges { node { id agent { id } } } }\n    tenantSettings { agentCapacity }\n  }\n": types.ConsoleTeamDocument,
    "\n  query ConsoleDashboard($period: PeriodInput!) {\n    dashboard(period: $period) {\n      totalSessions totalMessages aiResolutionRate handoffRate avgFirstResponseSeconds avgQueueWaitSeconds avgSessionMinutes csatAverage nps totalCostBrl\n    }\n  }\n": types.ConsoleDashboardDocument,
    "mutation ConsoleAssign($id: ID!, $agentId: ID!) { assignHandoff(id: $id, agentId: $agentId) { id status agent { id name } } }": types.ConsoleAssignDocument,
    "\n  fragment ConsoleMessage on Message {\n    id\n    direction\n    sender\n    type\n    text\n    extractedText\n    createdAt\n    deliveryStatus\n    deliveryError\n    author { id name }\n    attachments { id url mimeType fileName voice }\n    document { id filename ocrStatus fields kind }\n  }\n": types.ConsoleMessageFragmentDoc,
    "\n  fragment QueueItem on Handoff {\n    id\n    priority\n    reason\n    status\n    createdAt\n    waitingSeconds\n    session { id channel client { id name phone } }\n  }\n": types.QueueItemFragmentDoc,
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
    "\n  query ConsoleTicket($id: ID!) {\n    ticket(id: $id) {\n      id subject message status priority channel createdAt updatedAt\n      client { id name }\n      assignee { id name }\n      triage { intent confidence priority needsHuman provider reasons }\n      comments { id text system createdAt author { id name } }\n      documents { id filename ocrStatus fields kind }\n    }\n  }\n": types.ConsoleTicketDocument,
    "mutation ConsoleTicketComment($ticketId: ID!, $text: String!) { addTicketComment(ticketId: $ticketId, text: $text) { id } }": types.ConsoleTicketCommentDocument,
    "mutation ConsoleTicketStatus($id: ID!, $status: TicketStatus!) { updateTicketStatus(id: $id, status: $status) { id status } }": types.ConsoleTicketStatusDocument,
    "mutation ConsoleUpload($file: Upload!, $input: UploadDocumentInput!) { uploadDocument(file: $file, input: $input) { id filename ocrStatus fields kind } }": types.ConsoleUploadDocument,
    "subscription ConsoleDocumentUpdated { documentUpdated { id filename ocrStatus fields kind } }": types.ConsoleDocumentUpdatedDocument,
    "\n  query ConsoleTickets($after: String, $filter: TicketFilter) {\n    tickets(first: 25, after: $after, filter: $filter) {\n      totalCount\n      edges { node { id subject message status priority channel createdAt client { id name } assignee { id name } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.ConsoleTicketsDocument,
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
export function graphql(source: "\n  query ConsoleSettings {\n    tenantSettings {\n      timezone agentCapacity autoAssign handoffKeywords holidays outOfHoursMessage retentionDays deletionGraceDays\n      aiProvider aiModel aiSystemPrompt requireTwoFactorForAdmins requireAccessJustification\n      businessHours { weekday opens closes }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleSettings {\n    tenantSettings {\n      timezone agentCapacity autoAssign handoffKeywords holidays outOfHoursMessage retentionDays deletionGraceDays\n      aiProvider aiModel aiSystemPrompt requireTwoFactorForAdmins requireAccessJustification\n      businessHours { weekday opens closes }\n    }\n  }\n"];
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
export function graphql(source: "\n  query ConsoleConversation($id: ID!) {\n    session(id: $id) {\n      id channel status startedAt endedAt costBrl tokensInput tokensOutput aiModel aiProvider\n      client { id }\n      handoff { id status reason priority createdAt agent { id name } notes { id text createdAt author { id name } } }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleConversation($id: ID!) {\n    session(id: $id) {\n      id channel status startedAt endedAt costBrl tokensInput tokensOutput aiModel aiProvider\n      client { id }\n      handoff { id status reason priority createdAt agent { id name } notes { id text createdAt author { id name } } }\n    }\n  }\n"];
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
export function graphql(source: "\n  fragment QueueItem on Handoff {\n    id\n    priority\n    reason\n    status\n    createdAt\n    waitingSeconds\n    session { id channel client { id name phone } }\n  }\n"): (typeof documents)["\n  fragment QueueItem on Handoff {\n    id\n    priority\n    reason\n    status\n    createdAt\n    waitingSeconds\n    session { id channel client { id name phone } }\n  }\n"];
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
export function graphql(source: "\n  query ConsoleTicket($id: ID!) {\n    ticket(id: $id) {\n      id subject message status priority channel createdAt updatedAt\n      client { id name }\n      assignee { id name }\n      triage { intent confidence priority needsHuman provider reasons }\n      comments { id text system createdAt author { id name } }\n      documents { id filename ocrStatus fields kind }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleTicket($id: ID!) {\n    ticket(id: $id) {\n      id subject message status priority channel createdAt updatedAt\n      client { id name }\n      assignee { id name }\n      triage { intent confidence priority needsHuman provider reasons }\n      comments { id text system createdAt author { id name } }\n      documents { id filename ocrStatus fields kind }\n    }\n  }\n"];
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
export function graphql(source: "\n  query ConsoleTickets($after: String, $filter: TicketFilter) {\n    tickets(first: 25, after: $after, filter: $filter) {\n      totalCount\n      edges { node { id subject message status priority channel createdAt client { id name } assignee { id name } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleTickets($after: String, $filter: TicketFilter) {\n    tickets(first: 25, after: $after, filter: $filter) {\n      totalCount\n      edges { node { id subject message status priority channel createdAt client { id name } assignee { id name } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;