/**
 * Text no database of ours can store: NUL (PostgreSQL refuses it in TEXT and JSONB) and lone UTF-16 surrogates
 * (PostgreSQL's JSONB refuses their escapes; elsewhere they would be silently replaced). Requests carrying either are
 * refused at the edge, naming the field, before any work is done for them.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what this looks for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const isStorableText = (text: string): boolean => !UNSTORABLE.test(text);

/** The path (`platforms.0.name`) of the first string or object key in `value` that cannot be stored, if any. */
export function findUnstorableText(value: unknown, path: readonly (string | number)[] = []): string | undefined {
  if (typeof value === 'string') return isStorableText(value) ? undefined : fieldName(path);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorableText(value[i], [...path, i]);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (!isStorableText(key)) return fieldName(path);
      const found = findUnstorableText(item, [...path, key]);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

const fieldName = (path: readonly (string | number)[]) => (path.length > 0 ? path.join('.') : '(body)');

/**
 * Where a URL carries NUL (`%00`): `path`, or the name of the query parameter. Checked on the raw URL, so a request
 * without one costs a single search.
 */
export function findNulInUrl(url: string): string | undefined {
  if (!/%00/i.test(url)) return undefined;
  const queryAt = url.indexOf('?');
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  if (/%00/i.test(path)) return 'path';
  for (const pair of url.slice(queryAt + 1).split('&')) {
    if (!/%00/i.test(pair)) continue;
    const name = pair.split('=')[0] ?? '';
    return /%00/i.test(name) ? 'query' : safeDecode(name);
  }
  return 'query';
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
