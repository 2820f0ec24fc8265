import nodemailer from 'nodemailer';
import type { Mailer } from './mailer.js';

/**
 * Sends mail over SMTP with nodemailer (Node only: main.ts imports this, the request path never does). `url` is
 * `smtp://user:pass@host:587` (STARTTLS when the server offers it) or `smtps://...:465` (TLS from the start).
 */
export function smtpMailer(url: string, from: string): Mailer & { close(): void } {
  const transport = nodemailer.createTransport(url, { from });
  const host = new URL(url).host;
  return {
    description: `SMTP (${host})`,
    async send(message) {
      await transport.sendMail({ to: message.to, subject: message.subject, text: message.text });
    },
    close: () => transport.close(),
  };
}
