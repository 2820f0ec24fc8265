export { analyseMessage, type CoachIntent, composeReply, OFFLINE_NOTICE, welcomeMessage } from './coach.js';
export { detectPlatforms, PLATFORMS, type PlatformNote } from './platforms.js';
export {
  type BillingPeriod,
  CONVERSION_RATES,
  parsePrices,
  projectRevenue,
  type StatedPrice,
  typicalRate,
} from './pricing-math.js';
export { chunkText, OfflineProvider, type OfflineProviderOptions } from './provider.js';
