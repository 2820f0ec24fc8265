import 'chartist/dist/index.css';
import { BarChart } from 'chartist';
import { useEffect, useRef } from 'react';
import type { Schemas } from '../../lib/api/client';
import { formatUsd } from './format';

type Day = Schemas['UsageReport']['days'][number];

/** Every day of the range, with the days without usage as zero (the report lists only days with usage). */
export function everyDay(from: string, to: string, days: Day[]): Array<{ day: string; costUsd: number; row?: Day }> {
  const byDay = new Map(days.map((d) => [d.day, d]));
  const out: Array<{ day: string; costUsd: number; row?: Day }> = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    const row = byDay.get(day);
    out.push({ day, costUsd: row?.costUsd ?? 0, ...(row ? { row } : {}) });
  }
  return out;
}

const shortDay = (day: string) =>
  new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(day));

/** AI cost per day as bars (Chartist, SVG); the table under it carries the same numbers for screen readers. */
export function CostChart({ series, summary }: { series: Array<{ day: string; costUsd: number }>; summary: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    // Label every nth day so the axis stays readable from a week to a quarter.
    const every = Math.max(1, Math.ceil(series.length / 8));
    const chart = new BarChart(
      host.current,
      { labels: series.map((d) => d.day), series: [series.map((d) => d.costUsd)] },
      {
        height: '220px',
        low: 0,
        axisX: {
          showGrid: false,
          labelInterpolationFnc: (value: string | number, index: number) =>
            index % every === 0 ? shortDay(String(value)) : '',
        },
        axisY: { onlyInteger: false, labelInterpolationFnc: (value: string | number) => formatUsd(Number(value)) },
        chartPadding: { left: 16, right: 8 },
      },
    );
    return () => {
      chart.detach();
    };
  }, [series]);
  return <div ref={host} className="chart__plot usage-chart" role="img" aria-label={`AI cost by day: ${summary}`} />;
}
