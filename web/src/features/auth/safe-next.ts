/** Where to go after logging in: the `next` the 401 redirect carried, only if it is a path of this app. */
export function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}
