import { type IncomingMessage, type OutgoingHttpHeader, type OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { HttpBindings } from '@hono/node-server';
import type { PresetHeader } from './preset-header.js';

type HeadersArgument = OutgoingHttpHeaders | OutgoingHttpHeader[] | undefined;

/**
 * A ServerResponse that holds headers preset before the handler runs (security headers, request id) and writes them
 * in the same `writeHead` call as the response's own headers; a header the response sets itself wins. Node's
 * `setHeader` would do the same, but every header set that way is validated and stored once, and then the response's
 * own headers take Node's slow path through `setHeader` as well: with a dozen preset headers that costs ~2.3 us of CPU
 * per response against ~1 us this way (docs/PERFORMANCE.md). The server uses it through `nodeServerOptions`.
 */
export class PresetHeadersResponse<Request extends IncomingMessage = IncomingMessage> extends ServerResponse<Request> {
  /** Name, value, name, value, ... in the order they were preset. */
  #preset: string[] | undefined;

  preset(name: string, value: string): void {
    if (this.#preset) this.#preset.push(name, value);
    else this.#preset = [name, value];
  }

  override writeHead(statusCode: number, statusMessage?: string, headers?: HeadersArgument): this;
  override writeHead(statusCode: number, headers?: HeadersArgument): this;
  override writeHead(statusCode: number, messageOrHeaders?: string | HeadersArgument, maybeHeaders?: HeadersArgument) {
    const statusMessage = typeof messageOrHeaders === 'string' ? messageOrHeaders : undefined;
    let headers = typeof messageOrHeaders === 'string' ? maybeHeaders : messageOrHeaders;
    const preset = this.#preset;
    this.#preset = undefined;
    if (preset) {
      if (isRecord(headers) && this.getHeaderNames().length === 0) headers = merged(preset, headers);
      else {
        // Headers already set with setHeader, or given as an array: Node's own merge, where the response's win.
        for (let i = 0; i < preset.length; i += 2) {
          if (!this.hasHeader(preset[i] as string)) this.setHeader(preset[i] as string, preset[i + 1] as string);
        }
      }
    }
    return statusMessage === undefined
      ? super.writeHead(statusCode, headers)
      : super.writeHead(statusCode, statusMessage, headers);
  }
}

function isRecord(headers: HeadersArgument): headers is OutgoingHttpHeaders | undefined {
  return headers === undefined || !Array.isArray(headers);
}

/** The response's headers after the preset ones it does not set itself, as the flat list `writeHead` accepts. */
function merged(preset: string[], own: OutgoingHttpHeaders | undefined): OutgoingHttpHeader[] {
  const list: OutgoingHttpHeader[] = [];
  const ownNames: string[] = [];
  for (const name in own) {
    const value = own[name];
    if (value === undefined) continue;
    ownNames.push(name.toLowerCase());
    list.push(name, value);
  }
  for (let i = 0; i < preset.length; i += 2) {
    const name = preset[i] as string;
    // Lower-cased only when an own name has its length (rare: the response's own are a few, mostly content-*).
    const setByResponse = ownNames.some((ownName) => ownName.length === name.length && ownName === name.toLowerCase());
    if (!setByResponse) list.push(name, preset[i + 1] as string);
  }
  return list;
}

/** What `serve()` (@hono/node-server) needs so that `presetOnServerResponse` takes the cheap way. */
export const nodeServerOptions = { ServerResponse: PresetHeadersResponse };

/**
 * Node: the header goes onto the ServerResponse (@hono/node-server passes it as `c.env.outgoing`) and is written with
 * whatever response the app then sends; a header the response sets itself wins. This keeps responses on
 * @hono/node-server's fast path (plain header objects, no Web `Headers`): the security headers and the request id
 * cost ~24 us of CPU per request through Hono's prepared headers (bench: docs/PERFORMANCE.md). A server started
 * without `nodeServerOptions` gets them through `setHeader`; without a ServerResponse (`app.request()` in tests),
 * Hono's way.
 */
export const presetOnServerResponse: PresetHeader = (c, name, value) => {
  const outgoing = (c.env as Partial<HttpBindings> | undefined)?.outgoing;
  if (outgoing instanceof PresetHeadersResponse) outgoing.preset(name, value);
  else if (outgoing) outgoing.setHeader(name, value);
  else c.header(name, value);
};
