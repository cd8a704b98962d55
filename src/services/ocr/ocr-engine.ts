import os from "node:os";
import path from "node:path";
import { createScheduler, createWorker, OEM, PSM, type Scheduler, type Worker } from "tesseract.js";
import { detectFileType, isImageMime, type DocumentMime } from "../documents/file-type";
import { layoutText, type PositionedLine } from "./layout";
import { hasMeaningfulText, openPdf, pageTextLayer, renderPage } from "./pdf";
import { DEFAULT_MAX_INPUT_PIXELS, preprocessImage, type PreprocessOptions } from "./preprocess";

export interface OcrResult {
  /** Layout text: one line per visual row, columns separated by 2+ spaces. */
  text: string;
  /** Mean word confidence, 0..1 (1 for a PDF text layer). */
  confidence: number;
  ms: number;
}

export interface DocumentPageResult extends OcrResult {
  page: number;
  source: "ocr" | "pdf-text";
}

export interface DocumentOcrResult extends OcrResult {
  mime: DocumentMime;
  pages: DocumentPageResult[];
  /** Pages in the document (may exceed pages.length when capped). */
  totalPages: number;
}

export interface OcrEngineOptions {
  /** Pool size; defaults to the number of CPUs. */
  workers?: number;
  /** Directory holding por.traineddata.gz; defaults to the bundled @tesseract.js-data/por. */
  langPath?: string;
  preprocess?: PreprocessOptions;
  /** PDF pages beyond this are ignored. */
  maxPdfPages?: number;
  /** Raster width for scanned PDF pages. */
  pdfRenderWidth?: number;
  /** Extra tesseract parameters (e.g. tessedit_pageseg_mode), applied to every worker. */
  tesseractParams?: Record<string, string>;
}

export interface RecognizeOptions {
  /** Overrides the engine's preprocessing for this call (e.g. a second pass with other settings). */
  preprocess?: PreprocessOptions;
}

export class UnsupportedDocumentError extends Error {
  readonly code = "UNSUPPORTED_DOCUMENT";
  constructor(message = "unsupported document type") {
    super(message);
    this.name = "UnsupportedDocumentError";
  }
}

export function defaultLangPath(): string {
  return path.join(path.dirname(require.resolve("@tesseract.js-data/por/package.json")), "4.0.0_best_int");
}

interface TesseractWord {
  text: string;
  bbox: { x0: number; y0: number; x1: number; y1: number };
}
interface TesseractBlocks {
  paragraphs: { lines: { words: TesseractWord[] }[] }[];
}

/**
 * Pool of tesseract workers behind a scheduler. Workers are expensive to start (WASM + 12 MB
 * model each), so they are created once, lazily, and reused for every page.
 */
export class OcrEngine {
  readonly size: number;
  private readonly opts: Required<Omit<OcrEngineOptions, "preprocess">> & { preprocess: PreprocessOptions };
  private starting: Promise<Scheduler> | null = null;
  private workers: Worker[] = [];
  private terminated = false;

  constructor(options: OcrEngineOptions = {}) {
    this.size = Math.max(1, Math.floor(options.workers ?? os.cpus().length));
    this.opts = {
      workers: this.size,
      langPath: options.langPath ?? defaultLangPath(),
      preprocess: options.preprocess ?? {},
      maxPdfPages: options.maxPdfPages ?? 10,
      pdfRenderWidth: options.pdfRenderWidth ?? 2000,
      tesseractParams: options.tesseractParams ?? {},
    };
  }

  /** Whether the worker pool has been started (it starts on first use). */
  get started(): boolean {
    return this.starting !== null;
  }

  /** Starts the pool now instead of on the first page (e.g. at service boot). */
  async start(): Promise<void> {
    await this.scheduler();
  }

  private scheduler(): Promise<Scheduler> {
    if (this.terminated) return Promise.reject(new Error("OcrEngine has been terminated"));
    this.starting ??= this.spawn().catch((err: unknown) => {
      this.starting = null;
      throw err;
    });
    return this.starting;
  }

  private async spawn(): Promise<Scheduler> {
    const scheduler = createScheduler();
    const settled = await Promise.allSettled(Array.from({ length: this.size }, () => this.spawnWorker()));
    const ok = settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
    if (failed) {
      await Promise.allSettled(ok.map((w) => w.terminate()));
      throw new Error(`tesseract worker failed to start: ${String(failed.reason)}`);
    }
    for (const w of ok) scheduler.addWorker(w);
    this.workers = ok;
    return scheduler;
  }

