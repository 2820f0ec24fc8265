/**
 * npm run dev:worker [-- wrangler dev options]: the Workers build served locally by `wrangler dev` (workerd, the
 * runtime Cloudflare runs) on a local D1 kept in .wrangler/state: builds, applies pending migrations, seeds the demo
 * courses into an empty database, then starts wrangler dev (which rebuilds on changes under src/ and content/).
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './worker/bundle.js';

const wrangler = join(repoRoot, 'node_modules', '.bin', 'wrangler');
const quiet = { ...process.env, WRANGLER_SEND_METRICS: 'false' };

function run(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; capture?: boolean } = {}): string {
  const result = spawnSync(command, args, {
    cwd: repoRoot,
    env: options.env ?? quiet,
    stdio: options.capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    console.error(`${command} ${args.join(' ')} failed`);
    process.exit(result.status ?? 1);
  }
  return result.stdout ?? '';
}

run('npm', ['run', 'build:worker']);
// wrangler.toml's [assets] needs dist/web before any wrangler command reads the config.
run('npm', ['run', 'build:web']);
// CI=true answers wrangler's "apply these migrations?" prompt: this is the local database.
run(wrangler, ['d1', 'migrations', 'apply', 'DB', '--local'], { env: { ...quiet, CI: 'true' } });
const count = JSON.parse(
  run(wrangler, ['d1', 'execute', 'DB', '--local', '--json', '--command', 'select count(*) as n from courses'], {
    capture: true,
  }),
) as Array<{ results: Array<{ n: number }> }>;
if ((count[0]?.results[0]?.n ?? 0) === 0) {
  console.log('Seeding the demo courses into the local D1 database');
  run(wrangler, ['d1', 'execute', 'DB', '--local', '--file', join('dist', 'cloudflare', 'seed.sql')]);
}
// wrangler dev runs until stopped; a signal to us stops it too (also when we are not in the terminal's process group).
const dev = spawn(wrangler, ['dev', ...process.argv.slice(2)], { cwd: repoRoot, env: quiet, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => dev.kill(signal));
dev.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
