import type { AuthChecker } from "type-graphql";
import type { RequestContext } from "../context";
import { Errors } from "./errors";
import type { Role } from "./enums";

/** `@Authorized()` needs any caller; `@Authorized([Role.ADMIN])` needs one of the roles. */
export const authChecker: AuthChecker<RequestContext, Role> = ({ context }, roles) => {
  if (!context.principal) throw Errors.unauthenticated();
  // A web chat visitor may only use the visitor operations (which do not use @Authorized).
  if (context.principal.kind === "visitor") throw Errors.forbidden();
  if (roles.length && !roles.includes(context.principal.role)) throw Errors.forbidden();
  return true;
};
