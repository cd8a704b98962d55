import sharp from "sharp";
import { estimateSkew } from "./deskew";

export const DEFAULT_MAX_INPUT_PIXELS = 40_000_000;

export interface PreprocessOptions {
  /** Decompression-bomb guard: images whose header declares more pixels are rejected unread. */
  maxInputPixels?: number;
  /** Narrower images are upscaled to this width: tesseract misses 13 px labels at native size. */
  minWidth?: number;
  /** Wider images are downscaled: beyond ~2500 px OCR only gets slower. */
  maxWidth?: number;
  /** Measure the page skew (scanner/phone rotation) and report it in `skewDegrees`. */
  deskew?: boolean;
  /**
   * Also rotate the image here. Off by default: OcrEngine hands the angle to tesseract, whose
   * own rotation (before its binarisation) read noisy scans better than a resampled image.
   */
  rotate?: boolean;
  /** Divide by a blurred copy to remove uneven illumination before the contrast stretch. */
  flattenBackground?: boolean;
  /**
   * Median filter (odd size, 0 = off) against sensor noise and speckles. "auto" applies a 3×3
   * median only to noisy images: on clean renders it erodes thin strokes of small labels.
   */
  median?: number | "auto";
}

export interface PreprocessResult {
  /** Lossless PNG ready for tesseract. */
  image: Buffer;
  width: number;
  height: number;
  /** Measured skew in degrees (positive: lines descend to the right); 0 when negligible. */
  skewDegrees: number;
  /** Whether `image` has already been rotated by −skewDegrees. */
  rotated: boolean;
  /** Whether the median filter ran. */
  denoised: boolean;
}

export class ImageTooLargeError extends Error {
  readonly code = "IMAGE_TOO_LARGE";
  constructor(
    readonly pixels: number,
    readonly limit: number,
  ) {
    super(`image has ${pixels} pixels, above the limit of ${limit}`);
    this.name = "ImageTooLargeError";
  }
}

export class InvalidImageError extends Error {
  readonly code = "INVALID_IMAGE";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "InvalidImageError";
  }
}

const DEFAULTS: Required<PreprocessOptions> = {
  maxInputPixels: DEFAULT_MAX_INPUT_PIXELS,
  minWidth: 1800,
  maxWidth: 2600,
  deskew: true,
  rotate: false,
  flattenBackground: false,
  median: "auto",
};

// Mean |pixel − median3(pixel)|: clean renders and mild scans measure 1–4, sensor noise 10+.
const NOISY_IMAGE_LEVEL = 6;

// Below this a rotation is not worth the resampling it costs.
const MIN_DESKEW_DEGREES = 0.25;

export async function preprocessImage(input: Buffer, options: PreprocessOptions = {}): Promise<PreprocessResult> {
  const given = Object.entries(options).filter(([, v]) => v !== undefined);
  const opts: Required<PreprocessOptions> = { ...DEFAULTS, ...Object.fromEntries(given) };
  const limit = opts.maxInputPixels;
  // Read the header first so a bomb is rejected before any pixel is decoded.
  let meta: sharp.Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch (err) {
    throw new InvalidImageError("unreadable image", { cause: err });
  }
  const declared = (meta.width ?? 0) * (meta.height ?? 0) * Math.max(1, meta.pages ?? 1);
  if (!meta.width || !meta.height) throw new InvalidImageError("image without dimensions");
  if (declared > limit) throw new ImageTooLargeError(declared, limit);

  // EXIF orientations 5-8 swap the axes, so the target width is decided on the oriented size.
  const swapped = (meta.orientation ?? 1) >= 5;
  const orientedWidth = swapped ? meta.height : meta.width;
  let targetWidth = orientedWidth;
  if (orientedWidth < opts.minWidth) targetWidth = opts.minWidth;
  else if (orientedWidth > opts.maxWidth) targetWidth = opts.maxWidth;

  let native: { data: Buffer; info: sharp.OutputInfo };
  try {
    native = await sharp(input, { limitInputPixels: limit, failOn: "error" })
      .autoOrient()
      // Transparent areas (screenshots, exported PNGs) become paper-white, not black.
      .flatten({ background: "#ffffff" })
      .greyscale()
      .toColourspace("b-w")
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (err) {
    if (err instanceof Error && /pixel limit/i.test(err.message)) throw new ImageTooLargeError(declared, limit);
    throw new InvalidImageError("image could not be decoded", { cause: err });
  }
  const nativeRaw = { raw: { width: native.info.width, height: native.info.height, channels: 1 as const } };
  // Denoise at native resolution: after upscaling, noise grains are too big for a small median.
  let scaler = sharp(native.data, nativeRaw);
  let medianSize = opts.median === "auto" ? 0 : opts.median;
  let denoised: Buffer | null = null;
  if (opts.median === "auto") {
    denoised = await sharp(native.data, nativeRaw).median(3).toColourspace("b-w").raw().toBuffer();
    if (meanAbsDiff(native.data, denoised) > NOISY_IMAGE_LEVEL) medianSize = 3;
  }
  if (medianSize >= 3) {
    const filtered =
      medianSize === 3 && denoised
        ? denoised
        : await scaler.median(medianSize).toColourspace("b-w").raw().toBuffer();
    scaler = sharp(filtered, nativeRaw);
  }
  // Every raw hand-over pins the colourspace: several sharp ops silently promote grey to sRGB.
  const grey = await scaler
    .resize({ width: targetWidth, kernel: targetWidth > orientedWidth ? "cubic" : "lanczos3" })
    .toColourspace("b-w")
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width, height } = grey.info;
  let pixels: Buffer = grey.data;
  if (opts.flattenBackground) pixels = await flatten(pixels, width, height);

  const raw = { raw: { width, height, channels: 1 as const } };
  let pipeline = sharp(pixels, raw).normalise({ lower: 1, upper: 99 });
  let skewDegrees = 0;
  if (opts.deskew) {
    const normalised = await pipeline.toColourspace("b-w").raw().toBuffer();
    const angle = estimateSkew(normalised, width, height);
    pipeline = sharp(normalised, raw);
    if (Math.abs(angle) >= MIN_DESKEW_DEGREES) {
      skewDegrees = angle;
      if (opts.rotate) pipeline = pipeline.rotate(-angle, { background: { r: 255, g: 255, b: 255 } });
    }
  }
  const { data, info } = await pipeline
    .toColourspace("b-w")
    .png({ compressionLevel: 1, adaptiveFiltering: false })
    .toBuffer({ resolveWithObject: true });
  const rotated = opts.rotate && skewDegrees !== 0;
  return { image: data, width: info.width, height: info.height, skewDegrees, rotated, denoised: medianSize >= 3 };
}

function meanAbsDiff(a: Uint8Array, b: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
  return sum / Math.max(1, a.length);
}

/** Flat-field correction: page / blurred(page), so shadows and grey paper become white. */
async function flatten(pixels: Buffer, width: number, height: number): Promise<Buffer> {
  const background = await sharp(pixels, { raw: { width, height, channels: 1 } })
    .blur(Math.max(8, Math.round(width / 60)))
    .toColourspace("b-w")
    .raw()
    .toBuffer();
  const out = Buffer.alloc(pixels.length);
  for (let i = 0; i < pixels.length; i++) {
    const bg = Math.max(1, background[i]);
    out[i] = Math.min(255, Math.round((pixels[i] / bg) * 255));
  }
  return out;
}
