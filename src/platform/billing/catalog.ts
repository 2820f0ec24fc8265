/**
 * What can be bought: one-off credit packs (Checkout in payment mode) and monthly plans (subscription mode).
 * Prices are in the currency's smallest unit (cents). Checkout sends them inline as `price_data`, so no Stripe
 * product or price has to be created first; changing a price here changes it for the next checkout.
 */
export type PaidPlanId = 'starter' | 'unlimited';

export interface CreditPack {
  id: string;
  name: string;
  credits: number;
  /** Smallest currency unit (cents). */
  price: number;
  currency: string;
}

export interface PaidPlan {
  id: PaidPlanId;
  name: string;
  /** Credits granted for each paid month; null for `unlimited` (never charged). */
  monthlyCredits: number | null;
  price: number;
  currency: string;
  interval: 'month';
}

export const creditPacks = [
  { id: 'credits_10', name: '10 Pathwise credits', credits: 10, price: 499, currency: 'usd' },
  { id: 'credits_30', name: '30 Pathwise credits', credits: 30, price: 1299, currency: 'usd' },
  { id: 'credits_100', name: '100 Pathwise credits', credits: 100, price: 3499, currency: 'usd' },
] as const satisfies readonly CreditPack[];

export const paidPlans = [
  { id: 'starter', name: 'Pathwise Starter', monthlyCredits: 50, price: 999, currency: 'usd', interval: 'month' },
  {
    id: 'unlimited',
    name: 'Pathwise Unlimited',
    monthlyCredits: null,
    price: 2999,
    currency: 'usd',
    interval: 'month',
  },
] as const satisfies readonly PaidPlan[];

export type PackId = (typeof creditPacks)[number]['id'];

export const packIds = creditPacks.map((p) => p.id) as [PackId, ...PackId[]];
export const planIds = paidPlans.map((p) => p.id) as [PaidPlanId, ...PaidPlanId[]];

export function findPack(id: string | undefined): CreditPack | undefined {
  return creditPacks.find((p) => p.id === id);
}

export function findPlan(id: string | undefined): PaidPlan | undefined {
  return paidPlans.find((p) => p.id === id);
}

/** What `users.monthly_credits` holds on a plan (the unlimited plan is never charged, so the number is moot). */
export function monthlyCreditsOf(plan: PaidPlan): number {
  return plan.monthlyCredits ?? 0;
}
