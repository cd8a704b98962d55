import { describe, expect, it } from "vitest";
import { parseRating } from "./rating";

describe("parseRating", () => {
  it("reads numbers, 'nota', scales and comments", () => {
    expect(parseRating("4", "CSAT")).toEqual({ score: 4, comment: null });
    expect(parseRating("nota 5", "CSAT")).toEqual({ score: 5, comment: null });
    expect(parseRating("Nota: 3", "CSAT")).toEqual({ score: 3, comment: null });
    expect(parseRating("5, adorei", "CSAT")).toEqual({ score: 5, comment: "adorei" });
    expect(parseRating("2 - Demorou muito", "CSAT")).toEqual({ score: 2, comment: "Demorou muito" });
    expect(parseRating("4/5", "CSAT")).toEqual({ score: 4, comment: null });
    expect(parseRating("9 de 10", "NPS")).toEqual({ score: 9, comment: null });
    expect(parseRating("0", "NPS")).toEqual({ score: 0, comment: null });
    expect(parseRating("nota 10 atendimento ótimo", "NPS")).toEqual({ score: 10, comment: "atendimento ótimo" });
    expect(parseRating("cinco", "CSAT")).toEqual({ score: 5, comment: null });
  });
  it("reads stars and faces (CSAT)", () => {
    expect(parseRating("⭐⭐⭐⭐", "CSAT")).toEqual({ score: 4, comment: null });
    expect(parseRating("⭐⭐⭐⭐⭐ muito bom", "CSAT")).toBeNull();
    expect(parseRating("⭐⭐⭐⭐⭐, muito bom", "CSAT")).toEqual({ score: 5, comment: "muito bom" });
    expect(parseRating("😀", "CSAT")).toEqual({ score: 5, comment: null });
    expect(parseRating("😞", "CSAT")).toEqual({ score: 2, comment: null });
    expect(parseRating("👍", "CSAT")).toEqual({ score: 4, comment: null });
  });
  it("refuses what is not an answer", () => {
    expect(parseRating("2 boletos vencidos", "CSAT")).toBeNull();
    expect(parseRating("6", "CSAT")).toBeNull();
    expect(parseRating("0", "CSAT")).toBeNull();
    expect(parseRating("11", "NPS")).toBeNull();
    expect(parseRating("um problema com o pedido", "CSAT")).toBeNull();
    expect(parseRating("Quero falar do meu boleto", "CSAT")).toBeNull();
    expect(parseRating("", "CSAT")).toBeNull();
  });
});
