import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { detectFileType, isImageMime } from "./file-type";

const fixtures = path.resolve(process.cwd(), "../shared/fixtures/documents/dev");

describe("detectFileType", () => {
  it("recognises the image formats by their magic bytes", async () => {
    const png = fs.readFileSync(path.join(fixtures, "payslip-01.png"));
    expect(detectFileType(png)).toBe("image/png");
    const img = sharp(png).resize({ width: 64 });
    expect(detectFileType(await img.clone().jpeg().toBuffer())).toBe("image/jpeg");
    expect(detectFileType(await img.clone().webp().toBuffer())).toBe("image/webp");
    expect(detectFileType(await img.clone().tiff().toBuffer())).toBe("image/tiff");
  });

  it("recognises PDFs, including a header after leading junk", () => {
    expect(detectFileType(Buffer.from("%PDF-1.7\n%âãÏÓ\n1 0 obj"))).toBe("application/pdf");
    expect(detectFileType(Buffer.from("\r\n\r\n%PDF-1.4\n1 0 obj"))).toBe("application/pdf");
  });

  it("rejects an ELF executable renamed to .png", () => {
    // What `file.png` would contain if someone renamed /bin/ls: the extension is irrelevant.
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(56)]);
    expect(detectFileType(elf)).toBeNull();
    const real = fs.existsSync("/bin/ls") ? fs.readFileSync("/bin/ls") : elf;
    expect(detectFileType(real)).toBeNull();
  });

  it("rejects a PE executable, even with %PDF- in its first kilobyte", () => {
    const pe = Buffer.concat([Buffer.from("MZ\x90\x00", "latin1"), Buffer.alloc(60), Buffer.from("%PDF-1.4")]);
    expect(detectFileType(pe)).toBeNull();
  });

  it("rejects empty, truncated and other content", () => {
    expect(detectFileType(Buffer.alloc(0))).toBeNull();
    expect(detectFileType(Buffer.from([0x89, 0x50, 0x4e]))).toBeNull(); // truncated PNG signature
    expect(detectFileType(Buffer.from("RIFF\0\0\0\0WAVEfmt "))).toBeNull(); // RIFF but audio
    expect(detectFileType(Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBeNull();
    expect(detectFileType(Buffer.from("PK\x03\x04", "latin1"))).toBeNull(); // zip / docx
  });

  it("tells images from PDFs", () => {
    expect(isImageMime("image/webp")).toBe(true);
    expect(isImageMime("application/pdf")).toBe(false);
    expect(isImageMime(null)).toBe(false);
  });
});
