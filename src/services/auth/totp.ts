import { generateSecret, generateURI, verify } from "otplib";

const PERIOD = 30;

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, label: string): string {
  return generateURI({ issuer: "Atende", label, secret });
}

/**
 * Checks a code within ±1 step and strictly after the last accepted step, so a
 * code is accepted once. Returns the matched step, or null.
 */
export async function verifyTotp(secret: string, code: string, lastStep: number | null): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  try {
    const result = await verify({
      secret,
      token: code,
      epochTolerance: PERIOD,
      ...(lastStep != null ? { afterTimeStep: lastStep } : {}),
    });
    return result.valid ? (result as { timeStep: number }).timeStep : null;
  } catch {
    return null;
  }
}
