import { TrieRouter } from 'hono/router/trie-router';

/**
 * Which methods a path answers to, from the app's routes (middlewares, registered for every method, do not count).
 * Built once, on the first request that matched no route: a path that exists under another method answers 405 with
 * `Allow`, not 404.
 */
export function allowedMethodsOf(
  routes: () => ReadonlyArray<{ method: string; path: string }>,
): (path: string) => string[] {
  let lookup: ((path: string) => string[]) | undefined;
  const build = () => {
    const router = new TrieRouter<string>();
    const methods = new Set<string>();
    for (const route of routes()) {
      if (route.method === 'ALL') continue;
      router.add(route.method, route.path, route.method);
      methods.add(route.method);
    }
    return (path: string) => {
      const allowed = [...methods].filter((method) => (router.match(method, path)[0] as unknown[]).length > 0);
      // Hono answers HEAD with a GET route.
      if (allowed.includes('GET')) allowed.push('HEAD');
      return allowed;
    };
  };
  return (path) => {
    lookup ??= build();
    return lookup(path);
  };
}
