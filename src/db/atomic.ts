import {
  type CompiledQuery,
  type Expression,
  type Insertable,
  type QueryResult,
  type RawBuilder,
  type SqlBool,
  sql,
} from 'kysely';
import type { Database } from './schema.js';
import type { Db } from './transaction.js';

/**
 * The one write path for work that must be all-or-nothing: a fixed list of statements, run in order, and each one's
 * result. SQLite and PostgreSQL run the list in a transaction, Cloudflare D1 as one `batch()` (it has no interactive
 * transactions). Nothing can be read and decided between two statements, so each later statement is conditioned in
 * SQL on the earlier ones having happened (e.g. `WHERE EXISTS` the ledger row this operation inserted, by its fresh id).
 *
 * On D1 batches run one at a time; PostgreSQL runs transactions side by side under read committed, where a statement
 * that waited for a row lock re-checks only that row. So a statement list must not lean on other tables being as its
 * first statement saw them: an operation on a user's balance starts by locking the user's row (`lockBalance` in
 * src/platform/credits/ledger.ts), which queues the same user's operations behind one another; every later statement
 * takes a fresh snapshot and sees the earlier operations committed. A debit still carries its own
 * `credits >= amount` condition, so it holds whatever the order.
 */
export type RunAtomic = (queries: readonly CompiledQuery[]) => Promise<Array<QueryResult<unknown>>>;

/** The list in one Kysely transaction (SQLite while another transaction holds the connection). */
export function runInTransaction(db: Db): RunAtomic {
  return (queries) =>
    db.transaction().execute(async (tx) => {
      const results: Array<QueryResult<unknown>> = [];
      for (const query of queries) results.push(await tx.executeQuery(query));
      return results;
    });
}

/** The first row of one statement's result, typed by the caller. */
export function firstRow<T>(result: QueryResult<unknown> | undefined): T | undefined {
  return result?.rows[0] as T | undefined;
}

/** Rows a statement inserted, updated or deleted. */
export function affectedRows(result: QueryResult<unknown> | undefined): number {
  return Number(result?.numAffectedRows ?? 0n);
}

/** A value bound as a parameter where a statement needs it as an expression (a select list, a `case`). */
export const bound = <T>(value: T) => sql<T>`${value}`;
/** A boolean bound as 1/0: neither D1 nor better-sqlite3 binds booleans; PostgreSQL reads it by the column's type. */
export const boundFlag = (value: boolean) => sql<boolean>`${value ? 1 : 0}`;

type RowValue = string | number | boolean | null | RawBuilder<unknown>;

/**
 * `insert into <table> (<columns>) select <values> where <when>`: a row of a statement list written only when `when`
 * holds (an earlier statement of the list happened). Values are bound as parameters, booleans as 1/0 (`boundFlag`);
 * a `sql` expression goes in as written.
 */
export function insertRowWhen<T extends keyof Database & string>(
  db: Db,
  table: T,
  row: { [C in keyof Insertable<Database[T]> & keyof Database[T] & string]?: RowValue },
  when: Expression<SqlBool>,
) {
  const columns = Object.keys(row) as Array<keyof Insertable<Database[T]> & keyof Database[T] & string>;
  const values = columns.map((column) => {
    const value: RowValue = row[column] ?? null;
    const expression =
      typeof value === 'object' && value !== null
        ? value
        : typeof value === 'boolean'
          ? boundFlag(value)
          : bound(value);
    return expression.as(column);
  });
  return db.insertInto(table).columns(columns).expression(db.selectNoFrom(values).where(when));
}
