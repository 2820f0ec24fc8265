import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants, gzipSync } from 'node:zlib';
import type { WebAsset, WebAssets } from './web-app.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};
const COMPRESSIBLE = /^(text\/|application\/json|image\/svg)/;

/** Where `npm run build` puts the web app (vite.config.ts's outDir), beside dist/main.js. */
export const defaultWebRoot = () => fileURLToPath(new URL('../../web/', import.meta.url));

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

function toAsset(body: Uint8Array, extension: string): WebAsset {
  const contentType = CONTENT_TYPES[extension] ?? 'application/octet-stream';
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  const asset: WebAsset = { body, contentType, etag };
  if (COMPRESSIBLE.test(contentType) && body.byteLength > 512) {
    const gzip = gzipSync(body, { level: constants.Z_BEST_COMPRESSION });
    if (gzip.byteLength < body.byteLength) asset.gzip = gzip;
  }
  return asset;
}

/**
 * Reads the built web app into memory once (it is a few hundred KB; fonts included, about 2 MB), gzipping what
 * compresses, so serving a file is a map lookup. Undefined when the build is missing (`tsx src/main.ts` without
 * `npm run build`): the API still serves. Files starting with `_` are Workers' settings (`_headers`), not content.
 */
export function loadWebAssets(root: string = defaultWebRoot()): WebAssets | undefined {
  if (!existsSync(join(root, 'index.html'))) return undefined;
  const byPath = new Map<string, WebAsset>();
  for (const file of files(root)) {
    const path = `/${relative(root, file).split(sep).join('/')}`;
    if (path.startsWith('/_')) continue;
    const extension = path.slice(path.lastIndexOf('.'));
    byPath.set(path, toAsset(readFileSync(file), extension));
  }
  return { get: (path) => byPath.get(path) };
}
