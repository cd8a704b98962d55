import {
  getNamedType, getNullableType, GraphQLError, isCompositeType, isListType, Kind,
  type DocumentNode, type FieldNode, type FragmentDefinitionNode, type GraphQLCompositeType, type GraphQLField, type GraphQLSchema,
  type OperationDefinitionNode, type SelectionSetNode, type ValueNode,
} from "graphql";
import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { DEFAULT_PAGE, MAX_PAGE } from "../schema/connection";
import { DomainError } from "../schema/errors";

/**
 * Query cost analysis, run once the operation is known and before any resolver
 * (an Apollo plugin for HTTP, `onSubscribe` for WebSocket).
 *
 * The cost of an operation is the number of fields it can resolve: each field
 * counts once for every time its parent resolves, and a list multiplies what is
 * below it by its size: `first` on paged fields (default 20, at most 100), the
 * configured unpaged size on other lists. Aliases are separate fields and fragments
 * are expanded, so `s0..s4: sessions(first: 100) { … client { t0..t4: sessions(first: 100) … } }`
 * costs 5×100×5×100×… and is refused.
 */
export interface CostLimits { maxCost: number; unpagedListSize: number }

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  limits: CostLimits;
}

export function estimateCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined, limits: CostLimits): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  return selectionCost({ schema, fragments, variables: variables ?? {}, limits }, root, operation.selectionSet, 1, new Set());
}

/** Throws QUERY_TOO_COSTLY (HTTP 400) when the operation costs more than the limit. */
export function assertAffordable(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined, limits: CostLimits): void {
  const cost = estimateCost(schema, document, operation, variables, limits);
  if (cost <= limits.maxCost) return;
  const shown = Number.isFinite(cost) ? Math.ceil(cost) : Number.MAX_SAFE_INTEGER;
  throw new DomainError(
    "QUERY_TOO_COSTLY",
    `Consulta cara demais: custo estimado ${shown}, máximo ${limits.maxCost}. Peça menos itens por página (first), menos aliases ou menos níveis.`,
    { cost: shown, maxCost: limits.maxCost, http: { status: 400, headers: new Map() } },
  );
}

function selectionCost(w: Walk, parent: GraphQLCompositeType, set: SelectionSetNode, multiplier: number, seen: Set<string>): number {
  let total = 0;
  for (const sel of set.selections) {
    // Already over any limit: stop walking (the number only has to be "too much").
    if (total > w.limits.maxCost) return total;
    if (sel.kind === Kind.FIELD) total += fieldCost(w, parent, sel, multiplier, seen);
    else if (sel.kind === Kind.INLINE_FRAGMENT) {
      const t = sel.typeCondition ? w.schema.getType(sel.typeCondition.name.value) : parent;
      if (t && isCompositeType(t)) total += selectionCost(w, t, sel.selectionSet, multiplier, seen);
    } else {
      const frag = w.fragments.get(sel.name.value);
      if (!frag || seen.has(frag.name.value)) continue;
      const t = w.schema.getType(frag.typeCondition.name.value);
      if (t && isCompositeType(t)) total += selectionCost(w, t, frag.selectionSet, multiplier, new Set([...seen, frag.name.value]));
    }
  }
  return total;
}

function fieldCost(w: Walk, parent: GraphQLCompositeType, node: FieldNode, multiplier: number, seen: Set<string>): number {
  const def = "getFields" in parent ? (parent.getFields() as Record<string, GraphQLField<unknown, unknown>>)[node.name.value] : undefined;
  if (!def || !node.selectionSet) return multiplier;
  const named = getNamedType(def.type);
  if (!isCompositeType(named)) return multiplier;
  return multiplier + selectionCost(w, named, node.selectionSet, multiplier * listSize(w, def, node, parent), seen);
}

/** How many items a field can return: `first` of paged fields, a fixed size for other lists, 1 otherwise. */
function listSize(w: Walk, def: GraphQLField<unknown, unknown>, node: FieldNode, parent: GraphQLCompositeType): number {
  if (def.args.some((a) => a.name === "first")) {
    const arg = node.arguments?.find((a) => a.name.value === "first");
    const n = arg ? intValue(arg.value, w.variables) : null;
    return Math.min(MAX_PAGE, Math.max(0, n ?? (arg ? MAX_PAGE : DEFAULT_PAGE)));
  }
  // A connection's edges are its page, already counted by `first` on the connection field.
  if (node.name.value === "edges" && parent.name.endsWith("Connection")) return 1;
  return isListType(getNullableType(def.type)) ? w.limits.unpagedListSize : 1;
}

function intValue(value: ValueNode, variables: Record<string, unknown>): number | null {
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const v = variables[value.name.value];
    if (v == null) return DEFAULT_PAGE;
    return typeof v === "number" && Number.isFinite(v) ? v : null;
  }
  return null;
}

/** Apollo plugin: the cost check for HTTP operations, after parsing and validation, before execution. */
export function queryCostPlugin<T extends BaseContext>(limits: CostLimits): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (operation) assertAffordable(schema, document, operation, request.variables, limits);
        },
      };
    },
  };
}

/**
 * Second line behind the cost check: a response that resolves more than `maxFields`
 * fields stops resolving and is answered with RESPONSE_TOO_LARGE (lists without
 * `first`, like the queue, can be longer than the estimate assumes).
 */
export function responseSizeGuard<T extends BaseContext>(maxFields: number): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      let resolved = 0;
      let exceeded = false;
      return {
        async executionDidStart() {
          return {
            willResolveField() {
              // Fail one field, once. graphql-js abandons the pending items of a list
              // when a later non-null item fails synchronously; failing every field past
              // the limit would make those abandoned branches reject with nobody
              // listening (unhandled rejections). The response is replaced below anyway.
              if (++resolved > maxFields && !exceeded) {
                exceeded = true;
                throw new GraphQLError("Resposta grande demais.", { extensions: { code: "RESPONSE_TOO_LARGE" } });
              }
            },
          };
        },
        async willSendResponse({ response }) {
          if (!exceeded || response.body.kind !== "single") return;
          response.body.singleResult = {
            data: null,
            errors: [{ message: `Resposta grande demais (mais de ${maxFields} campos). Peça menos itens por página ou menos campos.`, extensions: { code: "RESPONSE_TOO_LARGE", maxFields } }],
          };
        },
      };
    },
  };
}
