import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { estimateSkew } from "./deskew";
import { layoutText } from "./layout";
import { DEFAULT_MAX_INPUT_PIXELS, ImageTooLargeError, InvalidImageError, preprocessImage } from "./preprocess";

const fixtures = path.resolve(process.cwd(), "../shared/fixtures/documents/dev");

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A few hundred bytes claiming to be a 100 000 × 100 000 greyscale PNG: a decompression bomb. */
function bombPng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(100_000, 0);
  ihdr.writeUInt32BE(100_000, 4);
  ihdr.set([8, 0, 0, 0, 0], 8);
  const idat = zlib.deflateSync(Buffer.alloc(100_001 * 4)); // a few rows of zeros
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", idat),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

describe("preprocessImage", () => {
  it("rejects a decompression bomb from its header, before decoding", async () => {
    const bomb = bombPng();
    expect(bomb.length).toBeLessThan(2000);
    const err = await preprocessImage(bomb).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImageTooLargeError);
    expect(err).toMatchObject({ code: "IMAGE_TOO_LARGE", pixels: 1e10, limit: DEFAULT_MAX_INPUT_PIXELS });
  });

  it("applies a configurable pixel limit", async () => {
    const img = await sharp({ create: { width: 200, height: 100, channels: 3, background: "#ffffff" } }).png().toBuffer();
    await expect(preprocessImage(img, { maxInputPixels: 10_000 })).rejects.toBeInstanceOf(ImageTooLargeError);
    await expect(preprocessImage(img, { maxInputPixels: 20_000 })).resolves.toMatchObject({ width: 1800 });
  });

  it("rejects content that is not an image with a typed error", async () => {
    await expect(preprocessImage(Buffer.from("\x7fELF not an image"))).rejects.toBeInstanceOf(InvalidImageError);
  });

  it("outputs a greyscale PNG, upscaled small and downscaled huge", async () => {
    const small = await sharp({ create: { width: 600, height: 300, channels: 3, background: "#e0e0e0" } }).jpeg().toBuffer();
    const out = await preprocessImage(small);
    const meta = await sharp(out.image).metadata();
    expect(meta).toMatchObject({ format: "png", width: 1800, height: 900, channels: 1 });
    const big = await sharp({ create: { width: 5000, height: 1000, channels: 3, background: "#ffffff" } }).png().toBuffer();
    expect((await preprocessImage(big)).width).toBe(2600);
  });

  it("puts transparent images on white paper", async () => {
    const rgba = await sharp({ create: { width: 300, height: 100, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .png()
      .toBuffer();
    const out = await preprocessImage(rgba, { deskew: false });
    const { data } = await sharp(out.image).raw().toBuffer({ resolveWithObject: true });
    expect(data.every((v) => v > 200)).toBe(true);
  });

  it("honours EXIF orientation", async () => {
    const base = await sharp({ create: { width: 400, height: 200, channels: 3, background: "#ffffff" } }).jpeg().toBuffer();
    const rotated = await sharp(base).withMetadata({ orientation: 6 }).jpeg().toBuffer(); // 90° CW
    const out = await preprocessImage(rotated, { deskew: false });
    expect(out.height).toBeGreaterThan(out.width);
  });
});

describe("deskew", () => {
  it("measures the rotation of a skewed page", async () => {
    const png = fs.readFileSync(path.join(fixtures, "payslip-01.png"));
    for (const angle of [2, -1.5]) {
      const { data, info } = await sharp(png)
        .rotate(angle, { background: "#ffffff" })
        .greyscale()
        .raw()
        .toBuffer({ resolveWithObject: true });
      expect(Math.abs(estimateSkew(data, info.width, info.height) - angle)).toBeLessThan(0.2);
    }
  });

  it("straightens the degraded payslip (rotated ~1.6°)", async () => {
    const out = await preprocessImage(fs.readFileSync(path.join(fixtures, "payslip-04.png")));
    expect(Math.abs(out.skewDegrees)).toBeGreaterThan(1.3);
    expect(Math.abs(out.skewDegrees)).toBeLessThan(1.9);
  });
});

describe("layoutText", () => {
  it("merges side-by-side lines into rows and keeps columns apart", () => {
    const w = (text: string, x0: number, y0: number) => ({ text, x0, y0, x1: x0 + text.length * 10, y1: y0 + 20 });
    const text = layoutText([
      { words: [w("Titular", 0, 0)] },
      { words: [w("Nº", 400, 2), w("Instalação", 425, 2)] },
      { words: [w("Fátima", 0, 40), w("Silva", 66, 40)] },
      { words: [w("205141174", 400, 41)] },
    ]);
    const lines = text.split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^Titular {2,}Nº Instalação$/);
    expect(lines[1].indexOf("205141174")).toBe(lines[0].indexOf("Nº"));
  });
});
