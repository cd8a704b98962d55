/**
 * Hand-assembled PDFs for tests (no PDF library in the dependency tree): a page with a real
 * text layer, and a "scan" whose only content is an embedded JPEG (DCTDecode, no text).
 */

export interface PdfText {
  text: string;
  x: number;
  /** Distance from the top of the page, in points (PDF itself counts from the bottom). */
  top: number;
  size?: number;
}

function escapePdfString(s: string): string {
  let out = "";
  for (const ch of s) {
    const code = ch.charCodeAt(0);
    if (ch === "(" || ch === ")" || ch === "\\") out += "\\" + ch;
    // WinAnsiEncoding matches Latin-1 for the accented letters Portuguese needs.
    else if (code > 126 && code < 256) out += "\\" + code.toString(8).padStart(3, "0");
    else if (code >= 256) out += "?";
    else out += ch;
  }
  return out;
}

function assemble(objects: (string | Buffer)[]): Buffer {
  const parts: Buffer[] = [Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  const offsets: number[] = [];
  let length = parts[0].length;
  objects.forEach((body, i) => {
    offsets.push(length);
    const head = Buffer.from(`${i + 1} 0 obj\n`, "latin1");
    const content = typeof body === "string" ? Buffer.from(body, "latin1") : body;
    const tail = Buffer.from("\nendobj\n", "latin1");
    parts.push(head, content, tail);
    length += head.length + content.length + tail.length;
  });
  const xref =
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
    offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("") +
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`;
  parts.push(Buffer.from(xref, "latin1"));
  return Buffer.concat(parts);
}

function stream(dict: string, data: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, "latin1"),
    data,
    Buffer.from("\nendstream", "latin1"),
  ]);
}

/** One A4 page whose text is drawn with Helvetica at the given positions. */
export function textPdf(items: PdfText[], width = 595, height = 842): Buffer {
  return textPdfPages([items], width, height);
}

/** Several A4 pages of positioned Helvetica text. */
export function textPdfPages(pages: PdfText[][], width = 595, height = 842): Buffer {
  const n = pages.length;
  // Objects: 1 catalog, 2 pages, 3 font, then (page, contents) pairs.
  const pageIds = pages.map((_, i) => 4 + 2 * i);
  const objects: (string | Buffer)[] = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${n} >>`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
  ];
  pages.forEach((items, i) => {
    const ops = items
      .map((t) => `BT /F1 ${t.size ?? 11} Tf 1 0 0 1 ${t.x} ${height - t.top} Tm (${escapePdfString(t.text)}) Tj ET`)
      .join("\n");
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${width} ${height}] /Contents ${pageIds[i] + 1} 0 R /Resources << /Font << /F1 3 0 R >> >> >>`,
      stream("", Buffer.from(ops, "latin1")),
    );
  });
  return assemble(objects);
}

/** One page showing a greyscale JPEG full-bleed, one PDF point per `pixelsPerPoint` pixels. */
export function imagePdf(jpeg: Buffer, pixelWidth: number, pixelHeight: number, pixelsPerPoint = 2): Buffer {
  const w = Math.round(pixelWidth / pixelsPerPoint);
  const h = Math.round(pixelHeight / pixelsPerPoint);
  return assemble([
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> >>`,
    stream("", Buffer.from(`q ${w} 0 0 ${h} 0 0 cm /Im1 Do Q`, "latin1")),
    stream(
      `/Type /XObject /Subtype /Image /Width ${pixelWidth} /Height ${pixelHeight} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode`,
      jpeg,
    ),
  ]);
}
