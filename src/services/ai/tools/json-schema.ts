import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";

/**
 * JSON Schema of a tool's arguments: checked when the tool is saved (a well-formed object
 * schema the model can fill), and every call's arguments are validated against it before
 * the tenant's endpoint is called.
 */
const ajv = new Ajv({ allErrors: false, strict: false, validateFormats: false });

const MAX_SCHEMA_BYTES = 16 * 1024;

export class ToolSchemaError extends Error {}

export function compileToolSchema(schema: unknown): ValidateFunction {
  if (!schema || typeof schema !== "object" || Array.isArray(schema)) throw new ToolSchemaError("O esquema deve ser um objeto JSON Schema.");
  if (JSON.stringify(schema).length > MAX_SCHEMA_BYTES) throw new ToolSchemaError(`O esquema pode ter no máximo ${MAX_SCHEMA_BYTES / 1024} KB.`);
  if ((schema as { type?: unknown }).type !== "object") throw new ToolSchemaError('Os argumentos devem ser um objeto: use "type": "object" na raiz.');
  if (!ajv.validateSchema(schema)) throw new ToolSchemaError(`Esquema inválido: ${describe(ajv.errors)}`);
  try {
    return ajv.compile(schema);
  } catch (err) {
    throw new ToolSchemaError(`Esquema inválido: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export function describe(errors: ErrorObject[] | null | undefined): string {
  if (!errors?.length) return "inválido";
  return errors.slice(0, 3).map((e) => `${e.instancePath || "(raiz)"} ${e.message ?? "inválido"}`.trim()).join("; ");
}
