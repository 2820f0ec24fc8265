import { AppError } from './errors.js';

/** Opaque keyset cursors: base64url JSON of the last row's sort key. */
export function encodeCursor(key: Record<string, string | number>): string {
  return btoa(JSON.stringify(key)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeCursor<T extends Record<string, string | number>>(cursor: string, keys: Array<keyof T>): T {
  try {
    const value = JSON.parse(atob(cursor.replace(/-/g, '+').replace(/_/g, '/'))) as T;
    if (typeof value === 'object' && value !== null && keys.every((k) => k in value)) return value;
  } catch {
    // fall through to the validation error
  }
  throw new AppError('validation_failed', 'Invalid request: cursor: is not a cursor this API returned', {
    details: { fields: [{ field: 'cursor', message: 'is not a cursor this API returned' }] },
  });
}
