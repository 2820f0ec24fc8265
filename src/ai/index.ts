export { ANTHROPIC_DEFAULT_MODEL, AnthropicProvider, type AnthropicProviderOptions } from './anthropic.js';
export {
  AI_DEFAULTS,
  AiConfigError,
  type AiSettings,
  createAiProvider,
  parseModelPrice,
  resolveAiSettings,
} from './create-provider.js';
export {
  AI_ERROR_CODES,
  AiError,
  type AiErrorCode,
  type AiPublicErrorCode,
  isAiError,
} from './errors.js';
export { chunkText, NO_OFFLINE_REPLY, OfflineProvider, type OfflineProviderOptions } from './offline.js';
export { OpenAiCompatibleProvider, type OpenAiCompatibleProviderOptions } from './openai-compatible.js';
export {
  costMicros,
  findPrice,
  formatMicros,
  MODEL_PRICES,
  type ModelPrice,
  OFFLINE_MODEL,
  type PriceEntry,
  priceFor,
  UnknownModelPriceError,
} from './pricing.js';
export {
  type AiMessage,
  type AiProvider,
  type AiProviderInfo,
  type AiProviderName,
  type AiRequest,
  type AiStreamEvent,
  type AiUsage,
  addUsage,
  emptyUsage,
} from './provider.js';
export { type RetryOptions, streamWithRetry } from './retry.js';
export { estimateRequestTokens, estimateTokens } from './tokens.js';
