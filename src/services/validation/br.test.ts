import { describe, expect, it } from "vitest";
import {
  BRAZILIAN_DDDS,
  isValidCnpj,
  isValidCpf,
  isValidDdd,
  normalizeDocument,
  normalizeEmail,
  normalizePhone,
} from "./br";

describe("isValidCpf", () => {
  it.each(["529.982.247-25", "52998224725", "111.444.777-35", "000.000.001-91", " 529 982 247 25 "])("accepts %s", (cpf) => {
    expect(isValidCpf(cpf)).toBe(true);
  });

  it.each([
    "529.982.247-24", // wrong second digit
    "529.982.247-15", // wrong first digit
    "111.111.111-11", // all same digit passes the checksum but is invalid
    "000.000.000-00",
    "99999999999",
    "5299822472", // 10 digits
    "529982247250",
    "5299822472a",
    "",
  ])("rejects %s", (cpf) => {
    expect(isValidCpf(cpf)).toBe(false);
  });
});

describe("isValidCnpj", () => {
  it.each(["11.222.333/0001-81", "11222333000181", "04.530.395/0001-95", "12.ABC.345/01DE-35", "12abc34501de35"])(
    "accepts %s",
    (cnpj) => {
      expect(isValidCnpj(cnpj)).toBe(true);
    },
  );

  it.each([
    "11.222.333/0001-82",
    "11.222.333/0001-91",
    "00.000.000/0000-00",
    "11111111111111",
    "1122233300018",
    "12.ABC.345/01DE-3A", // check digits are always numeric
    "12.ABC.345/01DE-36",
    "52998224725",
  ])("rejects %s", (cnpj) => {
    expect(isValidCnpj(cnpj)).toBe(false);
  });
});

describe("normalizeDocument", () => {
  it("detects CPF and CNPJ, punctuated or not", () => {
    expect(normalizeDocument("529.982.247-25")).toEqual({ digits: "52998224725", type: "CPF" });
    expect(normalizeDocument("52998224725")).toEqual({ digits: "52998224725", type: "CPF" });
    expect(normalizeDocument("11.222.333/0001-81")).toEqual({ digits: "11222333000181", type: "CNPJ" });
    expect(normalizeDocument(" 11222333000181 ")).toEqual({ digits: "11222333000181", type: "CNPJ" });
    expect(normalizeDocument("12.abc.345/01de-35")).toEqual({ digits: "12ABC34501DE35", type: "CNPJ" });
  });

  it.each(["529.982.247-24", "111.111.111-11", "CPF 529.982.247-25", "529_982_247_25", "", "abc", "1234"])(
    "returns null for %s",
    (input) => {
      expect(normalizeDocument(input)).toBeNull();
    },
  );

  it("never classifies letters as a CPF", () => {
    expect(normalizeDocument("5299822472A")).toBeNull();
  });
});

describe("DDDs", () => {
  it("has the 67 Brazilian area codes", () => {
    expect(BRAZILIAN_DDDS.size).toBe(67);
    for (const ddd of ["11", "19", "21", "27", "48", "55", "61", "69", "71", "79", "81", "89", "91", "99"]) {
      expect(isValidDdd(ddd)).toBe(true);
    }
    for (const ddd of ["10", "20", "23", "25", "26", "29", "30", "36", "39", "40", "50", "52", "56", "57", "58", "59", "60", "70", "72", "76", "78", "80", "90", "00", "01"]) {
      expect(isValidDdd(ddd)).toBe(false);
    }
  });
});

