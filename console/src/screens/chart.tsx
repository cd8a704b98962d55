import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

/** A small bar chart drawn by uPlot on a canvas; the numbers are repeated in a visually hidden table for screen readers. */
export function BarChart({ label, bars, format }: { label: string; bars: Array<[string, number]>; format: (v: number) => string }) {
  const box = useRef<HTMLDivElement>(null);
  const formatRef = useRef(format);
  formatRef.current = format;
  const key = JSON.stringify(bars);
  useEffect(() => {
    const format = formatRef.current;
    const el = box.current;
    if (!el) return;
    const xs = bars.map((_, i) => i);
    const ys = bars.map(([, v]) => (Number.isFinite(v) ? v : 0));
    const plot = new uPlot(
      {
        width: Math.max(260, Math.min(520, el.clientWidth || 480)),
        height: 220,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false, range: [-0.6, bars.length - 0.4] }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.15)] } },
        axes: [
          { values: (_u, splits) => splits.map((s) => bars[s]?.[0] ?? ""), splits: () => xs, grid: { show: false } },
          { values: (_u, splits) => splits.map((s) => format(s)), size: 70 },
        ],
        series: [{}, { label, fill: "#2563eb", stroke: "#1d4ed8", paths: uPlot.paths.bars!({ size: [0.6, 80] }), points: { show: false } }],
      },
      [xs, ys],
      el,
    );
    return () => plot.destroy();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- redrawn when the numbers change, not on every render
  }, [key, label]);
  return (
    <>
      <div ref={box} className="chart" role="img" aria-label={`${label}: ${bars.map(([k, v]) => `${k} ${format(v)}`).join(", ")}`} />
      <table className="sr-only">
        <caption>{label}</caption>
        <tbody>
          {bars.map(([k, v]) => (
            <tr key={k}>
              <th>{k}</th>
              <td>{format(v)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
