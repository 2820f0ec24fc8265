import { createTestDatabase } from '/work/main/test/support/databases.ts';
import { createTestApp } from '/work/main/test/support/test-app.ts';
import { seedDemoContent } from '/work/main/src/exam/ingest/seed-demo.ts';
import { createPrometheusMetrics } from '/work/main/src/platform/observability/prometheus.ts';
import { Hono } from '/work/main/node_modules/hono/dist/index.js';
const db = await createTestDatabase('sqlite');
const t = createTestApp(db, { app: { metrics: createPrometheusMetrics() } });
await seedDemoContent(db.handle.db, new Date());
const { token } = await t.register();
const headers = { authorization: `Bearer ${token}`, host: 'localhost' };
const url = 'http://localhost/api/courses/calc2/topics';
const r = await t.app.fetch(new Request(url, { headers }));
console.log(r.status, (await r.text()).length);
async function time(name: string, fn: () => Promise<unknown>, n = 20000) {
  for (let i = 0; i < 3000; i++) await fn();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn();
  const c = process.cpuUsage(c0);
  console.log(name.padEnd(24), ((performance.now() - t0) * 1000 / n).toFixed(1), 'us wall', ((c.user + c.system) / n).toFixed(1), 'us cpu');
}
const req = () => new Request(url, { headers });
await time('new Request only', async () => req());
await time('pathwise app.fetch', async () => { const res = await t.app.fetch(req()); await res.text(); });
await time('pathwise app.fetch', async () => { const res = await t.app.fetch(req()); await res.text(); });
await db.destroy();
