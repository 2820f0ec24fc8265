import type { Mailer, MailMessage } from '../../src/platform/mail/mailer.js';

/** A mailer that keeps what it is given; `next()` waits for the next message (on the event, not a timer). */
export function recordingMailer() {
  const sent: MailMessage[] = [];
  const waiting: Array<(message: MailMessage) => void> = [];
  let read = 0;
  const mailer: Mailer & { sent: MailMessage[]; next(): Promise<MailMessage> } = {
    description: 'recording (tests)',
    sent,
    async send(message) {
      sent.push(message);
      waiting.shift()?.(message);
    },
    next() {
      const ready = sent[read];
      read++;
      if (ready) return Promise.resolve(ready);
      return new Promise((resolve) => waiting.push(resolve));
    },
  };
  return mailer;
}

/** The token of the reset link in a message's text. */
export function resetTokenIn(text: string): string {
  const match = /\/reset-password\?token=([A-Za-z0-9_%-]+)/.exec(text);
  if (!match?.[1]) throw new Error(`no reset link in: ${text}`);
  return decodeURIComponent(match[1]);
}
