import nodemailer from 'nodemailer';
import type { SmtpConfig } from '../config.js';

/* Outgoing mail over SMTP (nodemailer), configured from the environment (docs/sync.md). */

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

export interface Mailer {
  send(m: MailMessage): Promise<{ messageId: string }>;
}

export function createMailer(smtp: SmtpConfig): Mailer {
  const transport = smtp.url
    ? nodemailer.createTransport(smtp.url)
    : nodemailer.createTransport({
        host: smtp.host,
        port: smtp.port ?? 587,
        secure: smtp.secure ?? false,
        ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.pass ?? '' } } : {}),
      });
  return {
    async send(m) {
      const info = await transport.sendMail({
        from: smtp.from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        html: m.html,
        ...(m.headers ? { headers: m.headers } : {}),
      });
      return { messageId: String(info.messageId ?? '') };
    },
  };
}
