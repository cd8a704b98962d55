import { repairDigits } from "./br-format";

/**
 * Amount encoded in a bill's "linha digitável". Utility bills use the FEBRABAN arrecadação layout
 * (48 digits: four blocks of 11 + check digit, first digit 8); every block carries its own check
 * digit, so a decoded amount is an independent, self-validating reading of the total.
 */
export function amountFromDigitableLine(text: string): number | null {
  const found = new Set<number>();
  for (const v of arrecadacaoAmounts(text)) found.add(v);
  for (const v of boletoAmounts(text)) found.add(v);
  return found.size === 1 ? [...found][0] : null;
}

function mod10(digits: string): number {
  let sum = 0;
  let weight = 2;
  for (let i = digits.length - 1; i >= 0; i--) {
    let p = Number(digits[i]) * weight;
    if (p > 9) p = Math.floor(p / 10) + (p % 10);
    sum += p;
    weight = weight === 2 ? 1 : 2;
  }
  return (10 - (sum % 10)) % 10;
}

function mod11Arrecadacao(digits: string): number {
  let sum = 0;
  let weight = 2;
  for (let i = digits.length - 1; i >= 0; i--) {
    sum += Number(digits[i]) * weight;
    weight = weight === 9 ? 2 : weight + 1;
  }
  const r = sum % 11;
  return r === 0 || r === 1 ? 0 : 11 - r;
}

function arrecadacaoAmounts(text: string): number[] {
  const out: number[] = [];
  const re = /(?<!\d)(8\d{10})\s?[-–]?\s?(\d)\s+(\d{11})\s?[-–]?\s?(\d)\s+(\d{11})\s?[-–]?\s?(\d)\s+(\d{11})\s?[-–]?\s?(\d)(?!\d)/g;
  for (const m of repairDigits(text).matchAll(re)) {
    const blocks = [m[1], m[3], m[5], m[7]];
    const dvs = [m[2], m[4], m[6], m[8]].map(Number);
    const valueId = blocks[0][2];
    // 6/7: blocks use modulo 10; 8/9: modulo 11. 6 and 8 mean the field is the amount in reais.
    const check = valueId === "6" || valueId === "7" ? mod10 : valueId === "8" || valueId === "9" ? mod11Arrecadacao : null;
    if (!check || blocks.some((b, i) => check(b) !== dvs[i])) continue;
    const barcode = blocks.join("");
    const general = barcode.slice(0, 3) + barcode.slice(4);
    if (check(general) !== Number(barcode[3])) continue;
    if (valueId === "6" || valueId === "8") out.push(Number(barcode.slice(4, 15)) / 100);
  }
  return out;
}

// Bank boleto: AAABC.CCCCX DDDDD.DDDDDY EEEEE.EEEEEZ K UUUUVVVVVVVVVV (value = last 10 digits).
function boletoAmounts(text: string): number[] {
  const out: number[] = [];
  const re = /(?<!\d)(\d{5})\.?(\d{5})\s+(\d{5})\.?(\d{6})\s+(\d{5})\.?(\d{6})\s+(\d)\s+(\d{14})(?!\d)/g;
  for (const m of repairDigits(text).matchAll(re)) {
    const f1 = m[1] + m[2];
    const f2 = m[3] + m[4];
    const f3 = m[5] + m[6];
    const ok = [f1, f2, f3].every((f) => mod10(f.slice(0, -1)) === Number(f.slice(-1)));
    if (!ok) continue;
    const value = Number(m[8].slice(4)) / 100;
    if (value > 0) out.push(value);
  }
  return out;
}
