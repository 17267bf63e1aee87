import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';

export interface MailDelivery {
  /** Message-ID of the delivered email. */
  messageId: string;
}

/** One rendered email, as handed to the mail server. */
export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  messageId: string;
}

export interface MailTransport {
  send(message: OutgoingMail): Promise<MailDelivery>;
}

/** SMTP when SMTP_URL is set; otherwise .eml files under MAIL_DIR for local use and tests. */
export function createMailTransport(smtpUrl: string | null, mailDir: string): MailTransport {
  if (smtpUrl) {
    const smtp = nodemailer.createTransport(smtpUrl);
    return {
      send: async (m) => {
        const info = await smtp.sendMail({ from: m.from, to: m.to, subject: m.subject, text: m.text, html: m.html, messageId: m.messageId });
        return { messageId: info.messageId ?? m.messageId };
      },
    };
  }
  const stream = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    send: async (m) => {
      const info = await stream.sendMail({ from: m.from, to: m.to, subject: m.subject, text: m.text, html: m.html, messageId: m.messageId });
      mkdirSync(mailDir, { recursive: true });
      const safeTo = m.to.replace(/[^a-zA-Z0-9@._-]/g, '_');
      writeFileSync(join(mailDir, `${Date.now()}-${safeTo}-${m.messageId.replace(/[^a-zA-Z0-9-]/g, '')}.eml`), info.message as Buffer);
      return { messageId: info.messageId ?? m.messageId };
    },
  };
}

/** A permanent SMTP rejection (5xx reply, e.g. 550 unknown mailbox): a bounce, retrying cannot help. */
export function isPermanentMailRejection(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** Where mail goes, without credentials: the SMTP host and port, or the .eml directory. */
export function describeMailTransport(smtpUrl: string | null, mailDir: string): { kind: 'smtp' | 'file'; host: string | null; port: number | null; directory: string | null } {
  if (!smtpUrl) return { kind: 'file', host: null, port: null, directory: mailDir };
  try {
    const url = new URL(smtpUrl);
    const port = url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587;
    return { kind: 'smtp', host: url.hostname, port, directory: null };
  } catch {
    return { kind: 'smtp', host: null, port: null, directory: null };
  }
}
