import type { Logger } from '../logger.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/**
 * Sends email. The default writes each message to the log (development, tests, Workers); `SMTP_URL` switches a Node
 * server to SMTP through nodemailer (src/platform/mail/smtp-mailer.ts, chosen in main.ts).
 */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
  /** For the start-up log: where mail goes. */
  readonly description: string;
}

/** Logs each message, link included, at `info`: the way to read reset links when no SMTP server is configured. */
export function logMailer(logger: Logger): Mailer {
  return {
    description: 'log (messages are written to the log; set SMTP_URL to send them)',
    async send(message) {
      logger.info({ mail: message }, `mail to ${message.to}: ${message.subject}`);
    },
  };
}
