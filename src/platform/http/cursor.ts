import { z } from 'zod';
import { AppError } from './errors.js';
import { isStorableText } from './storable-text.js';

/** Opaque keyset cursors: base64url JSON of the last row's sort key. */
export function encodeCursor(key: Record<string, string | number>): string {
  return btoa(JSON.stringify(key)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A row id as a cursor carries it: text a database can compare (a forged `{"id":[1,2]}` is not one). */
export const cursorId = z.string().min(1).max(200).refine(isStorableText);

/** The cursor of lists ordered by id alone. */
export const idCursor = z.strictObject({ id: cursorId });

/**
 * A cursor is client input like a body: once decoded it is validated by its schema, so a forged one (right keys,
 * wrong types) answers 422 `invalid_cursor` instead of reaching SQL.
 */
export function decodeCursor<T>(cursor: string, schema: z.ZodType<T>): T {
  let decoded: unknown;
  try {
    decoded = JSON.parse(atob(cursor.replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    throw invalidCursor();
  }
  const parsed = schema.safeParse(decoded);
  if (!parsed.success) throw invalidCursor();
  return parsed.data;
}

const invalidCursor = () =>
  new AppError('invalid_cursor', 'Invalid request: cursor: is not a cursor this API returned', {
    details: { fields: [{ field: 'cursor', message: 'is not a cursor this API returned' }] },
  });
