import 'chartist/dist/index.css';
import { BarChart, FixedScaleAxis, LineChart } from 'chartist';
import { type ReactNode, useEffect, useRef } from 'react';
import type { Schemas } from '../../lib/api/client';

type Analysis = Schemas['CourseAnalysis'];
const percent = (share: number) => `${Math.round(share * 100)}%`;
/** Axis labels fit one line; the table beside the chart has the full names. */
const shorten = (name: string) => (name.length > 26 ? `${name.slice(0, 24).trimEnd()}…` : name);

/**
 * Round ticks from 0 to past `max` (a percentage): a step of 1, 2, 5, 10, 20, 25 or 50 points, at most `intervals`
 * of them. Chartist's own scale split 0–15% every 1.25%.
 */
export function percentTicks(max: number, intervals: number): number[] {
  const step = [1, 2, 5, 10, 20, 25, 50].find((s) => Math.ceil(max / s) <= intervals) ?? 50;
  const count = Math.max(1, Math.ceil(max / step));
  return Array.from({ length: count + 1 }, (_, i) => i * step);
}

/** A chart drawn by Chartist (SVG, ~10 KB gzip, loaded with this chunk only) with its data as a table beside it. */
function Figure({
  id,
  title,
  summary,
  draw,
  table,
  legend,
}: {
  id: string;
  title: string;
  summary: string;
  draw: (element: HTMLElement) => { detach(): void };
  table: ReactNode;
  legend?: ReactNode;
}) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const chart = draw(host.current);
    return () => chart.detach();
  }, [draw]);
  return (
    <figure className="chart card" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>
        <h3>{title}</h3>
        <p className="small muted">{summary}</p>
      </figcaption>
      <div ref={host} className="chart__plot" role="img" aria-label={`${title}: ${summary}`} />
      {legend}
      <details>
        <summary>Show the data as a table</summary>
        <div className="table-wrap">{table}</div>
      </details>
    </figure>
  );
}

export default function AnalysisCharts({ analysis }: { analysis: Analysis }) {
  const topics = [...analysis.topics].sort((a, b) => b.shareOfPoints - a.shareOfPoints);
  const top = topics.slice(0, 8);
  const trending = topics.slice(0, 3);
  const leader = top[0];
  const shapes = analysis.examShape;

  return (
    <div className="stack">
      <Figure
        id="share"
        title="Share of exam points by topic"
        summary={
          leader
            ? `${leader.name} carries the most points (${percent(leader.shareOfPoints)} of all points over ${analysis.examCount} exams).`
            : 'No exam points recorded yet.'
        }
        draw={(element) => {
          const shares = top.map((t) => Math.round(t.shareOfPoints * 1000) / 10);
          const max = Math.max(0, ...shares);
          const ticks = percentTicks(max, 5);
          // A phone leaves ~100 px beside the topic names: two intervals, or the labels run together.
          const narrow = percentTicks(max, 2);
          return new BarChart(
            element,
            { labels: top.map((t) => t.name), series: [shares] },
            {
              horizontalBars: true,
              reverseData: true,
              low: 0,
              high: ticks.at(-1),
              axisY: { offset: 170, labelInterpolationFnc: (value: string | number) => shorten(String(value)) },
              axisX: {
                type: FixedScaleAxis,
                ticks,
                labelInterpolationFnc: (value: string | number) => `${value}%`,
              },
              // Room past the last tick for its label ("20%"), which was cut to "15" or wrapped at 390 px.
              chartPadding: { top: 15, right: 28, bottom: 5, left: 10 },
              height: `${Math.max(top.length * 30 + 40, 120)}px`,
            },
            [['screen and (max-width: 40rem)', { high: narrow.at(-1), axisX: { ticks: narrow } }]],
          );
        }}
        table={
          <table>
            <thead>
              <tr>
                <th scope="col">Topic</th>
                <th scope="col">Share of points</th>
                <th scope="col">Exams it appeared in</th>
                <th scope="col">Trend</th>
              </tr>
            </thead>
            <tbody>
              {topics.map((t) => (
                <tr key={t.topicId}>
                  <th scope="row">{t.name}</th>
                  <td>{percent(t.shareOfPoints)}</td>
                  <td>{t.examsAppeared}</td>
                  <td>{t.trend.direction}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      <Figure
        id="trend"
        title="Points by year, top topics"
        summary={trending.map((t) => `${t.name}: ${t.trend.direction}`).join('; ')}
        legend={
          <ul className="plain-list legend" aria-hidden="true">
            {trending.map((t, i) => (
              <li key={t.topicId}>
                <span className={`legend__swatch legend__swatch--${i}`} /> {t.name}
              </li>
            ))}
          </ul>
        }
        draw={(element) =>
          new LineChart(
            element,
            {
              labels: analysis.years.map(String),
              series: trending.map((t) => ({
                name: t.name,
                data: analysis.years.map((year) => t.trend.byYear.find((y) => y.year === year)?.points ?? 0),
              })),
            },
            { height: '220px', fullWidth: true, chartPadding: { right: 40 }, low: 0, lineSmooth: false },
          )
        }
        table={
          <table>
            <thead>
              <tr>
                <th scope="col">Year</th>
                {trending.map((t) => (
                  <th key={t.topicId} scope="col">
                    {t.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {analysis.years.map((year) => (
                <tr key={year}>
                  <th scope="row">{year}</th>
                  {trending.map((t) => (
                    <td key={t.topicId}>{t.trend.byYear.find((y) => y.year === year)?.points ?? 0} points</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      <Figure
        id="shape"
        title="Exam shape"
        summary={shapes
          .map(
            (s) =>
              `${s.examType}: ${s.averageQuestionCount.toFixed(0)} questions, ${s.averageTotalPoints.toFixed(0)} points`,
          )
          .join('; ')}
        draw={(element) =>
          new BarChart(
            element,
            { labels: shapes.map((s) => s.examType), series: [shapes.map((s) => Math.round(s.averageTotalPoints))] },
            { height: '200px', low: 0 },
          )
        }
        table={
          <table>
            <thead>
              <tr>
                <th scope="col">Exam type</th>
                <th scope="col">Exams</th>
                <th scope="col">Questions (average)</th>
                <th scope="col">Points (average)</th>
              </tr>
            </thead>
            <tbody>
              {shapes.map((s) => (
                <tr key={s.examType}>
                  <th scope="row">{s.examType}</th>
                  <td>{s.exams}</td>
                  <td>{s.averageQuestionCount.toFixed(1)}</td>
                  <td>{s.averageTotalPoints.toFixed(1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
    </div>
  );
}
