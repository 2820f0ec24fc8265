import { createAiProvider } from '../ai/create-provider.js';
import { loadTemplates } from '../coach/templates/load-templates.js';
import { buildUsageReport } from '../coach/usage/usage.service.js';
import type { Env } from '../config.js';
import { connectDatabase, type DatabaseHandle } from '../db/connection.js';
import { migrateToLatest } from '../db/migrate.js';
import { ContentError } from '../exam/content/load.js';
import { importExam, readExamImport } from '../exam/ingest/import-exam.js';
import { seedDemoContent } from '../exam/ingest/seed-demo.js';
import { normalizeEmail } from '../platform/auth/auth.service.js';
import { systemClock } from '../platform/clock.js';
import { grantCredits } from '../platform/credits/credits.service.js';
import { silentLogger } from '../platform/logger.js';

export class CliError extends Error {}

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

export interface CommandContext {
  config: Env;
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
  out: (line: string) => void;
}

interface Command {
  help: string;
  options: OptionSpec;
  run(ctx: CommandContext): Promise<number>;
}

const help = { help: { type: 'boolean', short: 'h' } } as const;

async function withDatabase<T>(config: Env, fn: (db: DatabaseHandle) => Promise<T>): Promise<T> {
  const database = connectDatabase(config.DATABASE_URL, { poolSize: 2 });
  try {
    await migrateToLatest(database.db);
    return await fn(database);
  } finally {
    await database.close();
  }
}

export const commands: Record<string, Command> = {
  migrate: {
    help: 'pathwise migrate\n\nApplies every pending migration to DATABASE_URL.',
    options: help,
    async run({ config, out }) {
      const database = connectDatabase(config.DATABASE_URL, { poolSize: 2 });
      try {
        const applied = await migrateToLatest(database.db);
        out(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
      } finally {
        await database.close();
      }
      return 0;
    },
  },

  seed: {
    help: 'pathwise seed [--force]\n\nLoads the demo courses from content/. Without --force, only into a database without courses;\nwith --force, updates the courses in place (safe to re-run after editing content).',
    options: { ...help, force: { type: 'boolean' } },
    async run({ config, values, out }) {
      const seeded = await withDatabase(config, (db) =>
        seedDemoContent(db.db, systemClock.now(), { force: values.force === true }),
      );
      out(seeded.length ? `Seeded: ${seeded.join(', ')}` : 'Courses exist already; use --force to reload them.');
      return 0;
    },
  },

  'create-admin': {
    help: 'pathwise create-admin <email>\n\nMakes an existing user an administrator (they can read /api/v1/monetization/admin/usage).',
    options: help,
    async run({ config, positionals, out }) {
      const [email] = positionals;
      if (!email) throw new CliError('Usage: pathwise create-admin <email>');
      const updated = await withDatabase(config, async (db) => {
        const result = await db.db
          .updateTable('users')
          .set({ role: 'admin', updated_at: systemClock.now().toISOString() })
          .where('email', '=', normalizeEmail(email))
          .executeTakeFirst();
        return Number(result.numUpdatedRows);
      });
      if (updated === 0) throw new CliError(`No user with email ${email}: register first (POST /api/auth/register).`);
      out(`${email} is now an administrator.`);
      return 0;
    },
  },

  'grant-credits': {
    help: 'pathwise grant-credits <email> <n> --reason <text>\n\nAdds n credits (1-100000) to a user, recorded in the ledger with the reason.',
    options: { ...help, reason: { type: 'string' } },
    async run({ config, positionals, values, out }) {
      const [email, amountText] = positionals;
      const amount = Number(amountText);
      if (!email || !Number.isInteger(amount) || amount < 1 || amount > 100_000) {
        throw new CliError(
          'Usage: pathwise grant-credits <email> <n> --reason <text>   (n: a whole number from 1 to 100000)',
        );
      }
      if (typeof values.reason !== 'string' || values.reason.trim() === '')
        throw new CliError('--reason is required: say why the credits are granted.');
      const reason = values.reason.trim();
      const balance = await withDatabase(config, (database) =>
        grantCredits({ db: database.db, atomic: database.atomic, clock: systemClock }, { email, amount, reason }),
      );
      if (balance === undefined) throw new CliError(`No user with email ${email}.`);
      out(`Granted ${amount} credits to ${email}; balance ${balance}.`);
      return 0;
    },
  },

  usage: {
    help: 'pathwise usage [--from YYYY-MM-DD] [--to YYYY-MM-DD]\n\nPrints the AI usage report (per day, per model, top users, cost alerts) as JSON. Default: the last 30 days.',
    options: { ...help, from: { type: 'string' }, to: { type: 'string' } },
    async run({ config, values, out }) {
      const report = await withDatabase(config, (db) =>
        buildUsageReport(
          {
            db: db.db,
            atomic: db.atomic,
            instanceId: `cli-${crypto.randomUUID()}`,
            config,
            clock: systemClock,
            logger: silentLogger,
            random: Math.random,
            ai: createAiProvider(config.ai),
            templates: loadTemplates(),
          },
          { from: values.from as string | undefined, to: values.to as string | undefined },
        ),
      );
      out(JSON.stringify(report, null, 2));
      return 0;
    },
  },

  'import-exam': {
    help: 'pathwise import-exam <file>\n\nAdds a past exam and its questions from a YAML file (see content/README.md, "Importing an exam"),\nvalidated first, then recomputes the course statistics. Nothing is written when the file has a problem.',
    options: help,
    async run({ config, positionals, out }) {
      const [file] = positionals;
      if (!file) throw new CliError('Usage: pathwise import-exam <file>');
      try {
        const data = readExamImport(file);
        const result = await withDatabase(config, (db) => importExam(db.db, data, systemClock.now()));
        out(
          `Imported exam ${data.exam.id} with ${result.questions} questions into ${data.course}; statistics recomputed.`,
        );
        return 0;
      } catch (error) {
        if (error instanceof ContentError) throw new CliError(error.message);
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new CliError(`No such file: ${file}`);
        throw error;
      }
    },
  },
};
