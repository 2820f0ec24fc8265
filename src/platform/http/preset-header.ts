import type { Context } from 'hono';

/**
 * Sets a response header before the handler runs, for every response the request ends with (answer or error). The
 * runtime decides how: `createApp`'s `presetHeader` option (Node: `presetOnServerResponse` in node-preset-header.ts).
 */
export type PresetHeader = (c: Context, name: string, value: string) => void;

/**
 * Hono's way, on every runtime: the header joins the headers each response of this request is built with. It costs a
 * Web `Headers` object per request, which @hono/node-server then copies header by header.
 */
export const presetWithHono: PresetHeader = (c, name, value) => c.header(name, value);
