import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import type { App } from '../../../src/app.js';
import { seedDemoContent } from '../../../src/exam/ingest/seed-demo.js';
import { nodeServerOptions } from '../../../src/platform/http/node-preset-header.js';
import { smtpMailer } from '../../../src/platform/mail/smtp-mailer.js';
import { loadWebAssets } from '../../../src/platform/web/node-web-assets.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { createTestApp, type TestAppOptions } from '../../../test/support/test-app.js';
import { builtWebApp } from './build.js';

/**
 * A socket on a free loopback port whose requests go to `handler` once it is set: the port comes first, so the app can
 * be configured with its own address (PUBLIC_URL, which reset links and Stripe's return URLs are built from).
 */
async function openSocket() {
  let app: App | undefined;
  let server: ServerType | undefined;
  const port = await new Promise<number>((resolve) => {
    server = serve(
      {
        fetch: (request: Request) => (app ? app.fetch(request) : new Response('starting', { status: 503 })),
        port: 0,
        hostname: '127.0.0.1',
        serverOptions: nodeServerOptions,
      },
      (info: AddressInfo) => resolve(info.port),
    );
  });
  return {
    url: `http://127.0.0.1:${port}`,
    serve(handler: App) {
      app = handler;
    },
    dropConnections: () => (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.(),
    close: () =>
      new Promise<void>((resolve) => {
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        server?.close(() => resolve());
      }),
  };
}

/**
 * The built web app and the API on a real socket, with a fresh SQLite database holding the demo courses (calc2,
 * calc3), as `npm start` serves them: PUBLIC_URL is the server's own address, and with `SMTP_URL` set, mail goes out
 * over SMTP through nodemailer as main.ts sends it.
 */
export async function startAppServer(options: TestAppOptions = {}) {
  const webRoot = await builtWebApp();
  const webAssets = loadWebAssets(webRoot);
  if (!webAssets) throw new Error(`no web build in ${webRoot}`);
  const socket = await openSocket();
  const database: TestDatabase = await createTestDatabase('sqlite');
  const config = { PUBLIC_URL: socket.url, ...options.config };
  const mailer = config.SMTP_URL
    ? smtpMailer(config.SMTP_URL, config.MAIL_FROM ?? 'Pathwise <no-reply@localhost>')
    : undefined;
  const t = createTestApp(database, {
    ...options,
    config,
    app: { webAssets, ...(mailer ? { mailer } : {}), ...options.app },
  });
  await seedDemoContent(t.db, t.clock.now());
  socket.serve(t.app);
  return {
    url: socket.url,
    webRoot,
    t,
    /** The database, for what a test does beside the app (the CLI's commands take its URL). */
    database,
    /** Cuts every open connection (as a proxy or a lost network would) and keeps listening for new ones. */
    dropConnections: () => socket.dropConnections(),
    async close() {
      await socket.close();
      mailer?.close();
      await database.destroy();
    },
  };
}

export type AppServer = Awaited<ReturnType<typeof startAppServer>>;
