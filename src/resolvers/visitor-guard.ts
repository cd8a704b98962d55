import type { MiddlewareFn } from "type-graphql";
import type { RequestContext } from "../context";
import { Errors } from "../schema/errors";

/**
 * What a web chat visitor may read, field by field: their conversation and its
 * messages, nothing else reachable from them (the client record, notes, the
 * handoff, agents' accounts, the inbox, costs). Deny by default.
 */
const VISITOR_FIELDS = new Set([
  "Query.visitorSession", "Query.webChatSettings",
  "Mutation.startVisitorSession", "Mutation.sendVisitorMessage", "Mutation.sendVisitorTyping",
  "Subscription.visitorMessages", "Subscription.visitorTyping",
  "VisitorSession.token", "VisitorSession.session",
  "Session.id", "Session.status", "Session.channel", "Session.startedAt", "Session.createdAt", "Session.endedAt", "Session.lastMessageAt", "Session.messageCount", "Session.messages",
  "MessageConnection.edges", "MessageConnection.pageInfo", "MessageConnection.totalCount", "MessageEdge.node", "MessageEdge.cursor",
  "PageInfo.hasNextPage", "PageInfo.hasPreviousPage", "PageInfo.startCursor", "PageInfo.endCursor",
  "Message.id", "Message.direction", "Message.sender", "Message.type", "Message.text", "Message.createdAt", "Message.deliveryStatus",
  "TypingIndicator.sessionId", "TypingIndicator.sender", "TypingIndicator.typing", "TypingIndicator.at",
  ...["name", "color", "welcomeText", "privacyNoticeUrl", "privacyNoticeVersion", "privacyNoticeText", "maxTextLength", "maxAttachmentBytes"].map((f) => `WebChatSettings.${f}`),
]);

export const visitorFieldGuard: MiddlewareFn<RequestContext> = ({ context, info }, next) => {
  if (context.principal?.kind === "visitor" && !info.fieldName.startsWith("__") && !VISITOR_FIELDS.has(`${info.parentType.name}.${info.fieldName}`)) throw Errors.forbidden();
  return next();
};
