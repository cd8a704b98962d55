import { getDocumentProxy, renderPageAsImage } from "unpdf";
import { layoutText, type PositionedLine, type PositionedWord } from "./layout";

type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;

export class InvalidPdfError extends Error {
  readonly code = "INVALID_PDF";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "InvalidPdfError";
  }
}

// Fewer letters/digits than this and the page is treated as scanned (empty layer, or only a
// page number / producer stamp over an image).
const MIN_MEANINGFUL_CHARS = 40;

export function hasMeaningfulText(text: string): boolean {
  return (text.match(/[\p{L}\p{N}]/gu) ?? []).length >= MIN_MEANINGFUL_CHARS;
}

export async function openPdf(buf: Buffer): Promise<PdfDocument> {
  try {
    // pdf.js may keep a reference to (and detach) the array it is given: pass a private copy.
    return await getDocumentProxy(new Uint8Array(buf), { isEvalSupported: false, stopAtErrors: false });
  } catch (err) {
    throw new InvalidPdfError("PDF could not be parsed", { cause: err });
  }
}

interface TextItemLike {
  str?: string;
  transform?: number[];
  width?: number;
  height?: number;
  hasEOL?: boolean;
}

/** Text layer of one page as layout text (same geometry-preserving format as OCR output). */
export async function pageTextLayer(pdf: PdfDocument, pageNumber: number): Promise<string> {
  const page = await pdf.getPage(pageNumber);
  const content = await page.getTextContent();
  const lines: PositionedLine[] = [];
  let current: PositionedWord[] = [];
  for (const raw of content.items as TextItemLike[]) {
    if (typeof raw.str !== "string" || !raw.transform) continue;
    const [a, b, c, d, e, f] = raw.transform;
    const size = Math.hypot(c, d) || Math.hypot(a, b) || raw.height || 10;
    current.push(...splitItem(raw.str, e, f, raw.width ?? 0, size));
    if (raw.hasEOL) {
      if (current.length) lines.push({ words: current });
      current = [];
    }
  }
  if (current.length) lines.push({ words: current });
  page.cleanup();
  return layoutText(lines);
}

// PDF y grows upwards; layout wants y growing downwards, so the baseline is negated.
function splitItem(str: string, x: number, baseline: number, width: number, size: number): PositionedWord[] {
  const words: PositionedWord[] = [];
  const per = str.length > 0 && width > 0 ? width / str.length : size * 0.5;
  const re = /\S+/g;
  for (let m = re.exec(str); m !== null; m = re.exec(str)) {
    const x0 = x + m.index * per;
    words.push({ text: m[0], x0, x1: x0 + m[0].length * per, y0: -baseline - size * 0.8, y1: -baseline + size * 0.2 });
  }
  return words;
}

/**
 * Renders a page to PNG at a scale giving ~targetWidth px, refusing pages whose raster would
 * exceed maxPixels (a tiny PDF can declare a 200 000 pt wide page).
 */
export async function renderPage(
  pdf: PdfDocument,
  pageNumber: number,
  targetWidth: number,
  maxPixels: number,
): Promise<Buffer> {
  const page = await pdf.getPage(pageNumber);
  const vp = page.getViewport({ scale: 1 });
  let scale = targetWidth / Math.max(1, vp.width);
  const pixels = vp.width * vp.height * scale * scale;
  if (pixels > maxPixels) scale = Math.sqrt(maxPixels / (vp.width * vp.height));
  page.cleanup();
  const png = await renderPageAsImage(pdf, pageNumber, { scale, canvasImport: () => import("@napi-rs/canvas") });
  return Buffer.from(png);
}
