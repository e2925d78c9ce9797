import nodemailer from 'nodemailer';
import type { Mailer } from './alertDelivery.js';

/** E-mail through the municipality's SMTP server (SMTP_URL), with nodemailer. */
export function smtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(to, subject, text) {
      await transport.sendMail({ from, to, subject, text });
    },
  };
}
