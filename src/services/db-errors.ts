import { QueryFailedError } from "typeorm";
import { Errors } from "../schema/errors";

/**
 * Turns a unique violation into CONFLICT naming the field, when the index is one we
 * know (the explicit checks before writes cover the usual case; this covers races).
 */
export function mapUniqueViolation(err: unknown, fields: Record<string, { field: string; message: string }>): never {
  const driverError = err instanceof QueryFailedError ? (err.driverError as { code?: string; constraint?: string }) : undefined;
  if (driverError?.code === "23505" && driverError.constraint && fields[driverError.constraint]) {
    const { field, message } = fields[driverError.constraint]!;
    throw Errors.conflict(message, field);
  }
  throw err;
}
