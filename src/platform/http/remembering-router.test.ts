import { TrieRouter } from 'hono/router/trie-router';
import { describe, expect, it } from 'vitest';
import { RememberingRouter } from './remembering-router.js';

const ROUTES: Array<[string, string]> = [
  ['ALL', '*'],
  ['ALL', '/api/*'],
  ['GET', '/api/questions'],
  ['POST', '/api/questions/practice'],
  ['GET', '/api/questions/:id'],
  ['POST', '/api/questions/:id/start'],
  ['GET', '/api/courses/:id/topics'],
];

const REQUESTS: Array<[string, string]> = [
  ['GET', '/api/questions'],
  ['POST', '/api/questions/practice'],
  ['GET', '/api/questions/practice'],
  ['GET', '/api/questions/q-17'],
  ['POST', '/api/questions/q-17/start'],
  ['GET', '/api/courses/calc2/topics'],
  ['GET', '/api/courses/calc3/topics'],
  ['DELETE', '/api/questions'],
  ['GET', '/nowhere'],
];

function both(capacity?: number) {
  const trie = new TrieRouter<string>();
  const remembering = new RememberingRouter<string>(capacity);
  for (const [method, path] of ROUTES) {
    trie.add(method, path, `${method} ${path}`);
    remembering.add(method, path, `${method} ${path}`);
  }
  return { trie, remembering };
}

describe('RememberingRouter', () => {
  it('answers exactly as the TrieRouter, the first time and from memory, with each path its own parameters', () => {
    const { trie, remembering } = both();
    for (let pass = 0; pass < 2; pass++) {
      for (const [method, path] of REQUESTS) expect(remembering.match(method, path)).toEqual(trie.match(method, path));
    }
    expect(remembering.match('GET', '/api/courses/calc3/topics')[0].at(-1)?.[1]).toEqual({ id: 'calc3' });
    expect(remembering.size).toBe(REQUESTS.length);
  });

  it('keeps at most `capacity` matches, dropping the oldest, and still answers correctly after dropping', () => {
    const { trie, remembering } = both(3);
    for (let i = 0; i < 10; i++) remembering.match('GET', `/api/questions/q-${i}`);
    expect(remembering.size).toBe(3);
    expect(remembering.match('GET', '/api/questions/q-0')).toEqual(trie.match('GET', '/api/questions/q-0'));
    expect(remembering.size).toBe(3);
  });

  it('matches a very long path without keeping it, so the bound on entries bounds memory', () => {
    const { trie, remembering } = both();
    const long = `/api/questions/${'x'.repeat(300)}`;
    expect(remembering.match('GET', long)).toEqual(trie.match('GET', long));
    expect(remembering.size).toBe(0);
    remembering.match('GET', '/api/questions/q-1');
    expect(remembering.size).toBe(1);
  });

  it('forgets its matches when a route is added, so the new route is found', () => {
    const { remembering } = both();
    const before = remembering.match('GET', '/api/questions/bundle');
    expect(before[0].map(([handler]) => handler)).toContain('GET /api/questions/:id');
    remembering.add('GET', '/api/questions/bundle', 'GET /api/questions/bundle');
    const after = remembering.match('GET', '/api/questions/bundle');
    expect(after[0].map(([handler]) => handler)).toContain('GET /api/questions/bundle');
  });
});
