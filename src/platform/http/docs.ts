import { Scalar } from '@scalar/hono-api-reference';
import type { Hono } from 'hono';
import { compress } from 'hono/compress';
import type { AppEnv } from '../context.js';

export const API_REFERENCE_SCRIPT_PATH = '/docs/scalar.js';

/**
 * The interactive API reference at /docs (Scalar), reading /openapi.json. With `loadScript` (Node: the standalone
 * bundle from node_modules) the page's JavaScript is served from our own origin, so /docs works offline and sends
 * nothing to a CDN; without it the page loads Scalar from its CDN. Fonts, telemetry and the developer toolbar are off.
 */
export function mountApiReference(
  app: Hono<AppEnv>,
  options: { loadScript?: (() => Promise<string>) | undefined },
): void {
  const { loadScript } = options;
  if (loadScript) {
    // 3.5 MB of JavaScript: gzip brings it to about a quarter for browsers that accept it.
    app.use(API_REFERENCE_SCRIPT_PATH, compress());
    app.get(API_REFERENCE_SCRIPT_PATH, async (c) => {
      c.header('Content-Type', 'application/javascript; charset=utf-8');
      c.header('Cache-Control', 'public, max-age=86400');
      return c.body(await loadScript());
    });
  }
  app.get(
    '/docs',
    Scalar({
      url: '/openapi.json',
      pageTitle: 'Pathwise API reference',
      ...(loadScript ? { cdn: API_REFERENCE_SCRIPT_PATH } : {}),
      withDefaultFonts: false,
      telemetry: false,
      showDeveloperTools: 'never',
      agent: { disabled: true },
    }),
  );
}
