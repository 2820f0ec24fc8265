import 'chartist/dist/index.css';
import { BarChart } from 'chartist';
import { useEffect, useRef } from 'react';
import type { Schemas } from '../../lib/api/client';
import { formatUsd } from './format';

type Day = Schemas['UsageReport']['days'][number];

/** Every day of the range, with the days without usage as zero (the report lists only days with usage). */
export function everyDay(
  from: string,
  to: string,
  days: Day[],
): Array<{ day: string; costUsd: number; calls: number }> {
  const byDay = new Map(days.map((d) => [d.day, d]));
  const out: Array<{ day: string; costUsd: number; calls: number }> = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    const row = byDay.get(day);
    out.push({ day, costUsd: row?.costUsd ?? 0, calls: row?.calls ?? 0 });
  }
  return out;
}

const shortDay = (day: string) =>
  new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(day));

/**
 * Cost per day as bars (Chartist, SVG), or calls per day when the range cost nothing (the offline coach is free, and a
 * flat line would hide the activity); the table under it carries the same numbers for screen readers.
 */
export function UsageChart({
  series,
  metric,
  summary,
}: {
  series: Array<{ day: string; costUsd: number; calls: number }>;
  metric: 'costUsd' | 'calls';
  summary: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const element = host.current;
    // Label every nth day so the axis stays readable from a week to a quarter; asked at every redraw, since the
    // chart redraws when its width changes (a phone turned, a window resized).
    const every = () => Math.max(1, Math.ceil(series.length / (element.clientWidth < 500 ? 4 : 8)));
    const chart = new BarChart(
      host.current,
      { labels: series.map((d) => d.day), series: [series.map((d) => d[metric])] },
      {
        height: '220px',
        low: 0,
        axisX: {
          showGrid: false,
          labelInterpolationFnc: (value: string | number, index: number) =>
            index % every() === 0 ? shortDay(String(value)) : '',
        },
        axisY: {
          offset: 56,
          onlyInteger: metric === 'calls',
          labelInterpolationFnc: (value: string | number) =>
            metric === 'costUsd' ? formatUsd(Number(value)) : String(value),
        },
        chartPadding: { left: 16, right: 8 },
      },
    );
    // Bars as wide as their share of the plot allows (a week's bars are broad, a quarter's thin), with a gap.
    chart.on('draw', (event) => {
      if (event.type === 'bar') {
        const width = Math.max(2, Math.min(24, (event.chartRect.width() / series.length) * 0.6));
        event.element.attr({ style: `stroke-width: ${width}px` });
      }
    });
    return () => {
      chart.detach();
    };
  }, [series, metric]);
  const what = metric === 'costUsd' ? 'AI cost by day' : 'AI calls by day';
  return <div ref={host} className="chart__plot usage-chart" role="img" aria-label={`${what}: ${summary}`} />;
}