describe("normalizePhone", () => {
  it.each([
    ["+55 (11) 98765-4321", "+5511987654321"],
    ["+5511987654321", "+5511987654321"],
    ["11987654321", "+5511987654321"],
    ["(11) 98765-4321", "+5511987654321"],
    ["11 9 8765 4321", "+5511987654321"],
    ["5511987654321", "+5511987654321"],
    ["011 98765-4321", "+5511987654321"],
    ["0 15 11 98765-4321", "+5511987654321"], // carrier selection code
    ["0055 11 98765-4321", "+5511987654321"],
    ["5511987654321@s.whatsapp.net", "+5511987654321"],
    ["5511987654321@c.us", "+5511987654321"],
    ["5511987654321:12@s.whatsapp.net", "+5511987654321"],
    // Mobiles written before the 9th digit gain it back.
    ["551187654321", "+5511987654321"],
    ["(11) 8765-4321", "+5511987654321"],
    ["+55 21 8776-6554", "+5521987766554"],
    ["552187766554@s.whatsapp.net", "+5521987766554"],
    ["(61) 7123-4567", "+5561971234567"],
    ["(71) 6123-4567", "+5571961234567"],
    // Landlines keep 8 digits.
    ["(11) 3004-5678", "+551130045678"],
    ["551130045678", "+551130045678"],
    ["+55 51 2345-6789", "+555123456789"],
    ["(48) 4002-8922", "+554840028922"],
    ["(21) 5555-1234", "+552155551234"],
    // DDD 55 (RS) must not be confused with the country code.
    ["55 99876-5432", "+5555998765432"],
    ["(55) 3222-1111", "+555532221111"],
    // Foreign numbers need an explicit "+" (or a JID).
    ["+1 (415) 555-0123", "+14155550123"],
    ["+351 912 345 678", "+351912345678"],
    ["+44 20 7946 0958", "+442079460958"],
    ["14155550123@s.whatsapp.net", "+14155550123"],
  ])("%s → %s", (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each([
    "",
    "   ",
    "abc",
    "telefone: 11987654321",
    "11 98765-432a",
    "(20) 98765-4321", // DDD 20 doesn't exist
    "(10) 98765-4321",
    "(11) 88765-4321", // 9 local digits must start with 9
    "(11) 1234-5678", // 0/1 prefixes are service numbers
    "(11) 0234-5678",
    "0800 123 4567",
    "4004-1234",
    "987654321", // no DDD
    "+55 11 98765-43", // too short for +55
    "+55 11 98765-432100",
    "+1234567", // 7 digits
    "+1234567890123456", // 16 digits
    "+0123456789",
    "178263540912345@lid",
    "120363041829374650@g.us",
    "status@broadcast",
    "++5511987654321",
    "5511987654321+",
  ])("returns null for %s", (input) => {
    expect(normalizePhone(input)).toBeNull();
  });

  it("reads bare 10-digit numbers as DDD + 8 digits", () => {
    // 98765432 is a mobile written without the 9th digit.
    expect(normalizePhone("1198765432")).toBe("+5511998765432");
    // Without "+", 415-555-0123 is DDD 41 (Curitiba) + landline 5555-0123.
    expect(normalizePhone("4155550123")).toBe("+554155550123");
  });

  it("rejects non-string input without throwing", () => {
    expect(normalizePhone(undefined as unknown as string)).toBeNull();
    expect(normalizePhone(11987654321 as unknown as string)).toBeNull();
  });
});

describe("normalizeEmail", () => {
  it.each([
    ["  Maria.Souza@Example.COM.BR ", "Maria.Souza@example.com.br"],
    ["maria+pedidos@gmail.com", "maria+pedidos@gmail.com"],
    ["contato@lojaexemplo.com.br", "contato@lojaexemplo.com.br"],
    ["user@sub.domain-x.co", "user@sub.domain-x.co"],
    ["joao@açaí.com.br", "joao@xn--aa-4iaz.com.br"],
    ["x@example.com.", "x@example.com"],
  ])("%s → %s", (input, expected) => {
    expect(normalizeEmail(input)).toBe(expected);
  });

  it.each([
    "",
    "maria",
    "maria@",
    "@example.com",
    "maria@@example.com",
    "maria@example",
    "maria@example.c",
    "maria@-example.com",
    "maria@example-.com",
    "maria@exa_mple.com",
    "maria souza@example.com",
    "maria..souza@example.com",
    ".maria@example.com",
    "maria.@example.com",
    "maria@example..com",
    "maria@example.123",
    `${"a".repeat(65)}@example.com`,
    `a@${"b".repeat(64)}.com`,
  ])("rejects %s", (input) => {
    expect(normalizeEmail(input)).toBeNull();
  });
});
