/**
 * A local fake of the part of the Stripe API that checkout creation uses: a real HTTP server the official `stripe`
 * SDK reaches through its `host`/`port`/`protocol` options. It answers `POST /v1/customers`,
 * `DELETE /v1/customers/{id}` (account deletion) and `POST /v1/checkout/sessions` with Stripe-shaped objects (a session for a customer it never created is
 * `resource_missing`, as on a real account), checks the bearer key, and honours `Idempotency-Key`
 * like Stripe: the same key and parameters replay the first response (with `Idempotent-Replayed: true`), the same
 * key with other parameters is an `idempotency_error`.
 *
 * Every request is recorded with its method, path, headers and form body (the SDK sends
 * `application/x-www-form-urlencoded`, e.g. `line_items[0][price_data][unit_amount]`).
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedStripeRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The form body, flat: `{ 'metadata[userId]': '…', 'line_items[0][quantity]': '1' }`. */
  form: Record<string, string>;
  idempotencyKey: string | undefined;
  /** True when the answer was a replay of an earlier request with the same idempotency key. */
  replayed: boolean;
  status?: number;
}

export interface FakeStripeOptions {
  /** The accepted secret key. Default `sk_test_fake`. */
  apiKey?: string;
}

export interface FakeStripe {
  host: string;
  port: number;
  requests: RecordedStripeRequest[];
  /** Requests to one path that succeeded and were not replays: the objects the fake created. */
  executed(path: string): RecordedStripeRequest[];
  /** The next `count` requests answer with this HTTP status and a Stripe error (e.g. 500, 503). */
  failNext(status: number, count?: number): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** `metadata[userId]` → the entries under `metadata`, as Stripe would store the hash. */
function hashParam(form: Record<string, string>, name: string): Record<string, string> {
  const prefix = `${name}[`;
  return Object.fromEntries(
    Object.entries(form)
      .filter(([k]) => k.startsWith(prefix) && k.indexOf(']') === k.length - 1)
      .map(([k, v]) => [k.slice(prefix.length, -1), v]),
  );
}

export async function startFakeStripe(options: FakeStripeOptions = {}): Promise<FakeStripe> {
  const apiKey = options.apiKey ?? 'sk_test_fake';
  const requests: RecordedStripeRequest[] = [];
  const idempotent = new Map<string, { form: string; status: number; body: unknown }>();
  const customers = new Set<string>();
  let counter = 0;
  let failures: { status: number; count: number } | undefined;

  const send = (
    res: ServerResponse,
    record: RecordedStripeRequest,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    record.status = status;
    res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_fake_${++counter}`, ...headers });
    res.end(JSON.stringify(body));
  };
  const stripeError = (type: string, message: string) => ({ error: { type, message } });

  function execute(path: string, form: Record<string, string>): { status: number; body: unknown } {
    const created = Math.floor(Date.now() / 1000);
    if (path === '/v1/customers') {
      const id = `cus_fake_${++counter}`;
      customers.add(id);
      return {
        status: 200,
        body: {
          id,
          object: 'customer',
          created,
          email: form.email ?? null,
          name: form.name ?? null,
          metadata: hashParam(form, 'metadata'),
          livemode: false,
        },
      };
    }
    if (path === '/v1/checkout/sessions') {
      if (form.customer && !customers.has(form.customer)) {
        return {
          status: 400,
          body: {
            error: {
              type: 'invalid_request_error',
              code: 'resource_missing',
              param: 'customer',
              message: `No such customer: '${form.customer}'`,
            },
          },
        };
      }
      const id = `cs_test_fake_${++counter}`;
      return {
        status: 200,
        body: {
          id,
          object: 'checkout.session',
          created,
          url: `https://checkout.stripe.com/c/pay/${id}`,
          mode: form.mode ?? 'payment',
          status: 'open',
          payment_status: 'unpaid',
          customer: form.customer ?? null,
          client_reference_id: form.client_reference_id ?? null,
          metadata: hashParam(form, 'metadata'),
          success_url: form.success_url ?? null,
          cancel_url: form.cancel_url ?? null,
          livemode: false,
        },
      };
    }
    return { status: 404, body: stripeError('invalid_request_error', `Unrecognized request URL (POST: ${path})`) };
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const raw = await readBody(req);
    const path = (req.url ?? '/').split('?')[0]!;
    const form = Object.fromEntries(new URLSearchParams(raw));
    const idempotencyKey = req.headers['idempotency-key'] as string | undefined;
    const record: RecordedStripeRequest = {
      method: req.method ?? 'GET',
      path,
      headers: req.headers,
      form,
      idempotencyKey,
      replayed: false,
    };
    requests.push(record);

    if (req.headers.authorization !== `Bearer ${apiKey}`) {
      return send(res, record, 401, stripeError('invalid_request_error', 'Invalid API Key provided'));
    }
    if (failures && failures.count > 0) {
      failures.count--;
      return send(res, record, failures.status, stripeError('api_error', 'The fake Stripe was told to fail'), {
        'stripe-should-retry': 'false',
      });
    }
    const deleted = req.method === 'DELETE' ? /^\/v1\/customers\/([^/]+)$/.exec(path)?.[1] : undefined;
    if (deleted !== undefined) {
      if (!customers.delete(deleted)) {
        return send(res, record, 404, {
          error: {
            type: 'invalid_request_error',
            code: 'resource_missing',
            param: 'id',
            message: `No such customer: '${deleted}'`,
          },
        });
      }
      return send(res, record, 200, { id: deleted, object: 'customer', deleted: true });
    }
    if (req.method !== 'POST') {
      return send(
        res,
        record,
        404,
        stripeError('invalid_request_error', `Unrecognized request URL (${req.method}: ${path})`),
      );
    }
    if (idempotencyKey) {
      const seen = idempotent.get(`${path} ${idempotencyKey}`);
      if (seen) {
        if (seen.form !== raw) {
          return send(
            res,
            record,
            400,
            stripeError(
              'idempotency_error',
              'Keys for idempotent requests can only be used with the same parameters they were first used with.',
            ),
          );
        }
        record.replayed = true;
        return send(res, record, seen.status, seen.body, {
          'idempotent-replayed': 'true',
          'idempotency-key': idempotencyKey,
        });
      }
    }
    const result = execute(path, form);
    if (idempotencyKey) idempotent.set(`${path} ${idempotencyKey}`, { form: raw, ...result });
    return send(res, record, result.status, result.body, idempotencyKey ? { 'idempotency-key': idempotencyKey } : {});
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify(stripeError('api_error', String(err))));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    host: '127.0.0.1',
    port,
    requests,
    executed: (path) => requests.filter((r) => r.path === path && !r.replayed && r.status === 200),
    failNext(status, count = 1) {
      failures = { status, count };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
