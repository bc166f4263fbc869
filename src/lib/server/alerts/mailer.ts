import { createRequire } from 'node:module';
import type Nodemailer from 'nodemailer';

// Loaded by the first mailer made (~60 ms), not by every command and page that starts.
const requireCjs = createRequire(import.meta.url);

// Email over SMTP (nodemailer). One transport per dispatch run; errors are sorted into "try again
// later" and "this will never work" so the outbox knows whether to retry.

export interface OutgoingMail {
	to: string;
	subject: string;
	text: string;
	html: string;
	messageId: string;
	headers?: Record<string, string>;
}

export interface Mailer {
	send(mail: OutgoingMail): Promise<void>;
	close(): void;
}

export function createMailer(smtpUrl: string, from: string): Mailer {
	const nodemailer = requireCjs('nodemailer') as typeof Nodemailer;
	const transport = nodemailer.createTransport({
		url: smtpUrl,
		pool: false,
		// Bounded, so a dead server costs seconds, not the minutes of the defaults.
		connectionTimeout: 10_000,
		greetingTimeout: 10_000,
		socketTimeout: 30_000
	} as Parameters<typeof nodemailer.createTransport>[0]);
	return {
		async send(mail) {
			await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, messageId: mail.messageId, headers: mail.headers });
		},
		close() {
			transport.close();
		}
	};
}

export interface SendFailure {
	message: string;
	/** The server refused this message for good (5xx): retrying cannot help. */
	permanent: boolean;
	/** The server could not be reached at all: no point trying other messages this run. */
	unreachable: boolean;
}

export function classifySmtpError(e: unknown): SendFailure {
	const err = e as { message?: string; code?: string; responseCode?: number; permanent?: boolean; response?: string };
	const code = err.code ?? '';
	const responseCode = typeof err.responseCode === 'number' ? err.responseCode : null;
	const unreachable = ['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH'].includes(code) && responseCode === null;
	// An authentication or TLS problem is the operator's to fix: keep retrying (with backoff) until they do.
	const permanent = !unreachable && code !== 'EAUTH' && code !== 'ETLS' && (err.permanent === true || (responseCode !== null && responseCode >= 500));
	const message = (err.response ?? err.message ?? String(e)).replace(/\s+/g, ' ').slice(0, 300);
	return { message: `${code ? code + ': ' : ''}${message}`, permanent, unreachable };
}
