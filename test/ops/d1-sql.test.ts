import { describe, expect, it } from 'vitest';
import { inlineParameters, migrationFiles, sqlLiteral } from '../../scripts/worker/d1-sql.js';
import { migrations } from '../../src/db/migrate.js';

describe('SQL files for D1 (wrangler d1 migrations / execute)', () => {
  it('inlines parameters as literals, leaving quoted text and identifiers alone', () => {
    expect(
      inlineParameters({
        sql: `insert into "t?" ("a", "b", "c", "d") values (?, ?, ?, ?) -- '?'`,
        parameters: ["it's", 2.5, null, true],
        query: undefined as never,
        queryId: undefined as never,
      }),
    ).toBe(`insert into "t?" ("a", "b", "c", "d") values ('it''s', 2.5, NULL, 1) -- '?'`);
    expect(() => sqlLiteral(Number.NaN)).toThrow();
    expect(() => sqlLiteral({})).toThrow();
  });

  it('writes one file per migration, in order, each recording itself for our migrator', async () => {
    const files = await migrationFiles();
    expect(files.map((f) => f.name)).toEqual([
      '0000_kysely_migration.sql',
      ...Object.keys(migrations).map((name) => `${name}.sql`),
    ]);
    for (const [i, name] of Object.keys(migrations).entries()) {
      expect(files[i + 1]!.statements.at(-1)).toMatch(new RegExp(`^insert into "kysely_migration" .*'${name}'`));
      expect(files[i + 1]!.sql).not.toMatch(/\?/);
    }
  });
});
