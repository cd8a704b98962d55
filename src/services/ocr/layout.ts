/**
 * Turns positioned words (from tesseract or a PDF text layer) into "layout text": one text line
 * per visual row, with columns kept at proportional character offsets and separated by at least
 * two spaces. Extractors work on plain text, but forms put values *under* their labels (header
 * row + value row) and OCR engines tend to emit side-by-side blocks one after the other; keeping
 * the geometry in the text lets a text-only extractor pair a label with the value beneath it.
 */
export interface PositionedWord {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Words already grouped into a line by the engine (keeps words of one line together). */
export interface PositionedLine {
  words: PositionedWord[];
}

interface Row {
  y0: number;
  y1: number;
  words: PositionedWord[];
}

export function layoutText(lines: PositionedLine[]): string {
  const cleaned = lines
    .map((l) => l.words.filter((w) => w.text.trim() !== "" && w.x1 > w.x0 && w.y1 > w.y0))
    .filter((ws) => ws.length > 0);
  if (cleaned.length === 0) return "";
  const charWidth = estimateCharWidth(cleaned.flat());
  const rows = groupRows(cleaned);
  return rows.map((r) => renderRow(r.words, charWidth)).join("\n");
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function estimateCharWidth(words: PositionedWord[]): number {
  const widths = words.filter((w) => w.text.length >= 3).map((w) => (w.x1 - w.x0) / w.text.length);
  const m = median(widths.length ? widths : words.map((w) => (w.x1 - w.x0) / Math.max(1, w.text.length)));
  // A slightly narrow unit keeps small-font labels from colliding with the next column.
  return Math.max(1, m * 0.85);
}

function groupRows(lines: PositionedWord[][]): Row[] {
  const items = lines
    .map((words) => ({
      y0: median(words.map((w) => w.y0)),
      y1: median(words.map((w) => w.y1)),
      words,
    }))
    .sort((a, b) => a.y0 + a.y1 - (b.y0 + b.y1));
  const rows: Row[] = [];
  for (const it of items) {
    const h = it.y1 - it.y0;
    // Same row when the vertical centre falls inside an existing row's band.
    const centre = (it.y0 + it.y1) / 2;
    const row = rows.find((r) => {
      const rh = r.y1 - r.y0;
      const rc = (r.y0 + r.y1) / 2;
      return Math.abs(centre - rc) < Math.min(h, rh) * 0.6 && !overlapsHorizontally(r.words, it.words);
    });
    if (row) {
      row.words.push(...it.words);
      row.y0 = Math.min(row.y0, it.y0);
      row.y1 = Math.max(row.y1, it.y1);
    } else {
      rows.push({ y0: it.y0, y1: it.y1, words: [...it.words] });
    }
  }
  return rows.sort((a, b) => a.y0 + a.y1 - (b.y0 + b.y1));
}

function overlapsHorizontally(a: PositionedWord[], b: PositionedWord[]): boolean {
  const ax0 = Math.min(...a.map((w) => w.x0));
  const ax1 = Math.max(...a.map((w) => w.x1));
  const bx0 = Math.min(...b.map((w) => w.x0));
  const bx1 = Math.max(...b.map((w) => w.x1));
  return Math.min(ax1, bx1) - Math.max(ax0, bx0) > 0;
}

function renderRow(words: PositionedWord[], charWidth: number): string {
  const sorted = [...words].sort((a, b) => a.x0 - b.x0);
  const rowCharWidth = median(sorted.map((w) => (w.x1 - w.x0) / Math.max(1, w.text.length)));
  let out = "";
  let prev: PositionedWord | null = null;
  for (const w of sorted) {
    const text = w.text.trim();
    if (prev === null) {
      out = " ".repeat(Math.max(0, Math.round(w.x0 / charWidth))) + text;
    } else {
      const gap = w.x0 - prev.x1;
      // Interword spaces are ~0.3–0.6 em; anything wider than ~1.6 characters is a column gap.
      if (gap > rowCharWidth * 1.6) {
        const col = Math.max(out.length + 2, Math.round(w.x0 / charWidth));
        out += " ".repeat(col - out.length) + text;
      } else {
        out += " " + text;
      }
    }
    prev = w;
  }
  return out.replace(/\s+$/, "");
}