  private async spawnWorker(): Promise<Worker> {
    // A local langPath is read from disk; cacheMethod "none" stops tesseract.js from writing a
    // decompressed copy into the working directory (and from ever looking anything up online).
    const worker = await createWorker("por", OEM.LSTM_ONLY, {
      langPath: this.opts.langPath,
      gzip: true,
      cacheMethod: "none",
      cachePath: os.tmpdir(),
      logger: () => undefined,
      // Without a handler tesseract.js rethrows a failed job from its message listener, i.e. as
      // an uncaught exception that kills the process; the job's promise rejects either way.
      errorHandler: () => undefined,
    });
    await worker.setParameters({
      // tesseract.js defaults to SINGLE_BLOCK, which reads a form as one block and drops rows of
      // tight table grids; AUTO segments blocks and layoutText() re-assembles the rows.
      tessedit_pageseg_mode: PSM.AUTO,
      // Rendered documents carry bogus DPI metadata (e.g. 25 dpi); 300 matches the upscaled text.
      user_defined_dpi: "300",
      preserve_interword_spaces: "0",
      // Keeps tesseract diagnostics ("Detected 215 diacritics", DPI notes) out of our stderr.
      debug_file: "/dev/null",
      ...this.opts.tesseractParams,
    });
    return worker;
  }

  async recognize(image: Buffer, options: RecognizeOptions = {}): Promise<OcrResult> {
    const started = performance.now();
    const pre = await preprocessImage(image, { ...this.opts.preprocess, ...options.preprocess });
    const scheduler = await this.scheduler();
    // Deskew inside tesseract (see PreprocessOptions.rotate); word boxes come back in the
    // straightened frame, which keeps layoutText's rows level.
    const rotateRadians = pre.rotated ? 0 : (-pre.skewDegrees * Math.PI) / 180;
    const { data } = await scheduler.addJob("recognize", pre.image, { rotateRadians }, { text: false, blocks: true });
    const blocks = (data.blocks ?? []) as unknown as TesseractBlocks[];
    const lines: PositionedLine[] = [];
    for (const b of blocks)
      for (const p of b.paragraphs)
        for (const l of p.lines) lines.push({ words: l.words.map((w) => ({ text: w.text, ...w.bbox })) });
    return {
      text: layoutText(lines),
      confidence: Math.max(0, Math.min(1, (data.confidence ?? 0) / 100)),
      ms: Math.round(performance.now() - started),
    };
  }

  /**
   * Images are OCRed; PDF pages use their text layer when it has real text and are rendered and
   * OCRed otherwise (scans). `mime` is re-checked against the magic bytes, never trusted.
   */
  async recognizeDocument(buf: Buffer, mime?: string, options: RecognizeOptions = {}): Promise<DocumentOcrResult> {
    const started = performance.now();
    const sniffed = detectFileType(buf);
    if (sniffed === null || (mime !== undefined && !sameFamily(mime, sniffed))) {
      throw new UnsupportedDocumentError(
        sniffed === null ? "content is not a supported image or PDF" : `declared ${mime} but content is ${sniffed}`,
      );
    }
    let pages: DocumentPageResult[];
    let totalPages = 1;
    if (isImageMime(sniffed)) {
      pages = [{ ...(await this.recognize(buf, options)), page: 1, source: "ocr" }];
    } else {
      const pdf = await openPdf(buf);
      try {
        totalPages = pdf.numPages;
        const count = Math.min(totalPages, this.opts.maxPdfPages);
        // As many pages in flight as workers: the pool stays busy while at most `size` page
        // rasters (~20 MB each) are held in memory at once.
        pages = await mapLimit(count, this.size, (i) => this.pdfPage(pdf, i + 1, options));
      } finally {
        await pdf.destroy();
      }
    }
    const confidence = pages.length ? pages.reduce((s, p) => s + p.confidence, 0) / pages.length : 0;
    return {
      mime: sniffed,
      text: pages.map((p) => p.text).join("\n\f\n"),
      confidence,
      ms: Math.round(performance.now() - started),
      pages,
      totalPages,
    };
  }

  private async pdfPage(
    pdf: Awaited<ReturnType<typeof openPdf>>,
    n: number,
    options: RecognizeOptions,
  ): Promise<DocumentPageResult> {
    const started = performance.now();
    const layer = await pageTextLayer(pdf, n);
    if (hasMeaningfulText(layer)) {
      return { page: n, source: "pdf-text", text: layer, confidence: 1, ms: Math.round(performance.now() - started) };
    }
    const maxPixels = this.opts.preprocess.maxInputPixels ?? DEFAULT_MAX_INPUT_PIXELS;
    const png = await renderPage(pdf, n, this.opts.pdfRenderWidth, maxPixels);
    const r = await this.recognize(png, options);
    return { ...r, page: n, source: "ocr", ms: Math.round(performance.now() - started) };
  }

  async terminate(): Promise<void> {
    this.terminated = true;
    const starting = this.starting;
    this.starting = null;
    if (!starting) return;
    try {
      const scheduler = await starting;
      await scheduler.terminate();
    } catch {
      await Promise.allSettled(this.workers.map((w) => w.terminate()));
    }
    this.workers = [];
  }
}

async function mapLimit<T>(count: number, limit: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out = new Array<T>(count);
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const i = next++;
      out[i] = await fn(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, lane));
  return out;
}

function sameFamily(declared: string, sniffed: DocumentMime): boolean {
  const d = declared.toLowerCase().split(";")[0].trim();
  if (d === "" || d === "application/octet-stream") return true;
  if (sniffed === "application/pdf") return d === "application/pdf";
  return d.startsWith("image/");
}
