import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import type { App } from '../../src/app.js';
import { nodeServerOptions } from '../../src/platform/http/node-preset-header.js';

/**
 * Serves the app on a real loopback socket (for streaming and disconnect tests), with the server options main.ts uses
 * unless `plain` asks for Node's own ServerResponse.
 */
export async function listen(
  app: App,
  options: { plain?: boolean } = {},
): Promise<{ url: string; close(): Promise<void>; dropConnections(): void }> {
  let server: ServerType | undefined;
  const port = await new Promise<number>((resolve) => {
    server = serve(
      {
        fetch: app.fetch,
        port: 0,
        hostname: '127.0.0.1',
        ...(options.plain ? {} : { serverOptions: nodeServerOptions }),
      },
      (info: AddressInfo) => resolve(info.port),
    );
  });
  return {
    url: `http://127.0.0.1:${port}`,
    /** Cuts every open connection (as a proxy or a lost network would) and keeps listening for new ones. */
    dropConnections: () => (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.(),
    close: () =>
      new Promise<void>((resolve) => {
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        server?.close(() => resolve());
      }),
  };
}
