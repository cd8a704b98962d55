import { fold } from "./br-format";
import { fuzzyFind } from "./fuzzy-label";

// Reads "layout text" (see services/ocr/layout.ts) as a grid: lines split into cells wherever
// there are 2+ spaces or a free-standing "|". Works on any plain text too (a line is then a
// single cell), so extractors degrade gracefully on text from other sources.

export interface Cell {
  text: string;
  start: number;
  end: number;
}

export interface GridLine {
  index: number;
  raw: string;
  /** Upper-case, accent-free, same length as `raw`. */
  folded: string;
  cells: Cell[];
}

export interface LabelHit {
  line: number;
  start: number;
  end: number;
  /** Index of the label pattern that matched (lower = more specific). */
  label: number;
}

export interface Candidate<T> {
  value: T;
  label: number;
  where: "inline" | "below";
  line: number;
  /** Lines between the label and the value (0 inline). */
  distance: number;
  /** Found through an approximate label match. */
  fuzzy: boolean;
}

export function parseGrid(text: string): GridLine[] {
  return text.split(/\r?\n/).map((raw, index) => {
    const clean = raw.replace(/\t/g, "    ");
    return { index, raw: clean, folded: fold(clean), cells: splitCells(clean) };
  });
}

function splitCells(line: string): Cell[] {
  // "|" between non-digits is a ruled column border, not text.
  const masked = line.replace(/(?<!\d)\s*\|\s*(?!\d)/g, (m) => " ".repeat(Math.max(2, m.length)));
  const cells: Cell[] = [];
  for (const m of masked.matchAll(/\S+(?: \S+)*/g)) {
    const start = m.index ?? 0;
    cells.push({ text: line.slice(start, start + m[0].length), start, end: start + m[0].length });
  }
  return cells;
}

const QUANTIFIER = /[?*+{]/;

/**
 * Rewrites a label regex so its literal I, L and O also accept what OCR makes of them
 * ("CLIENTE" read as "CUENTE", "CLlENTE", "C0DIGO"). Escapes and character classes are copied
 * verbatim; the result is cached per pattern.
 */
export function ocrTolerant(source: string): string {
  let out = "";
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") {
      out += c + (source[i + 1] ?? "");
      i++;
    } else if (c === "[") {
      const end = source.indexOf("]", i + 2);
      out += source.slice(i, end + 1);
      i = end;
    } else if (c === "(" && source[i + 1] === "?") {
      const m = /^\(\?(?:<[=!]|[:=!])/.exec(source.slice(i));
      const prefix = m ? m[0] : "(?";
      out += prefix;
      i += prefix.length - 1;
    } else if (c === "L" && source[i + 1] === "I" && !QUANTIFIER.test(source[i + 2] ?? "")) {
      out += "(?:[LI1|]{2}|U)";
      i++;
    } else if (c === "I" || c === "L") {
      out += "[IL1|]";
    } else if (c === "O") {
      out += "[O0]";
    } else {
      out += c;
    }
  }
  return out;
}

const tolerantCache = new Map<string, RegExp>();

function tolerantRegex(p: RegExp): RegExp {
  const key = `${p.source}/${p.flags}`;
  let re = tolerantCache.get(key);
  if (!re) {
    re = new RegExp(ocrTolerant(p.source), p.flags.includes("g") ? p.flags : p.flags + "g");
    tolerantCache.set(key, re);
  }
  return re;
}

/** Occurrences of the label patterns (run on folded text, so write them upper-case, no accents). */
export function findLabels(grid: GridLine[], patterns: RegExp[]): LabelHit[] {
  const hits: LabelHit[] = [];
  patterns.forEach((p, label) => {
    const re = tolerantRegex(p);
    for (const line of grid) {
      for (const m of line.folded.matchAll(re)) {
        const start = m.index ?? 0;
        const end = start + m[0].length;
        // A longer, more specific label already claimed this spot.
        if (hits.some((h) => h.line === line.index && h.start <= start && h.end >= end)) continue;
        hits.push({ line: line.index, start, end, label });
      }
    }
  });
  return hits;
}

export function cellAt(line: GridLine, col: number): Cell | undefined {
  return line.cells.find((c) => c.start <= col && col < c.end);
}

/** Text after the label: to the end of its cell, plus the following cells when `scope` is "line". */
export function inlineText(grid: GridLine[], hit: LabelHit, scope: "cell" | "line" | "next-cell"): string {
  const line = grid[hit.line];
  if (scope === "line") return line.raw.slice(hit.end);
  const cell = cellAt(line, hit.start);
  const cellEnd = cell ? cell.end : line.raw.length;
  const rest = line.raw.slice(hit.end, cellEnd);
  if (scope === "cell") return rest;
  // The value may sit in the next cell ("Total a Pagar      R$ 160,09").
  if (/[\p{L}\p{N}]/u.test(rest.replace(/^[\s:.\-–—_|]+/, ""))) return rest;
  const next = line.cells.find((c) => c.start >= cellEnd);
  return next ? `${rest} ${next.text}` : rest;
}

