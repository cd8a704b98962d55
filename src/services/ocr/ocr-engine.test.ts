import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { imagePdf, textPdf, textPdfPages } from "../../../test/support/minimal-pdf";
import { normalizeName } from "../documents/extract/br-format";
import { readDocument } from "../documents/read-document";
import { OcrEngine, UnsupportedDocumentError } from "./ocr-engine";

// End-to-end: real tesseract workers on real fixtures. One engine for the whole file (workers
// cost ~1 s each to start); one worker, because the test runner already uses both cores.
const fixtures = path.resolve(process.cwd(), "../shared/fixtures/documents/dev");
const load = (id: string) => ({
  image: fs.readFileSync(path.join(fixtures, `${id}.png`)),
  truth: JSON.parse(fs.readFileSync(path.join(fixtures, `${id}.json`), "utf8")).fields as Record<string, string | number>,
});
const norm = (v: unknown) => (typeof v === "string" ? normalizeName(v) : v);

describe("OcrEngine (end to end)", { timeout: 120_000 }, () => {
  let engine: OcrEngine;
  beforeAll(() => {
    engine = new OcrEngine({ workers: 1 });
  });
  afterAll(async () => {
    await engine.terminate();
  });

  it("starts its workers lazily, on the first page", async () => {
    expect(engine.started).toBe(false);
    const { image } = load("cnpj_card-02");
    const r = await engine.recognize(image);
    expect(engine.started).toBe(true);
    expect(r.text).toMatch(/VIT[ÓO]RIA ASSUN[ÇC][ÃA]O DE SOUZA ME/);
    expect(r.confidence).toBeGreaterThan(0.8);
    expect(r.confidence).toBeLessThanOrEqual(1);
    expect(r.ms).toBeGreaterThan(0);
  });

  for (const [id, kind] of [
    ["payslip-04", "PAYSLIP"], // degraded: rotated 1.6°, grey background
    ["utility_bill-01", "UTILITY_BILL"],
    ["cnpj_card-03", "CNPJ_CARD"], // degraded: JPEG artefacts, speckles
  ] as const) {
    it(`extracts every field of ${id}`, async () => {
      const { image, truth } = load(id);
      const r = await readDocument(engine, image, kind, { mime: "image/png" });
      for (const [field, want] of Object.entries(truth)) expect(norm(r.extraction.fields[field]), field).toEqual(norm(want));
      expect(r.sensitive).toBe(false);
    });
  }

  it("uses the text layer of a digital PDF without OCR", async () => {
    const pdf = textPdf([
      { text: "DEMONSTRATIVO DE PAGAMENTO", x: 40, top: 40, size: 14 },
      { text: "Funcionário: JOÃO CARLOS DA SILVA", x: 40, top: 80 },
      { text: "CPF: 533.947.843-27", x: 330, top: 80 },
      { text: "Cargo: ANALISTA FINANCEIRO", x: 40, top: 100 },
      { text: "Competência: Março/2026", x: 330, top: 100 },
      { text: "Total de Vencimentos", x: 40, top: 140 },
      { text: "Total de Descontos", x: 220, top: 140 },
      { text: "Líquido a Receber", x: 400, top: 140 },
      { text: "3.612,40", x: 40, top: 156 },
      { text: "612,40", x: 220, top: 156 },
      { text: "3.000,00", x: 400, top: 156 },
    ]);
    const r = await readDocument(engine, pdf, "PAYSLIP", { mime: "application/pdf" });
    expect(r.ocr.pages).toMatchObject([{ page: 1, source: "pdf-text", confidence: 1 }]);
    expect(r.passes).toBe(1);
    expect(r.extraction.fields).toEqual({
      employeeName: "JOÃO CARLOS DA SILVA",
      cpf: "53394784327",
      position: "ANALISTA FINANCEIRO",
      competence: "2026-03",
      grossPay: 3612.4,
      totalDeductions: 612.4,
      netPay: 3000,
    });
  });

  it("caps the number of PDF pages read (text layers need no OCR worker)", async () => {
    const capped = new OcrEngine({ workers: 1, maxPdfPages: 2 });
    const page = (n: number) => [{ text: `Página ${n} - Cadastro Nacional da Pessoa Jurídica, comprovante de inscrição`, x: 40, top: 60 }];
    const r = await capped.recognizeDocument(textPdfPages([page(1), page(2), page(3)]));
    expect(r.totalPages).toBe(3);
    expect(r.pages.map((p) => p.page)).toEqual([1, 2]);
    expect(r.text).toMatch(/Página 1[\s\S]*Página 2/);
    expect(capped.started).toBe(false);
    await capped.terminate();
  });

  it("renders and OCRs a scanned PDF (JPEG image, no text layer)", async () => {
    const { image, truth } = load("payslip-05");
    const { data, info } = await sharp(image).greyscale().jpeg({ quality: 85 }).toBuffer({ resolveWithObject: true });
    const pdf = imagePdf(data, info.width, info.height);
    const r = await readDocument(engine, pdf, "PAYSLIP");
    expect(r.ocr.mime).toBe("application/pdf");
    expect(r.ocr.pages).toMatchObject([{ page: 1, source: "ocr" }]);
    for (const [field, want] of Object.entries(truth)) expect(norm(r.extraction.fields[field]), field).toEqual(norm(want));
  });

  it("refuses a renamed executable and a content/declared type mismatch", async () => {
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);
    await expect(engine.recognizeDocument(elf, "image/png")).rejects.toBeInstanceOf(UnsupportedDocumentError);
    const { image } = load("cnpj_card-02");
    await expect(engine.recognizeDocument(image, "application/pdf")).rejects.toBeInstanceOf(UnsupportedDocumentError);
  });

  it("rejects work after terminate()", async () => {
    const other = new OcrEngine({ workers: 1 });
    await other.terminate(); // never started: nothing to stop
    await expect(other.recognize(load("cnpj_card-02").image)).rejects.toThrow(/terminated/);
  });
});
