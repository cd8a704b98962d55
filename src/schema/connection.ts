import { Field, Int, ObjectType, type ClassType } from "type-graphql";
import type { ObjectLiteral, SelectQueryBuilder } from "typeorm";
import { Errors } from "./errors";
import { isUuid } from "../infra/ids";

@ObjectType()
export class PageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

export interface Connection<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: PageInfo;
  totalCount: number;
}

/** `XxxConnection` and `XxxEdge` object types for a node type, as the contract names them. */
export function connectionTypes<T extends object>(name: string, node: ClassType<T>) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => String) cursor!: string;
    @Field(() => node) node!: T;
  }
  @ObjectType(`${name}Connection`)
  class ConnectionType implements Connection<T> {
    @Field(() => [Edge]) edges!: Edge[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
    @Field(() => Int) totalCount!: number;
  }
  return { Edge, Connection: ConnectionType };
}

export interface PageArgs { first?: number | null; after?: string | null }

export const DEFAULT_PAGE = 20;
export const MAX_PAGE = 100;

export function pageSize(first: number | null | undefined): number {
  if (first == null) return DEFAULT_PAGE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE) {
    throw Errors.badInput("first", `"first" deve estar entre 0 e ${MAX_PAGE}.`);
  }
  return first;
}

/** Opaque keyset cursor: the sort value and the id of the last row seen. */
export function encodeCursor(sortValue: Date | number | string, id: string): string {
  const v = sortValue instanceof Date ? sortValue.toISOString() : sortValue;
  return Buffer.from(JSON.stringify([v, id])).toString("base64url");
}

export function decodeCursor(cursor: string): [string | number, string] {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    const validValue = typeof parsed?.[0] === "number" || (typeof parsed?.[0] === "string" && !Number.isNaN(Date.parse(parsed[0])));
    if (Array.isArray(parsed) && parsed.length === 2 && validValue && isUuid(parsed[1])) {
      return parsed as [string | number, string];
    }
  } catch {
    // fall through
  }
  throw Errors.badInput("after", "Cursor inválido.");
}

export interface KeysetOptions<T> {
  /** SQL expression of the sort column, e.g. `t.created_at`. */
  sortColumn: string;
  /** SQL expression of the tie-breaker, e.g. `t.id`. */
  idColumn: string;
  /** Value of the sort column on an entity (for cursors). */
  sortValue: (row: T) => Date | number | string;
  direction?: "DESC" | "ASC";
}

/**
 * Relay page over a filtered query: ordered by (sort, id), `limit + 1` rows fetched
 * to know `hasNextPage`, a stable keyset cursor, and the filter's total count.
 */
export async function paginate<T extends ObjectLiteral & { id: string }>(
  qb: SelectQueryBuilder<T>,
  args: PageArgs,
  opts: KeysetOptions<T>,
): Promise<Connection<T>> {
  const limit = pageSize(args.first);
  const dir = opts.direction ?? "DESC";
  const totalCount = await qb.clone().getCount();
  const page = qb.clone();
  if (args.after) {
    const [value, id] = decodeCursor(args.after);
    const op = dir === "DESC" ? "<" : ">";
    page.andWhere(`(${opts.sortColumn}, ${opts.idColumn}) ${op} (:cursorValue, :cursorId)`, { cursorValue: value, cursorId: id });
  }
  page.orderBy(opts.sortColumn, dir).addOrderBy(opts.idColumn, dir).take(undefined).limit(limit + 1);
  const rows = limit === 0 ? [] : await page.getMany();
  const hasNextPage = rows.length > limit;
  const nodes = rows.slice(0, limit);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(opts.sortValue(node), node.id), node }));
  return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null }, totalCount };
}
