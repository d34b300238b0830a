// Outgoing mail over SMTP (nodemailer). Without SMTP_URL, messages are logged as
// "not sent" and the caller is told, so nothing pretends to have been delivered.
import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  readonly configured: boolean;
  send(message: MailMessage): Promise<{ sent: boolean }>;
}

export function createMailer(smtpUrl: string | undefined, from = 'Shahrnama <no-reply@localhost>'): Mailer {
  if (!smtpUrl) {
    return { configured: false, send: async () => ({ sent: false }) };
  }
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    configured: true,
    async send(message) {
      await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text });
      return { sent: true };
    },
  };
}
