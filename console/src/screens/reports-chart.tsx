import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

const COLORS = ["#2563eb", "#16a34a", "#dc2626", "#9333ea", "#ea580c", "#0891b2", "#4b5563", "#ca8a04"];

export interface Line {
  label: string;
  values: Array<number | null>;
}

/**
 * A time series drawn by uPlot (lines or bars), one series per line, over the buckets' labels.
 * The numbers are repeated in a visually hidden table for screen readers.
 */
export function SeriesChart({ title, buckets, lines, kind, format, integer = false, minTop = 1 }: { title: string; buckets: string[]; lines: Line[]; kind: "line" | "bar"; format: (v: number) => string; integer?: boolean; minTop?: number }) {
  const box = useRef<HTMLDivElement>(null);
  const formatRef = useRef(format);
  formatRef.current = format;
  const key = JSON.stringify([buckets, lines, kind, integer, minTop]);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const fmt = formatRef.current;
    const xs = buckets.map((_, i) => i);
    const step = Math.max(1, Math.ceil(buckets.length / 6));
    // Bars only for a single series; several groups read better as lines.
    const bars = kind === "bar" && lines.length === 1;
    const plot = new uPlot(
      {
        width: Math.max(280, Math.min(560, el.clientWidth || 480)),
        height: 200,
        legend: { show: lines.length > 1, live: false },
        cursor: { show: false },
        scales: { x: { time: false, range: [-0.6, Math.max(0.6, buckets.length - 0.4)] }, y: { range: (_u, _min, max) => [0, Math.max(minTop, (max ?? 0) * 1.15)] } },
        axes: [
          { values: (_u, splits) => splits.map((s) => shortBucket(buckets[s] ?? "")), splits: () => xs.filter((i) => i % step === 0), grid: { show: false } },
          { values: (_u, splits) => splits.map((s) => fmt(s)), size: 80, ...(integer ? { incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000, 1_000_000] } : {}) },
        ],
        series: [
          {},
          ...lines.map((l, i) => ({
            label: l.label,
            stroke: COLORS[i % COLORS.length],
            fill: bars ? COLORS[i % COLORS.length] : undefined,
            width: 2,
            spanGaps: true,
            points: { show: !bars && buckets.length < 40 },
            paths: bars ? uPlot.paths.bars!({ size: [0.6, 60] }) : undefined,
          })),
        ],
      },
      [xs, ...lines.map((l) => l.values)] as uPlot.AlignedData,
      el,
    );
    return () => plot.destroy();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- redrawn when the numbers change, not on every render
  }, [key]);
  return (
    <figure className="report-chart">
      <figcaption>{title}</figcaption>
      <div ref={box} className="chart" role="img" aria-label={title} />
      <table className="sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th>Período</th>
            {lines.map((l) => (
              <th key={l.label}>{l.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {buckets.map((b, i) => (
            <tr key={b}>
              <th>{b}</th>
              {lines.map((l) => (
                <td key={l.label}>{l.values[i] == null ? "—" : format(l.values[i]!)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** "2026-03-05T00:00" → "05/03"; with an hour other than midnight → "05/03 14h". */
export function shortBucket(label: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(label);
  if (!m) return label;
  return m[4] && m[4] !== "00" ? `${m[3]}/${m[2]} ${m[4]}h` : `${m[3]}/${m[2]}`;
}
