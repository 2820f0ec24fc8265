import { createServer, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeServerOptions, type PresetHeadersResponse } from '../../src/platform/http/node-preset-header.js';

/** Raw response: status line, headers as Node received them (names lower-case, repeats kept), body. */
interface RawResponse {
  status: number;
  statusMessage: string;
  rawHeaders: string[];
  body: string;
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

/** Serves one handler on a real socket with the server options main.ts uses, and makes one GET. */
async function answer(handler: (res: PresetHeadersResponse) => void): Promise<RawResponse> {
  const server = createServer(nodeServerOptions, (_req, res) => handler(res as PresetHeadersResponse));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  close = () => new Promise((resolve) => server.close(() => resolve()));
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    request({ port, host: '127.0.0.1', path: '/' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          statusMessage: res.statusMessage ?? '',
          rawHeaders: res.rawHeaders,
          body,
        }),
      );
    })
      .on('error', reject)
      .end();
  });
}

/** Every value sent under `name` (case-insensitive), in order. */
function values(res: RawResponse, name: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < res.rawHeaders.length; i += 2) {
    if (res.rawHeaders[i]?.toLowerCase() === name) found.push(res.rawHeaders[i + 1] as string);
  }
  return found;
}

function preset(res: PresetHeadersResponse) {
  res.preset('X-Frame-Options', 'SAMEORIGIN');
  res.preset('X-Content-Type-Options', 'nosniff');
  res.preset('X-Request-Id', 'req-1');
}

describe('PresetHeadersResponse (headers preset before the handler, written with the response)', () => {
  it('writes preset headers once next to the response’s own, with the body intact', async () => {
    const res = await answer((r) => {
      preset(r);
      r.writeHead(201, { 'Content-Type': 'application/json', 'Content-Length': 11 });
      r.end('{"ok":true}');
    });
    expect(res.status).toBe(201);
    expect(res.body).toBe('{"ok":true}');
    expect(values(res, 'x-frame-options')).toEqual(['SAMEORIGIN']);
    expect(values(res, 'x-content-type-options')).toEqual(['nosniff']);
    expect(values(res, 'x-request-id')).toEqual(['req-1']);
    expect(values(res, 'content-type')).toEqual(['application/json']);
    expect(values(res, 'content-length')).toEqual(['11']);
  });

  it('lets a header the response sets itself win, whatever its case', async () => {
    const res = await answer((r) => {
      preset(r);
      r.writeHead(200, { 'x-frame-options': 'DENY' });
      r.end();
    });
    expect(values(res, 'x-frame-options')).toEqual(['DENY']);
    expect(values(res, 'x-request-id')).toEqual(['req-1']);
  });

  it('keeps the status message and repeated values (Set-Cookie)', async () => {
    const res = await answer((r) => {
      preset(r);
      r.writeHead(200, 'Fine', { 'Set-Cookie': ['a=1', 'b=2'] });
      r.end();
    });
    expect(res.statusMessage).toBe('Fine');
    expect(values(res, 'set-cookie')).toEqual(['a=1', 'b=2']);
    expect(values(res, 'x-content-type-options')).toEqual(['nosniff']);
  });

  it('merges the Node way when headers were already set with setHeader: the response wins', async () => {
    const res = await answer((r) => {
      preset(r);
      r.setHeader('X-Frame-Options', 'DENY');
      r.writeHead(200, { 'X-Request-Id': 'from-response' });
      r.end();
    });
    expect(values(res, 'x-frame-options')).toEqual(['DENY']);
    expect(values(res, 'x-request-id')).toEqual(['from-response']);
    expect(values(res, 'x-content-type-options')).toEqual(['nosniff']);
  });

  it('merges headers given as a flat list, the response winning', async () => {
    const res = await answer((r) => {
      preset(r);
      r.writeHead(200, ['X-Request-Id', 'listed', 'Content-Type', 'text/plain']);
      r.end('hi');
    });
    expect(values(res, 'x-request-id')).toEqual(['listed']);
    expect(values(res, 'x-frame-options')).toEqual(['SAMEORIGIN']);
    expect(res.body).toBe('hi');
  });

  it('writes them when the response never calls writeHead (implicit headers, a streamed body)', async () => {
    const res = await answer((r: ServerResponse) => {
      preset(r as PresetHeadersResponse);
      r.statusCode = 202;
      r.write('part 1, ');
      r.end('part 2');
    });
    expect(res.status).toBe(202);
    expect(res.body).toBe('part 1, part 2');
    expect(values(res, 'x-frame-options')).toEqual(['SAMEORIGIN']);
    expect(values(res, 'x-request-id')).toEqual(['req-1']);
  });

  it('sends only what the response has when nothing was preset', async () => {
    const res = await answer((r) => {
      r.writeHead(204, { 'X-Only': 'this' });
      r.end();
    });
    expect(res.status).toBe(204);
    expect(values(res, 'x-only')).toEqual(['this']);
    expect(values(res, 'x-frame-options')).toEqual([]);
  });
});
