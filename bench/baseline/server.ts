/**
 * The baseline servers the app is measured against: `node:http` (BASELINE=node) or bare Hono (BASELINE=hono, a
 * sibling for orientation), each with the same session lookup, queries and JSON as Pathwise's benchmarked routes.
 * DATABASE_URL: `file:` (better-sqlite3 prepared statements) or `postgres://` (pg named prepared statements).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { browse, practice, type Reply, topics } from './handlers.js';
import { openStore } from './store.js';

const url = process.env.DATABASE_URL ?? '';
const port = Number(process.env.PORT ?? 0);
const store = openStore(url);
const TOPICS = /^\/api\/courses\/([^/]+)\/topics$/;

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function send(res: ServerResponse, reply: Reply): void {
  const body = JSON.stringify(reply.body);
  res.writeHead(reply.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function startNode() {
  const server = createServer((req, res) => {
    const [path = '/', search = ''] = (req.url ?? '/').split('?');
    const auth = req.headers.authorization;
    let reply: Promise<Reply>;
    const match = TOPICS.exec(path);
    if (req.method === 'GET' && match) reply = topics(store, decodeURIComponent(match[1]!), auth);
    else if (req.method === 'GET' && path === '/api/questions')
      reply = browse(store, new URLSearchParams(search), auth);
    else if (req.method === 'POST' && path === '/api/questions/practice')
      reply = readBody(req).then((body) => practice(store, body, auth));
    else if (path === '/health') reply = Promise.resolve({ status: 200, body: { status: 'ok' } });
    else reply = Promise.resolve({ status: 404, body: { error: { code: 'not_found', message: 'Not found' } } });
    reply.then(
      (r) => send(res, r),
      (error: unknown) => {
        console.error(error);
        send(res, { status: 500, body: { error: { code: 'internal', message: 'Internal error' } } });
      },
    );
  });
  server.keepAliveTimeout = 65_000;
  server.listen(port, '127.0.0.1');
  return () => server.close();
}

function startHono() {
  const app = new Hono();
  const json = (c: { json: (body: unknown, status: never) => Response }, r: Reply) => c.json(r.body, r.status as never);
  app.get('/health', (c) => c.json({ status: 'ok' }));
  app.get('/api/courses/:id/topics', async (c) =>
    json(c, await topics(store, c.req.param('id'), c.req.header('authorization'))),
  );
  app.get('/api/questions', async (c) =>
    json(c, await browse(store, new URL(c.req.url).searchParams, c.req.header('authorization'))),
  );
  app.post('/api/questions/practice', async (c) =>
    json(c, await practice(store, await c.req.json(), c.req.header('authorization'))),
  );
  const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
  return () => server.close();
}

const close = process.env.BASELINE === 'hono' ? startHono() : startNode();
const stop = () => {
  close();
  void store.close().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
