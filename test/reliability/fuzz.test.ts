import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeStripe, startFakeStripe } from '../fakes/stripe-server.js';
import { sampleProfile } from '../support/coach-fixtures.js';
import { createTestDatabase, dialects, type TestDatabase } from '../support/databases.js';
import { reportFigure } from '../support/reliability-figures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * An OpenAPI-driven fuzzer: every operation of /openapi.json, called with wrong types, missing and extra fields, huge
 * and deep values, NUL, lone surrogates and right-to-left text, bad content types, forged cursors and tokens. Every
 * answer must be below 500, every error in the one envelope, and no body may carry a stack or SQL text.
 * FUZZ_REQUESTS (default 5,000 per database) and FUZZ_SEED (default fixed, so CI is reproducible) tune it.
 */
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 5000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261207);

type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  minimum?: number;
  minLength?: number;
  default?: unknown;
};
type Parameter = { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema?: Schema };
type Operation = {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: Schema;
  secured: boolean;
};
type Document = {
  paths: Record<
    string,
    Record<
      string,
      { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> }; security?: unknown[] }
    >
  >;
  components: { schemas: Record<string, Schema> };
};

function operationsOf(doc: Document): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      operations.push({
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        body: op.requestBody?.content['application/json']?.schema,
        secured: (op.security?.length ?? 0) > 0,
      });
    }
  }
  return operations;
}

/** A value the schema accepts, roughly: the starting point that mutations then break in one place. */
function exampleOf(doc: Document, schema: Schema | undefined, depth = 0): unknown {
  if (!schema || depth > 6) return null;
  if (schema.$ref) return exampleOf(doc, doc.components.schemas[schema.$ref.split('/').at(-1) ?? ''], depth + 1);
  if (schema.default !== undefined) return schema.default;
  if (schema.enum) return schema.enum[0];
  const variant = schema.anyOf?.[0] ?? schema.oneOf?.[0] ?? schema.allOf?.[0];
  if (variant) return exampleOf(doc, variant, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const [key, property] of Object.entries(schema.properties ?? {})) {
        value[key] = exampleOf(doc, property, depth + 1);
      }
      return value;
    }
    case 'array':
      return [exampleOf(doc, schema.items, depth + 1)];
    case 'integer':
    case 'number':
      return Math.max(1, schema.minimum ?? 1);
    case 'boolean':
      return true;
    case 'string':
      return 'x'.repeat(Math.max(1, schema.minLength ?? 8));
    default:
      return null;
  }
}

const deep = (levels: number) => JSON.parse(`${'['.repeat(levels)}${']'.repeat(levels)}`) as unknown;
const hostileString = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udfffy',
    '\u202eevil\u202c',
    'שלום עולם',
    '🎓'.repeat(50),
    '',
    ' ',
    '../../etc/passwd',
    "' OR 1=1 --",
    '%00',
    '{{7*7}}',
    '<script>alert(1)</script>',
    'x'.repeat(70_000),
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(-1, 0, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, true, false, null, [], {}),
  fc.constant(deep(2000)),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Hostile values short enough to put in a cursor. */
const shortHostile = fc.oneof(
  fc.constantFrom('\u0000', '\ud800', '\u202e', '', [1, 2], { x: 1 }, {}, null, -1, 1e308, true),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

/** A cursor of any shape, encoded as the API encodes its own. */
const forgedCursor = fc
  .oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.record({ id: shortHostile }),
    fc.record({ createdAt: shortHostile, id: shortHostile }),
  )
  .map((v) =>
    btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(v) ?? 'null')))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, ''),
  );

type Mutation =
  | { kind: 'field'; path: string[]; value: unknown }
  | { kind: 'drop'; index: number }
  | { kind: 'extra'; value: unknown }
  | { kind: 'whole'; value: unknown }
  | { kind: 'raw'; text: string; contentType: string | null }
  | { kind: 'none' };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('field' as const),
    path: fc.array(fc.constantFrom('0', 'a', 'platforms', 'message'), { maxLength: 0 }),
    value: hostileValue,
  }),
  fc.record({ kind: fc.constant('drop' as const), index: fc.nat(10) }),
  fc.record({ kind: fc.constant('extra' as const), value: hostileValue }),
  fc.record({ kind: fc.constant('whole' as const), value: hostileValue }),
  fc.record({
    kind: fc.constant('raw' as const),
    text: fc.constantFrom('{"a":', 'not json', '', '\u0000', '[]', 'null', `{"x":"${'y'.repeat(2_000_000)}"}`),
    contentType: fc.constantFrom('application/json', 'text/plain', 'multipart/form-data; boundary=x', null),
  }),
  fc.constant({ kind: 'none' as const }),
);

