import type { Context } from 'hono';
import type { AuthUser } from './auth/auth.types.js';

/** What middlewares put on the request context. */
export type AppEnv = {
  Variables: {
    requestId: string;
    user: AuthUser | undefined;
    sessionId: string | undefined;
    /** The client's address once something asked for it: read it with `clientIp(c)` (http/client-ip.ts). */
    clientIp: string | undefined;
    /** How the runtime finds the client's address (set by the request edge; most requests never need it). */
    resolveClientIp: ((c: Context<AppEnv>) => string) | undefined;
  };
};
