import { defaultFieldResolver, getNamedType, isLeafType, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from "graphql";
import type { NextFn, ResolverData } from "type-graphql";
import type { RequestContext } from "../context";
import { visibility } from "../services/visibility";
import { freshLoadersPerEvent } from "./middleware";
import { conversationVisibility, guardsContentField, twoFactorPolicy } from "./security.middleware";
import { visitorFieldGuard } from "./visitor-guard";

/**
 * The guards every field passes (visitor field list, fresh loaders per subscription
 * event, the tenant's 2FA policy, conversation visibility), applied to the built schema
 * instead of as type-graphql global middlewares.
 *
 * Same checks, same order among themselves; the difference is cost. type-graphql runs a
 * global middleware chain as nested async functions for every field of every object,
 * so a 50-row list of 10 fields paid thousands of promises for nothing (the tickets-list
 * profile: type-graphql's dispatchHandler and the middlewares ≈ 10% of CPU, plus the
 * garbage). Here the first three guards are synchronous, and the asynchronous visibility
 * filter runs only where it can change something: for a restricted caller (an agent),
 * on fields that may hold a message, note or document — a scalar or enum field never
 * does, unless it is one of the guarded content fields.
 */
export function applyFieldGuards(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve: GraphQLFieldResolver<unknown, RequestContext> = field.resolve ?? defaultFieldResolver;
      const mayHoldContent = !isLeafType(getNamedType(field.type)) || guardsContentField(`${type.name}.${field.name}`);
      field.resolve = (root, args, context, info) => {
        const data = { root, args, context, info } as ResolverData<RequestContext>;
        const run = (() => resolve(root, args, context, info)) as NextFn;
        const rest = (() => (mayHoldContent && visibility.restricts(context.principal) ? conversationVisibility(data, run) : run())) as NextFn;
        return visitorFieldGuard(data, (() => freshLoadersPerEvent(data as never, (() => twoFactorPolicy(data, rest)) as NextFn)) as NextFn);
      };
    }
  }
  return schema;
}
