import { seedDemoContent } from '../../../src/exam/ingest/seed-demo.js';
import { loadWebAssets } from '../../../src/platform/web/node-web-assets.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { listen } from '../../../test/support/http-server.js';
import { createTestApp, type TestAppOptions } from '../../../test/support/test-app.js';
import { builtWebApp } from './build.js';

/**
 * The built web app and the API on a real socket, with a fresh SQLite database holding the demo courses (calc2,
 * calc3), as `npm start` serves them.
 */
export async function startAppServer(options: TestAppOptions = {}) {
  const webRoot = await builtWebApp();
  const webAssets = loadWebAssets(webRoot);
  if (!webAssets) throw new Error(`no web build in ${webRoot}`);
  const database: TestDatabase = await createTestDatabase('sqlite');
  const t = createTestApp(database, { ...options, app: { webAssets, ...options.app } });
  await seedDemoContent(t.db, t.clock.now());
  const server = await listen(t.app);
  return {
    url: server.url,
    webRoot,
    t,
    dropConnections: () => server.dropConnections(),
    async close() {
      await server.close();
      await database.destroy();
    },
  };
}

export type AppServer = Awaited<ReturnType<typeof startAppServer>>;
