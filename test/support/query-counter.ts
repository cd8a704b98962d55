import type { DataSource } from "typeorm";

/** Counts SQL statements the server runs while `fn` executes (the test process hosts the server). */
export async function countQueries<T>(ds: DataSource, fn: () => Promise<T>): Promise<{ result: T; count: number; queries: string[] }> {
  const queries: string[] = [];
  const logger = ds.logger as { logQuery: (q: string) => void };
  const original = logger.logQuery;
  logger.logQuery = (q: string) => {
    queries.push(q);
  };
  try {
    const result = await fn();
    return { result, count: queries.length, queries };
  } finally {
    logger.logQuery = original;
  }
}
