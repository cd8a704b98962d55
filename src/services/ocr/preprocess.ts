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
  /** Straighten small rotations (scanner/phone skew); tesseract drops rows on skewed tables. */
  deskew?: boolean;
  /** Divide by a blurred copy to remove uneven illumination before the contrast stretch. */
  flattenBackground?: boolean;
}

export interface PreprocessResult {
  /** Lossless PNG ready for tesseract. */
  image: Buffer;
  width: number;
  height: number;
  /** Rotation applied by deskew, in degrees (0 when none). */
  skewDegrees: number;
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
  flattenBackground: false,
};

// Below this the rotation is not worth the resampling blur it costs.
const MIN_DESKEW_DEGREES = 0.25;

export async function preprocessImage(input: Buffer, options: PreprocessOptions = {}): Promise<PreprocessResult> {
  const opts = { ...DEFAULTS, ...options };
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

  let grey: { data: Buffer; info: sharp.OutputInfo };
  try {
    grey = await sharp(input, { limitInputPixels: limit, failOn: "error" })
      .autoOrient()
      .greyscale()
      .resize({ width: targetWidth, kernel: targetWidth > orientedWidth ? "cubic" : "lanczos3" })
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (err) {
    if (err instanceof Error && /pixel limit/i.test(err.message)) throw new ImageTooLargeError(declared, limit);
    throw new InvalidImageError("image could not be decoded", { cause: err });
  }
  const { width, height, channels } = grey.info;
  let pixels = channels === 1 ? grey.data : toSingleChannel(grey.data, channels);
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
      pipeline = pipeline.rotate(-angle, { background: { r: 255, g: 255, b: 255 } });
    }
  }
  const { data, info } = await pipeline
    .toColourspace("b-w")
    .png({ compressionLevel: 1, adaptiveFiltering: false })
    .toBuffer({ resolveWithObject: true });
  return { image: data, width: info.width, height: info.height, skewDegrees };
}

function toSingleChannel(data: Buffer, channels: number): Buffer {
  const out = Buffer.alloc(data.length / channels);
  for (let i = 0, j = 0; j < out.length; i += channels, j++) out[j] = data[i];
  return out;
}

/** Flat-field correction: page / blurred(page), so shadows and grey paper become white. */
async function flatten(pixels: Buffer, width: number, height: number): Promise<Buffer> {
  const background = await sharp(pixels, { raw: { width, height, channels: 1 } })
    .blur(Math.max(8, Math.round(width / 60)))
    .raw()
    .toBuffer();
  const out = Buffer.alloc(pixels.length);
  for (let i = 0; i < pixels.length; i++) {
    const bg = Math.max(1, background[i]);
    out[i] = Math.min(255, Math.round((pixels[i] / bg) * 255));
  }
  return out;
}
