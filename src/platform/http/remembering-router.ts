import type { Result, Router } from 'hono/router';
import { TrieRouter } from 'hono/router/trie-router';

/**
 * Hono's TrieRouter, remembering its last matches by method and path. The spec's paths put a fixed segment and a
 * parameter at the same place for the same method (`POST /api/questions/practice` and `POST /api/questions/:id/start`),
 * which Hono's RegExpRouter refuses, so the app matches with the trie: a walk of the tree that allocates its result
 * (~4.7 KB for a read-path request under our middleware) on every request. Most requests repeat a few paths (a
 * course's topics, the bank's first page), and a remembered match costs one map lookup.
 *
 * A match depends only on the routes and the method and path, and Hono only reads it. The oldest entry goes when
 * `capacity` is reached, so paths full of ids cost a little churn and bounded memory, never stale answers; adding a
 * route forgets everything.
 */
const MAX_REMEMBERED_PATH = 256;

export class RememberingRouter<T> implements Router<T> {
  readonly name = 'TrieRouter (remembering matches)';
  readonly #router = new TrieRouter<T>();
  readonly #matches = new Map<string, Result<T>>();

  constructor(readonly capacity = 1000) {}

  add(method: string, path: string, handler: T): void {
    this.#matches.clear();
    this.#router.add(method, path, handler);
  }

  match(method: string, path: string): Result<T> {
    const key = `${method} ${path}`;
    let result = this.#matches.get(key);
    if (result === undefined) {
      result = this.#router.match(method, path);
      // Long paths are not the repeated ones, and would make the bound on entries a loose bound on memory.
      if (path.length > MAX_REMEMBERED_PATH) return result;
      if (this.#matches.size >= this.capacity) this.#matches.delete(this.#matches.keys().next().value as string);
      this.#matches.set(key, result);
    }
    return result;
  }

  /** How many matches are remembered (tests). */
  get size(): number {
    return this.#matches.size;
  }
}