/** encodeURIComponent, except that a lone surrogate goes out as the three bytes a careless client would send. */
function encodeLoosely(text: string): string {
  let out = '';
  for (const ch of text) {
    try {
      out += encodeURIComponent(ch);
    } catch {
      const unit = ch.charCodeAt(0);
      out += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    }
  }
  return out;
}

const STACK_OR_SQL =
  /\n\s+at [^\n]+:\d+:\d+|SQLITE_|syntax error at|violates|duplicate key|\bSELECT\b[^"]*\bFROM\b|\bINSERT INTO\b|node_modules|TypeError|ReferenceError/;

describe.each(dialects)('OpenAPI fuzzer on %s', (dialect) => {
  let database: TestDatabase;
  let stripe: FakeStripe;
  let t: TestApp;
  let token: string;
  let ids: Record<string, string>;
  let operations: Operation[];
  let doc: Document;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    stripe = await startFakeStripe({ apiKey: 'sk_test_fuzz' });
    t = createTestApp(database, {
      config: {
        STRIPE_SECRET_KEY: 'sk_test_fuzz',
        STRIPE_WEBHOOK_SECRET: 'whsec_fuzz',
        STRIPE_API_HOST: stripe.host,
        STRIPE_API_PORT: stripe.port,
        STRIPE_API_PROTOCOL: 'http',
      },
    });
    await t.seedFixture();
    const owner = await t.register();
    token = owner.token;
    await t.setCredits(owner.user.id, 1_000_000);
    await t.call('POST', '/api/v1/monetization/profile', { token, body: sampleProfile });
    const project = await t.call('POST', '/api/v1/monetization/projects', {
      token,
      body: { opportunityId: 'premium-community' },
    });
    const question = await t.db.selectFrom('questions').select('id').executeTakeFirstOrThrow();
    ids = { id: 'fixture', courseId: 'fixture', taskId: 'task-1' };
    // Path parameters named {id} stand for a course, a question or a project depending on the path.
    ids.project = project.json.project.id;
    ids.question = question.id;
    doc = (await t.call('GET', '/openapi.json')).json as Document;
    operations = operationsOf(doc);
  });
  afterAll(async () => {
    await stripe.close();
    await database.destroy();
  });

  const validPathValue = (path: string, name: string) => {
    if (name === 'taskId') return 'task-1';
    if (path.includes('/projects/')) return ids.project;
    if (path.startsWith('/api/questions/')) return ids.question;
    return ids.id;
  };

  it(`answers ${REQUESTS} hostile requests below 500, in the one envelope, without stack or SQL text`, async () => {
    const statuses = new Map<number, number>();
    const timeByOperation = new Map<string, number>();
    const failures: string[] = [];
    let sent = 0;
    const fuzzCase = fc.record({
      operation: fc.nat(),
      field: fc.nat(),
      mutation,
      pathValue: hostileValue,
      query: fc.array(
        fc.record({ value: hostileValue, cursor: forgedCursor, useCursor: fc.boolean(), omit: fc.boolean() }),
        { minLength: 8, maxLength: 8 },
      ),
      token: fc.constantFrom('valid', 'valid', 'valid', 'none', 'garbage', 'huge', 'basic'),
      validPath: fc.boolean(),
    });

    // Drawn up front from one seed (reproducible), then sent one by one; every failure is listed at the end.
    const t0 = performance.now();
    const cases = fc.sample(fuzzCase, { numRuns: REQUESTS, seed: SEED });
    const tSample = performance.now() - t0;
    let tRegex = 0;
    for (const c of cases) {
      {
        const op = operations[c.operation % operations.length] as Operation;
        const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
          const value = c.validPath ? validPathValue(op.path, name) : c.pathValue;
          return encodeLoosely(typeof value === 'string' ? value : (JSON.stringify(value) ?? 'null'));
        });
        const query = new URLSearchParams();
        for (const [i, parameter] of op.parameters.filter((p) => p.in === 'query').entries()) {
          const q = c.query[i % c.query.length];
          if (!q || q.omit) continue;
          const value = parameter.name === 'cursor' && q.useCursor ? q.cursor : q.value;
          query.set(parameter.name, typeof value === 'string' ? value : (JSON.stringify(value) ?? 'null'));
        }
        const headers: Record<string, string> = {};
        // Logging out would end the session every other case uses.
        const tokenKind = op.path === '/api/auth/logout' && c.token === 'valid' ? 'garbage' : c.token;
        if (tokenKind === 'valid') headers.authorization = `Bearer ${token}`;
        if (tokenKind === 'garbage') headers.authorization = 'Bearer not-a-token';
        if (tokenKind === 'huge') headers.authorization = `Bearer ${'x'.repeat(8000)}`;
        if (tokenKind === 'basic') headers.authorization = 'Basic dXNlcjpwYXNz';
        if (op.path === '/api/webhooks/stripe') headers['stripe-signature'] = 't=1,v1=forged';
        let body: string | undefined;
        if (op.method !== 'GET' && op.method !== 'HEAD') {
          const m = c.mutation;
          if (m.kind === 'raw') {
            body = m.text;
            if (m.contentType) headers['content-type'] = m.contentType;
          } else {
            let value = exampleOf(doc, op.body);
            if (m.kind === 'whole') value = m.value;
            if (value && typeof value === 'object' && !Array.isArray(value)) {
              const record = value as Record<string, unknown>;
              const keys = Object.keys(record);
              if (m.kind === 'field' && keys.length > 0) record[keys[c.field % keys.length] as string] = m.value;
              if (m.kind === 'drop' && keys.length > 0) delete record[keys[m.index % keys.length] as string];
              if (m.kind === 'extra') record.unexpectedField = m.value;
            }
            body = JSON.stringify(value) ?? 'null';
            headers['content-type'] = 'application/json';
          }
        }
        const url = query.size > 0 ? `${path}?${query}` : path;
        const started = performance.now();
        const res = await t.app.request(url, { method: op.method, headers, ...(body === undefined ? {} : { body }) });
        const text = await res.text();
        const key = `${op.method} ${op.path}`;
        timeByOperation.set(key, (timeByOperation.get(key) ?? 0) + performance.now() - started);
        sent++;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const where = `${op.method} ${url.slice(0, 200)} -> ${res.status}`;
        if (res.status >= 500) failures.push(`${where}: ${text.slice(0, 300)}`);
        const r0 = performance.now();
        const leaky = STACK_OR_SQL.test(text);
        tRegex += performance.now() - r0;
        if (leaky) failures.push(`${where}: stack or SQL text: ${text.slice(0, 300)}`);
        if (res.status >= 400) {
          let envelope: { error?: { code?: unknown; message?: unknown } } | undefined;
          try {
            envelope = JSON.parse(text);
          } catch {
            envelope = undefined;
          }
          if (typeof envelope?.error?.code !== 'string' || typeof envelope.error.message !== 'string') {
            failures.push(`${where}: not the error envelope: ${text.slice(0, 200)}`);
          }
        }
      }
    }

    const summary = [...statuses.entries()]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}×${n}`)
      .join(' ');
    reportFigure(
      `fuzzer (${dialect})`,
      `${sent} requests over ${operations.length} operations, ${failures.length} failures; ${summary}`,
    );
    if (process.env.FUZZ_TIMES) {
      const slowest = [...timeByOperation.entries()].sort(([, a], [, b]) => b - a).slice(0, 8);
      const total = [...timeByOperation.values()].reduce((a, b) => a + b, 0);
      reportFigure(
        `fuzzer time (${dialect})`,
        `sample ${Math.round(tSample)} ms, regex ${Math.round(tRegex)} ms, all ${Math.round(performance.now() - t0)} ms, ${Math.round(total)} ms in requests; ` +
          slowest.map(([k, ms]) => `${k} ${Math.round(ms)} ms`).join('; '),
      );
    }
    expect(sent).toBe(REQUESTS);
    expect(failures.slice(0, 20)).toEqual([]);
  }, 600_000);
});
