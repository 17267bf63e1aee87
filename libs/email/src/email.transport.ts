import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { SendEmailPayload } from '@app/queue';

export interface MailTransport {
  send(message: SendEmailPayload & { from: string; messageId: string }): Promise<void>;
}

/** SMTP when SMTP_URL is set; otherwise .eml files under MAIL_DIR for local use and tests. */
export function createMailTransport(smtpUrl: string | null, mailDir: string): MailTransport {
  if (smtpUrl) {
    const smtp = nodemailer.createTransport(smtpUrl);
    return { send: async (m) => void (await smtp.sendMail({ from: m.from, to: m.to, subject: m.subject, text: m.text, html: m.html, messageId: m.messageId })) };
  }
  const stream = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    send: async (m) => {
      const info = await stream.sendMail({ from: m.from, to: m.to, subject: m.subject, text: m.text, html: m.html, messageId: m.messageId });
      mkdirSync(mailDir, { recursive: true });
      const safeTo = m.to.replace(/[^a-zA-Z0-9@._-]/g, '_');
      writeFileSync(join(mailDir, `${Date.now()}-${safeTo}-${m.messageId.replace(/[^a-zA-Z0-9-]/g, '')}.eml`), info.message as Buffer);
    },
  };
}
