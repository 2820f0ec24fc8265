import type { Context, MiddlewareHandler, NotFoundHandler } from 'hono';
import type { AppEnv } from '../context.js';

/** One file of the web app's build, read once at start (see node-web-assets.ts). */
export interface WebAsset {
  body: Uint8Array;
  /** The same bytes gzipped, when that is smaller. */
  gzip?: Uint8Array;
  contentType: string;
  etag: string;
}

/** The web app's build output by URL path (`/index.html`, `/assets/index-3f2a1b.js`). */
export interface WebAssets {
  get(path: string): WebAsset | undefined;
}

/** Vite names every file under /assets/ by its content hash, so a URL there never changes meaning. */
export const HASHED_ASSET_PREFIX = '/assets/';
const IMMUTABLE = 'public, max-age=31536000, immutable';
// index.html names the current hashed files: always revalidated, so a deploy is seen on the next load.
const REVALIDATE = 'no-cache';

/** Paths the server answers itself: never the web app, so they keep their own answers and the JSON 404. */
const SERVER_PATHS = ['/api', '/docs', '/openapi.json', '/health', '/ready', '/metrics'];
export const isServerPath = (path: string) =>
  SERVER_PATHS.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));

/** A client-side route: not the server's, and not a file (a missing `/x.js` is a 404, not the app's HTML). */
const isAppRoute = (path: string) =>
  !isServerPath(path) &&
  !path.startsWith(HASHED_ASSET_PREFIX) &&
  !/\.[a-z0-9]+$/i.test(path.slice(path.lastIndexOf('/')));

function respond(c: Context, asset: WebAsset, cacheControl: string): Response {
  const headers: Record<string, string> = {
    'content-type': asset.contentType,
    'cache-control': cacheControl,
    etag: asset.etag,
    vary: 'accept-encoding',
  };
  if (c.req.header('if-none-match') === asset.etag) return new Response(null, { status: 304, headers });
  let body = asset.body;
  if (asset.gzip && /\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) {
    body = asset.gzip;
    headers['content-encoding'] = 'gzip';
  }
  headers['content-length'] = String(body.byteLength);
  // Node's Buffers are views of possibly shared memory; Response takes them as they are.
  return new Response(c.req.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), { status: 200, headers });
}

/**
 * Hashed assets, answered before the request edge (request ids, logs, metrics, timeouts): a static file needs none of
 * it, and this is the path a page load hits most. A middleware, not a route, so a missing file falls through to the
 * JSON 404 (a GET route here would make it a 405).
 */
export function hashedAssets(assets: WebAssets): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const asset = c.req.method === 'GET' || c.req.method === 'HEAD' ? assets.get(c.req.path) : undefined;
    if (!asset) return next();
    return respond(c, asset, IMMUTABLE);
  };
}

/**
 * For what no route answers: the web app's other files (favicon, index.html) and the client-route fallback, where
 * any GET of an app path that is not a file answers index.html, so deep links (/courses/calc2, /questions/q1) load
 * the app, which routes them. Everything else goes to `notFound` (the JSON 404, or 405 with Allow). Not a route
 * itself, so it adds no GET to every path's allowed methods.
 */
export function webAppFallback(assets: WebAssets, notFound: NotFoundHandler<AppEnv>): NotFoundHandler<AppEnv> {
  return (c) => {
    const path = c.req.path;
    if ((c.req.method !== 'GET' && c.req.method !== 'HEAD') || isServerPath(path)) return notFound(c);
    const file = path === '/' ? undefined : assets.get(path);
    if (file && !path.startsWith(HASHED_ASSET_PREFIX)) return respond(c, file, REVALIDATE);
    const index = assets.get('/index.html');
    if (!index || !isAppRoute(path)) return notFound(c);
    return respond(c, index, REVALIDATE);
  };
}
