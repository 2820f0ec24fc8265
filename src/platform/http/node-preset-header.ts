import type { HttpBindings } from '@hono/node-server';
import type { PresetHeader } from './preset-header.js';

/**
 * Node: the header goes straight onto the ServerResponse (@hono/node-server passes it as `c.env.outgoing`), and Node
 * merges it into whatever response the app then writes; a header the response sets itself wins. This keeps responses
 * on @hono/node-server's fast path (plain header objects, no Web `Headers`): the security headers and the request id
 * cost ~24 us of CPU per request through Hono's prepared headers (bench: docs/PERFORMANCE.md). Without a
 * ServerResponse (`app.request()` in tests) it falls back to Hono's way.
 */
export const presetOnServerResponse: PresetHeader = (c, name, value) => {
  const outgoing = (c.env as Partial<HttpBindings> | undefined)?.outgoing;
  if (outgoing) outgoing.setHeader(name, value);
  else c.header(name, value);
};
