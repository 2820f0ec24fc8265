/**
 * The baseline for serving a hashed web asset: a bare `node:http` server holding one file in memory, gzipped once at
 * start (as the app does), answering its path with the same headers the app sends for a hashed asset. What the app's
 * static serving is measured against in bench/scenarios/web.ts. ASSET_FILE: the file; ASSET_PATH: its URL path.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { constants, gzipSync } from 'node:zlib';

const file = process.env.ASSET_FILE ?? '';
const assetPath = process.env.ASSET_PATH ?? '';
const port = Number(process.env.PORT ?? 0);
const body = readFileSync(file);
const gzip = gzipSync(body, { level: constants.Z_BEST_COMPRESSION });
const headers = {
  'content-type': 'text/javascript; charset=utf-8',
  'cache-control': 'public, max-age=31536000, immutable',
  vary: 'accept-encoding',
  etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
};

createServer((req, res) => {
  const path = (req.url ?? '/').split('?')[0];
  if (path === '/health') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    return;
  }
  if (path !== assetPath) {
    res.writeHead(404).end();
    return;
  }
  const gzipped = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
  const payload = gzipped ? gzip : body;
  res.writeHead(200, {
    ...headers,
    'content-length': payload.byteLength,
    ...(gzipped ? { 'content-encoding': 'gzip' } : {}),
  });
  res.end(payload);
}).listen(port, '127.0.0.1');
