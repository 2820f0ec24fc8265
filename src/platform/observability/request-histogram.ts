/**
 * HTTP requests by method, matched route and status: a count and a latency histogram per series, kept as plain
 * numbers on the request path and written in Prometheus' text format when scraped. prom-client's `observe` validates
 * and hashes the label object on every call (~2 us per request with the counter beside it, docs/PERFORMANCE.md);
 * here a request costs one string key and one Map lookup. The series are bounded: routes are patterns from our code
 * (`unmatched` for the rest), methods are the few Node's parser accepts, statuses are three digits.
 */
interface Series {
  labels: string;
  /** Requests per bucket (not cumulative); the last counts those above the largest bound. */
  counts: number[];
  sum: number;
  count: number;
}

const escapeLabel = (value: string) => value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

export class RequestHistogram {
  readonly #bounds: readonly number[];
  readonly #series = new Map<string, Series>();

  constructor(bounds: readonly number[]) {
    this.#bounds = [...bounds].sort((a, b) => a - b);
  }

  observe(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${status} ${route}`;
    let series = this.#series.get(key);
    if (!series) {
      const labels = `method="${escapeLabel(method)}",route="${escapeLabel(route)}",status="${status}"`;
      series = { labels, counts: new Array<number>(this.#bounds.length + 1).fill(0), sum: 0, count: 0 };
      this.#series.set(key, series);
    }
    let bucket = 0;
    while (bucket < this.#bounds.length && seconds > (this.#bounds[bucket] as number)) bucket++;
    series.counts[bucket] = (series.counts[bucket] as number) + 1;
    series.sum += seconds;
    series.count++;
  }

  /** `http_requests_total` and `http_request_duration_seconds` in the Prometheus text format (0.0.4). */
  render(): string {
    const total = [
      '# HELP http_requests_total HTTP requests answered, by method, matched route pattern and status',
      '# TYPE http_requests_total counter',
    ];
    const duration = [
      '# HELP http_request_duration_seconds Time to the response headers (for SSE streams: until the stream starts), ' +
        'by method, route and status',
      '# TYPE http_request_duration_seconds histogram',
    ];
    for (const { labels, counts, sum, count } of this.#series.values()) {
      total.push(`http_requests_total{${labels}} ${count}`);
      let cumulative = 0;
      this.#bounds.forEach((bound, i) => {
        cumulative += counts[i] as number;
        duration.push(`http_request_duration_seconds_bucket{le="${bound}",${labels}} ${cumulative}`);
      });
      duration.push(`http_request_duration_seconds_bucket{le="+Inf",${labels}} ${count}`);
      duration.push(`http_request_duration_seconds_sum{${labels}} ${sum}`);
      duration.push(`http_request_duration_seconds_count{${labels}} ${count}`);
    }
    return `${total.join('\n')}\n\n${duration.join('\n')}\n`;
  }
}