/**
 * Cells in the lines below the label that overlap it horizontally, nearest line first, best
 * overlap first within a line. Used for forms with a small label above a big value.
 */
export function cellsBelow(grid: GridLine[], hit: LabelHit, maxLines = 2, slack = 2): { cell: Cell; line: number }[] {
  const out: { cell: Cell; line: number }[] = [];
  // The label owns the blank space up to the next cell on its line: values under a left-aligned
  // header are often right-aligned within the column.
  const line = grid[hit.line];
  const own = cellAt(line, hit.start);
  const next = line.cells.find((c) => c.start >= Math.max(hit.end, own?.end ?? hit.end));
  const lo = hit.start - slack;
  const hi = next ? Math.max(hit.end + slack, next.start - 1) : hit.end + Math.max(slack, hit.end - hit.start);
  for (let i = hit.line + 1; i < grid.length && i <= hit.line + maxLines; i++) {
    const cells = grid[i].cells;
    const overlapping = cells
      .map((cell, k) => ({ cell, k, overlap: Math.min(hi, cell.end) - Math.max(lo, cell.start) }))
      .filter((c) => c.overlap > 0)
      // Past the first row, a value with a label of its own on its left belongs to that label.
      .filter((c) => i === hit.line + 1 || c.k === 0 || !/\p{L}{2}/u.test(cells[c.k - 1].text))
      .sort((a, b) => b.overlap - a.overlap);
    for (const c of overlapping) out.push({ cell: c.cell, line: i });
    // The first row with something under the label is its value row; stop there.
    if (overlapping.length) break;
  }
  return out;
}

export interface LookupOptions<T> {
  inline?: "cell" | "line" | "next-cell" | false;
  below?: number;
  /** Inline text is cut where this (folded) pattern starts: the next field's label. */
  stop?: RegExp;
  /** Stricter parser for cells below the label (they must hold only the value). */
  parseBelow?: (text: string) => T | null;
  /**
   * Plain folded label strings matched approximately (see fuzzy-label.ts) when no pattern
   * produced a value: small labels are the first casualties of a noisy scan.
   */
  fuzzy?: string[];
}

/**
 * Label-driven lookup: for every hit of the label patterns, tries the value on the same line and
 * then in the cells underneath, keeping whatever `parse` accepts. Candidates are returned in
 * preference order: most specific label, inline before below, nearest first.
 */
export function lookup<T>(
  grid: GridLine[],
  patterns: RegExp[],
  parse: (text: string) => T | null,
  options: LookupOptions<T> = {},
): Candidate<T>[] {
  let out = findLabels(grid, patterns).flatMap((hit) => valuesAt(grid, hit, parse, options, false));
  if (out.length === 0 && options.fuzzy?.length) {
    const hits: LabelHit[] = [];
    options.fuzzy.forEach((label, k) => {
      for (const line of grid) {
        for (const h of fuzzyFind(line.folded, label)) {
          hits.push({ line: line.index, start: h.start, end: h.end, label: patterns.length + k });
        }
      }
    });
    out = hits.flatMap((hit) => valuesAt(grid, hit, parse, options, true));
  }
  return out.sort((a, b) => a.label - b.label || rank(a) - rank(b) || a.line - b.line);
}

function valuesAt<T>(
  grid: GridLine[],
  hit: LabelHit,
  parse: (text: string) => T | null,
  options: LookupOptions<T>,
  fuzzy: boolean,
): Candidate<T>[] {
  const inline = options.inline ?? "next-cell";
  const below = options.below ?? 2;
  const parseBelow = options.parseBelow ?? parse;
  const out: Candidate<T>[] = [];
  if (inline) {
    let text = inlineText(grid, hit, inline);
    if (options.stop) {
      const re = new RegExp(options.stop.source, options.stop.flags.replace("g", ""));
      const m = re.exec(fold(text));
      if (m) text = text.slice(0, m.index);
    }
    const v = parse(text);
    if (v !== null) out.push({ value: v, label: hit.label, where: "inline", line: hit.line, distance: 0, fuzzy });
  }
  if (below > 0) {
    for (const { cell, line } of cellsBelow(grid, hit, below)) {
      const v = parseBelow(cell.text);
      if (v !== null) {
        out.push({ value: v, label: hit.label, where: "below", line, distance: line - hit.line, fuzzy });
        break;
      }
    }
  }
  return out;
}

function rank(c: Candidate<unknown>): number {
  return c.where === "inline" ? 0 : c.distance;
}
