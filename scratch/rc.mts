import { RegExpRouter } from '/work/main/node_modules/hono/dist/router/reg-exp-router/index.js';
import { createTestDatabase } from '/work/main/test/support/databases.ts';
import { createTestApp } from '/work/main/test/support/test-app.ts';
const db = await createTestDatabase('sqlite');
const t = createTestApp(db);
const routes = (t.app as any).routes as Array<{ method: string; path: string }>;
const added: string[] = [];
const r = new RegExpRouter<number>();
for (const [i, x] of routes.entries()) {
  try { r.add(x.method, x.path, i); added.push(x.method + ' ' + x.path); } catch (e) { console.log('FAIL', x.method, x.path); console.log([...new Set(added)].join('\n')); break; }
}
await db.destroy();
