import { hostname } from 'node:os';
import type { Config } from '../config';
import type { Db } from '../db/connection';
import type { SubscriptionRow } from '../db/alerts';
import { itemsOfDelivery, type DeliveryPurpose, type DeliveryRow } from '../db/alert-outbox';
import { confirmUrl, manageUrl, oneClickUrl, unsubscribeUrl } from './links';
import { classifySmtpError, createMailer, type Mailer, type OutgoingMail } from './mailer';
import { alertMessage, confirmationMessage, webhookAlertBody } from './render';
import type { AlertSettings } from './settings';
import { activate, linkToken } from './subscriptions';
import { TOKEN_LIFETIME_S } from './tokens';
import type { Channel } from './types';
import { echoesChallenge, newChallenge, postWebhook, webhookStatusIsPermanentFailure } from './webhook';

// A channel is how alerts reach one kind of receiver: it decides what a delivery carries and sends it.
// Dispatch claims deliveries, keeps receivers apart and records what each send came to.

type SendOutcome = { ok: true } | { ok: false; permanent: boolean; unreachable: boolean; error: string };

/** 'nothing': the delivery's items went meanwhile (with their subscription), so there was nothing to send. */
export type DeliveryOutcome = SendOutcome | 'nothing';

/** Due outbox rows of one subscriber that travel as one delivery. */
export interface DeliveryBatch {
	purpose: DeliveryPurpose;
	outboxIds: number[];
}

/** What a dispatch pass lends a channel it opens. */
export interface ChannelPass {
	db: Db;
	config: Config;
	settings: AlertSettings;
}

export interface ChannelSender {
	/** Sends one delivery (a confirmation, a challenge, or a batch of alert items) to the subscription's address or URL. */
	deliver(d: DeliveryRow, sub: SubscriptionRow, at: Date): Promise<DeliveryOutcome>;
	close(): void;
}

export interface AlertChannel {
	/** A subscriber's due outbox rows grouped into deliveries. */
	batches(sub: SubscriptionRow, outboxIds: number[]): DeliveryBatch[];
	/** The channel ready to send for one pass; null when it cannot send at all, and its deliveries wait. */
	open(pass: ChannelPass): ChannelSender | null;
}

function messageId(d: DeliveryRow, base: string): string {
	// Stable across retries, so a message the server took just before a crash is recognisably the same one.
	const host = (() => {
		try {
			return new URL(base).hostname || hostname();
		} catch {
			return hostname();
		}
	})();
	return `<rankdrift-${d.id}-${Date.parse(d.created_at).toString(36)}@${host}>`;
}

async function sendEmail({ db, config, settings: s }: ChannelPass, mailer: Mailer, d: DeliveryRow, sub: SubscriptionRow, now: Date): Promise<DeliveryOutcome> {
	const manage = manageUrl(s.baseUrl, linkToken(db, config, 'manage', sub, now));
	let mail: OutgoingMail;
	if (d.purpose === 'confirmation') {
		if (Date.parse(sub.created_at) + TOKEN_LIFETIME_S.confirm * 1000 < now.getTime()) return { ok: false, permanent: true, unreachable: false, error: 'the confirmation link expired before it could be sent' };
		const msg = confirmationMessage(sub, { confirm: confirmUrl(s.baseUrl, linkToken(db, config, 'confirm', sub, now)), manage });
		mail = { to: sub.target, ...msg, messageId: messageId(d, s.baseUrl) };
	} else {
		const items = itemsOfDelivery(db, d.id);
		if (items.length === 0) return 'nothing';
		const token = linkToken(db, config, 'unsubscribe', sub, now);
		const msg = alertMessage(sub, items, { base: s.baseUrl, digest: d.purpose === 'digest', now, links: { manage, unsubscribe: unsubscribeUrl(s.baseUrl, token) } });
		mail = {
			to: sub.target,
			...msg,
			messageId: messageId(d, s.baseUrl),
			// RFC 8058: mail providers POST "List-Unsubscribe=One-Click" to this URL, with no cookies and no Origin.
			headers: { 'List-Unsubscribe': `<${oneClickUrl(s.baseUrl, token)}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
		};
	}
	try {
		await mailer.send(mail);
		return { ok: true };
	} catch (e) {
		const f = classifySmtpError(e);
		return { ok: false, permanent: f.permanent, unreachable: f.unreachable, error: f.message };
	}
}

async function sendWebhook({ db, settings: s }: ChannelPass, d: DeliveryRow, sub: SubscriptionRow, now: Date): Promise<DeliveryOutcome> {
	const common = { secret: sub.webhook_secret ?? '', deliveryId: String(d.id), allowPrivate: s.allowPrivateWebhooks, now };
	try {
		if (d.purpose === 'challenge') {
			const challenge = newChallenge();
			const res = await postWebhook(
				sub.target,
				{ type: 'rankdrift.challenge', challenge, secret: sub.webhook_secret, subscription: { id: sub.id, watch: sub.watch_type ? { [sub.watch_type]: sub.watch_value } : null, kinds: JSON.parse(sub.kinds) } },
				{ ...common, event: 'challenge', deadlineMs: s.webhookDeadlineMs }
			);
			if (echoesChallenge(res, challenge)) {
				activate(db, sub, now);
				return { ok: true };
			}
			// An endpoint that answered but did not echo will not change its mind: only errors are retried.
			const answered = res.status >= 200 && res.status < 300;
			return { ok: false, permanent: answered || webhookStatusIsPermanentFailure(res.status), unreachable: false, error: `HTTP ${res.status}: the response did not echo the challenge` };
		}
		const items = itemsOfDelivery(db, d.id);
		if (items.length === 0) return 'nothing';
		const res = await postWebhook(sub.target, webhookAlertBody(sub, items[0], { base: s.baseUrl, deliveryId: d.id, now }), { ...common, event: 'alert', deadlineMs: s.webhookDeadlineMs });
		if (res.status >= 200 && res.status < 300) return { ok: true };
		return { ok: false, permanent: webhookStatusIsPermanentFailure(res.status), unreachable: false, error: `HTTP ${res.status}${res.body ? `: ${res.body.slice(0, 200)}` : ''}` };
	} catch (e) {
		const err = e as NodeJS.ErrnoException;
		return { ok: false, permanent: err.code === 'EPRIVATEADDRESS', unreachable: true, error: `${err.code ? err.code + ': ' : ''}${err.message}` };
	}
}

/** Email over SMTP, one connection per pass; with no SMTP server configured, messages wait. */
export const emailChannel = {
	// One message carries all of a subscriber's due items: the daily digest, for those who asked for one.
	batches: (sub, outboxIds) => [{ purpose: sub.frequency === 'daily' ? 'digest' : 'alert', outboxIds }],
	open(pass) {
		if (!pass.settings.smtpUrl) return null;
		const mailer = createMailer(pass.settings.smtpUrl, pass.settings.from);
		return { deliver: (d, sub, at) => sendEmail(pass, mailer, d, sub, at), close: () => mailer.close() };
	}
} satisfies AlertChannel;

/** Signed JSON POSTs. */
export const webhookChannel = {
	// One request per item: a receiver takes or refuses each on its own, and a retry repeats only that one.
	batches: (_sub, outboxIds) => outboxIds.map((id) => ({ purpose: 'alert', outboxIds: [id] })),
	open: (pass): ChannelSender => ({ deliver: (d, sub, at) => sendWebhook(pass, d, sub, at), close: () => {} })
} satisfies AlertChannel;

export const CHANNELS: Record<Channel, AlertChannel> = { email: emailChannel, webhook: webhookChannel };
