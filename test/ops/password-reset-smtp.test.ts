import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetTokenIn } from '../support/recording-mailer.js';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The server as `npm start` runs it (src/main.ts, its own process) with SMTP_URL pointing at a local SMTP sink: a
 * password reset goes out over SMTP through nodemailer, and the link in the received mail resets the password.
 */
describe('password reset over SMTP (SMTP_URL)', () => {
  let sink: SmtpSink;
  let child: ChildProcess;
  let base: string;
  const dir = mkdtempSync(join(tmpdir(), 'pathwise-smtp-'));

  beforeAll(async () => {
    sink = await startSmtpSink();
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: '0',
        DATABASE_URL: `file:${join(dir, 'server.db')}`,
        SEED_DEMO_CONTENT: 'false',
        LOG_FORMAT: 'json',
        LOG_LEVEL: 'info',
        PASSWORD_ITERATIONS: '100000',
        REDIS_URL: '',
        SMTP_URL: sink.url,
        MAIL_FROM: 'Pathwise <no-reply@pathwise.test>',
        PUBLIC_URL: 'http://pathwise.test:8080',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk) => {
      stderr += String(chunk);
    });
    base = await new Promise<string>((resolve, reject) => {
      let buffer = '';
      child.stdout?.on('data', (chunk) => {
        buffer += String(chunk);
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) {
          const entry = line.trim() ? (JSON.parse(line) as Record<string, unknown>) : {};
          if (String(entry.msg).startsWith('Pathwise listening')) {
            expect(entry.mail).toMatch(/^SMTP \(127\.0\.0\.1:\d+\)$/);
            resolve(`http://127.0.0.1:${entry.port}`);
          }
        }
      });
      child.on('exit', (code) => reject(new Error(`server exited with ${code} before listening:\n${stderr}`)));
    });
  }, 60_000);

  afterAll(async () => {
    child?.kill('SIGTERM');
    await sink?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    // biome-ignore lint/suspicious/noExplicitAny: JSON bodies, inspected by the test
    return { status: res.status, json: (await res.json()) as any };
  };

  it('mails the reset link over SMTP, and the link sets a new password', async () => {
    const email = `smtp-${crypto.randomUUID().slice(0, 8)}@example.com`;
    expect((await post('/api/auth/register', { email, password: 'forgotten soon' })).status).toBe(201);
    expect((await post('/api/auth/password-reset', { email })).status).toBe(202);

    const mail = await sink.next();
    expect(mail.to).toEqual([email]);
    expect(mail.from).toBe('no-reply@pathwise.test');
    expect(mail.parsed.from?.value).toEqual([{ name: 'Pathwise', address: 'no-reply@pathwise.test' }]);
    expect(mail.subject).toBe('Reset your Pathwise password');
    expect(mail.text).toContain('http://pathwise.test:8080/reset-password?token=');

    const confirmed = await post('/api/auth/password-reset/confirm', {
      token: resetTokenIn(mail.text),
      newPassword: 'remembered through smtp',
    });
    expect(confirmed.status).toBe(200);
    expect((await post('/api/auth/login', { email, password: 'forgotten soon' })).status).toBe(401);
    expect((await post('/api/auth/login', { email, password: 'remembered through smtp' })).status).toBe(200);
  });
});
