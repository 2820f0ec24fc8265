import type { AuthUser } from './auth/auth.types.js';

/** What middlewares put on the request context. */
export type AppEnv = {
  Variables: {
    requestId: string;
    user: AuthUser | undefined;
    sessionId: string | undefined;
    /** The client's address, as the runtime reports it (used for per-IP limits). */
    clientIp: string;
  };
};
