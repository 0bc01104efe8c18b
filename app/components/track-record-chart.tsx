import { VENUES } from "~/lib/venues";

const COLORS: Record<string, string> = {
  neurips: "#0b57d0",
  icml: "#b3261e",
  iclr: "#137333",
  colt: "#8e24aa",
  aistats: "#e37400",
  uai: "#00838f",
};

/**
 * Papers per year, stacked by venue, as a server-rendered SVG: readable without JavaScript, with a
 * text title per bar segment for screen readers and hover.
 */
export function TrackRecordChart({
  rows,
  from,
  to,
}: {
  rows: { venue: string; year: number; papers: number }[];
  from: number;
  to: number;
}) {
  const years: number[] = [];
  for (let y = from; y <= to; y++) years.push(y);
  const byYear = new Map<number, Map<string, number>>();
  for (const r of rows) {
    if (r.year < from || r.year > to) continue;
    const m = byYear.get(r.year) ?? new Map<string, number>();
    m.set(r.venue, (m.get(r.venue) ?? 0) + r.papers);
    byYear.set(r.year, m);
  }
  const max = Math.max(1, ...[...byYear.values()].map((m) => [...m.values()].reduce((a, b) => a + b, 0)));
  const barW = 28;
  const gap = 10;
  const h = 160;
  const left = 30;
  const width = left + years.length * (barW + gap) + 10;
  // Rounded to a tenth of a pixel: 17-digit coordinates only weigh the page down.
  const scale = (n: number) => Math.round((n / max) * (h - 20) * 10) / 10;
  const venues = VENUES.filter((v) => rows.some((r) => r.venue === v.id));
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${h + 30}`} width={width} height={h + 30} role="img" aria-labelledby="chart-title">
        <title id="chart-title">
          Conference papers per year, {from}–{to}, stacked by venue
        </title>
        <line x1={left} y1={h} x2={width} y2={h} stroke="#888" />
        <text x={left - 6} y={h - scale(max) + 4} fontSize="10" textAnchor="end">
          {max}
        </text>
        <text x={left - 6} y={h + 4} fontSize="10" textAnchor="end">
          0
        </text>
        {years.map((year, i) => {
          const x = left + 5 + i * (barW + gap);
          let y = h;
          const m = byYear.get(year);
          return (
            <g key={year}>
              {VENUES.map((v) => {
                const n = m?.get(v.id) ?? 0;
                if (!n) return null;
                const bh = scale(n);
                y = Math.round((y - bh) * 10) / 10;
                return (
                  <rect key={v.id} x={x} y={y} width={barW} height={bh} fill={COLORS[v.id]}>
                    <title>{`${year} ${v.name}: ${n} paper${n > 1 ? "s" : ""}`}</title>
                  </rect>
                );
              })}
              <text x={x + barW / 2} y={h + 14} fontSize="10" textAnchor="middle">
                {String(year).slice(2)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        {venues.map((v) => (
          <span key={v.id} style={{ marginRight: "1rem" }}>
            <span className="venue-dot" style={{ background: COLORS[v.id] }} aria-hidden="true" />
            {v.name}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
