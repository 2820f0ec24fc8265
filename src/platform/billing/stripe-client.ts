import Stripe from 'stripe';
import type { Env } from '../../config.js';
import { AppError } from '../http/errors.js';

export type StripeClient = Stripe;

type StripeSettings = Pick<
  Env,
  'STRIPE_SECRET_KEY' | 'STRIPE_API_HOST' | 'STRIPE_API_PORT' | 'STRIPE_API_PROTOCOL' | 'NODE_ENV'
>;

/**
 * The official SDK client, or undefined when `STRIPE_SECRET_KEY` is not set (billing switched off).
 * Host, port and protocol can point it at stripe-mock or a test server.
 */
export function createStripeClient(config: StripeSettings): StripeClient | undefined {
  if (!config.STRIPE_SECRET_KEY) return undefined;
  return new Stripe(config.STRIPE_SECRET_KEY, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: config.NODE_ENV === 'production',
    appInfo: { name: 'Pathwise' },
    ...(config.STRIPE_API_HOST ? { host: config.STRIPE_API_HOST } : {}),
    ...(config.STRIPE_API_PORT ? { port: config.STRIPE_API_PORT } : {}),
    ...(config.STRIPE_API_PROTOCOL ? { protocol: config.STRIPE_API_PROTOCOL } : {}),
  });
}

export function billingNotConfigured(variable: 'STRIPE_SECRET_KEY' | 'STRIPE_WEBHOOK_SECRET'): AppError {
  const message =
    variable === 'STRIPE_SECRET_KEY'
      ? 'Purchases are switched off: set STRIPE_SECRET_KEY (a Stripe secret key, sk_test_... or sk_live_...) to enable them'
      : 'The Stripe webhook is switched off: set STRIPE_WEBHOOK_SECRET to the endpoint signing secret (whsec_...)';
  return new AppError('billing_not_configured', message, { details: { missing: variable } });
}

/**
 * Turns an SDK error into our envelope: Stripe unreachable or overloaded is a 503 the client may retry; a refused
 * key is a configuration problem; anything else (an invalid request) is a bug and stays a 500.
 */
export function fromStripeError(error: unknown): unknown {
  if (!(error instanceof Stripe.errors.StripeError)) return error;
  if (
    error instanceof Stripe.errors.StripeAuthenticationError ||
    error instanceof Stripe.errors.StripePermissionError
  ) {
    return new AppError('billing_not_configured', 'Stripe refused the configured STRIPE_SECRET_KEY', { cause: error });
  }
  if (
    error instanceof Stripe.errors.StripeConnectionError ||
    error instanceof Stripe.errors.StripeAPIError ||
    error instanceof Stripe.errors.StripeRateLimitError
  ) {
    return new AppError('service_unavailable', 'The payment provider is not reachable right now; try again shortly', {
      retryAfter: 5,
      cause: error,
    });
  }
  if (error instanceof Stripe.errors.StripeIdempotencyError) {
    return new AppError('conflict', 'This purchase is already being set up with different details; try again', {
      cause: error,
    });
  }
  return error;
}
