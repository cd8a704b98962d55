/**
 * Skew estimation by projection profiles: when the page is sheared by the right angle, text
 * lines and table rules collapse into few, tall histogram bins, maximising the sum of squared
 * differences between neighbouring bins. Returns the angle (degrees, positive = lines descend to
 * the right) that straightens the page; rotate by its negative to correct.
 */
export function estimateSkew(grey: Uint8Array, width: number, height: number, maxDegrees = 5): number {
  const points = darkPixels(grey, width, height);
  if (points.xs.length < 200) return 0;
  let best = 0;
  let bestScore = -1;
  const scan = (from: number, to: number, step: number) => {
    for (let a = from; a <= to + 1e-9; a += step) {
      const s = profileScore(points, height, width, a);
      if (s > bestScore) {
        bestScore = s;
        best = a;
      }
    }
  };
  scan(-maxDegrees, maxDegrees, 0.5);
  const coarse = best;
  scan(coarse - 0.5, coarse + 0.5, 0.05);
  return Math.round(best * 100) / 100;
}

interface Points {
  xs: Float32Array;
  ys: Float32Array;
}

// Sampling on a grid keeps the cost ~O(60k points × angles) whatever the resolution.
function darkPixels(grey: Uint8Array, width: number, height: number): Points {
  const stride = Math.max(1, Math.round(Math.sqrt((width * height) / 1_500_000)));
  const threshold = otsu(grey);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < height; y += stride) {
    const row = y * width;
    for (let x = 0; x < width; x += stride) {
      if (grey[row + x] < threshold) {
        xs.push(x);
        ys.push(y);
      }
    }
  }
  return { xs: Float32Array.from(xs), ys: Float32Array.from(ys) };
}

function profileScore(p: Points, height: number, width: number, degrees: number): number {
  const t = Math.tan((degrees * Math.PI) / 180);
  const offset = Math.ceil(Math.abs(t) * width) + 1;
  const bins = new Float64Array(height + 2 * offset + 2);
  for (let i = 0; i < p.xs.length; i++) {
    const r = Math.round(p.ys[i] - p.xs[i] * t) + offset;
    bins[r]++;
  }
  let score = 0;
  for (let i = 1; i < bins.length; i++) {
    const d = bins[i] - bins[i - 1];
    score += d * d;
  }
  return score;
}

function otsu(grey: Uint8Array): number {
  const hist = new Float64Array(256);
  for (let i = 0; i < grey.length; i += 4) hist[grey[i]]++;
  let total = 0;
  let sum = 0;
  for (let i = 0; i < 256; i++) {
    total += hist[i];
    sum += i * hist[i];
  }
  let wB = 0;
  let sumB = 0;
  let best = 0;
  let threshold = 128;
  for (let t = 0; t < 256; t++) {
    wB += hist[t];
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += t * hist[t];
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) ** 2;
    if (between > best) {
      best = between;
      threshold = t;
    }
  }
  return threshold;
}
