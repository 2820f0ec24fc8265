import { Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { RequestHistogram } from './request-histogram.js';

const BOUNDS = [0.001, 0.005, 0.025, 0.1, 1];

/** Every sample line as `name{labels}` -> value, with the labels in a fixed order so two writers compare equal. */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    const [, name, labels = '', value] = match;
    const sorted = (labels.match(/[a-z]+="(?:[^"\\]|\\.)*"/g) ?? []).sort().join(',');
    out.set(`${name}{${sorted}}`, Number(value));
  }
  return out;
}

describe('RequestHistogram', () => {
  it('writes the same counts, buckets and sums as prom-client would for the same requests', async () => {
    const registry = new Registry();
    const labelNames = ['method', 'route', 'status'] as const;
    const counter = new Counter({ name: 'http_requests_total', help: 'h', labelNames, registers: [registry] });
    const histogram = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'h',
      labelNames,
      buckets: BOUNDS,
      registers: [registry],
    });
    const ours = new RequestHistogram(BOUNDS);
    const requests: Array<[string, string, number, number]> = [
      ['GET', '/api/courses/:id/topics', 200, 0.0004],
      ['GET', '/api/courses/:id/topics', 200, 0.001], // on a bound: counted in that bucket
      ['GET', '/api/courses/:id/topics', 200, 0.02],
      ['GET', '/api/courses/:id/topics', 404, 0.003],
      ['POST', '/api/questions/practice', 201, 0.3],
      ['POST', '/api/questions/practice', 201, 4], // above every bound: only in +Inf
      ['GET', 'unmatched', 404, 0.0001],
    ];
    for (const [method, route, status, seconds] of requests) {
      counter.inc({ method, route, status: String(status) });
      histogram.observe({ method, route, status: String(status) }, seconds);
      ours.observe(method, route, status, seconds);
    }
    const theirs = samples(await registry.metrics());
    const mine = samples(ours.render());
    expect(mine.size).toBe(theirs.size);
    for (const [series, value] of theirs) expect([series, mine.get(series)]).toEqual([series, value]);
    expect(
      mine.get(
        'http_request_duration_seconds_bucket{le="0.001",method="GET",route="/api/courses/:id/topics",status="200"}',
      ),
    ).toBe(2);
  });

  it('escapes label values and declares both metric types', () => {
    const ours = new RequestHistogram([1]);
    ours.observe('GET', 'a"b\\c\nd', 200, 0.5);
    const text = ours.render();
    expect(text).toContain('# TYPE http_requests_total counter');
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(text).toContain('http_requests_total{method="GET",route="a\\"b\\\\c\\nd",status="200"} 1');
    expect(text.split('\n').filter((l) => l.startsWith('http_')).length).toBe(1 + 2 + 2);
  });
});
