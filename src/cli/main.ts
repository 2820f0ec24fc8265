import 'dotenv/config';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { AppError } from '../platform/http/errors.js';
import { CliError, commands } from './commands.js';

const usage = `pathwise <command> [options]

Commands:
  migrate                          apply pending database migrations
  seed [--force]                   load the demo courses from content/ (only into an empty database unless --force)
  create-admin <email>             make an existing user an administrator
  grant-credits <email> <n> --reason <text>
                                   add n credits to a user (a ledger row with the reason)
  usage [--from YYYY-MM-DD] [--to YYYY-MM-DD]
                                   print the AI usage report as JSON
  import-exam <file>               add a past exam and its questions from a content file, then recompute statistics
  grade --kind <kind> --expected <answer> --answer <answer> [--var x]
                                   grade one answer; exit 0 correct, 1 incorrect, 2 unparsable

Run "pathwise <command> --help" for a command's options. DATABASE_URL picks the database (default: ./data/pathwise.db).`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage);
    return name ? 0 : 1;
  }
  if (name === 'grade') {
    // Loaded on demand: the grader pulls in the computer algebra libraries, which the other commands do not need.
    const { runGradeCommand } = await import('../exam/grading/cli.js');
    return runGradeCommand(rest, (line) => console.log(line));
  }
  const command = commands[name];
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${usage}`);
    return 1;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    options: command.options,
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    console.log(command.help);
    return 0;
  }
  return command.run({ config: loadConfig(), values, positionals, out: (line) => console.log(line) });
}

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return (
    typeof code === 'string' && ['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN', '28P01', '3D000'].includes(code)
  );
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof CliError) console.error(error.message);
    else if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      console.error(`${error.message}\nRun with --help for the options.`);
    } else if (error instanceof AppError) console.error(error.message);
    else if (isConnectionError(error)) {
      console.error(`Cannot reach the database named by DATABASE_URL: ${(error as Error).message}`);
    } else console.error(error); // a bug: the stack helps
    process.exit(1);
  },
);
