import type { Config } from '../config';
import type { Db } from '../db/connection';
import { deleteStalePending, getSubscription, purgeRateWindows, type SubscriptionRow } from '../db/alerts';
import {
	attachToDelivery,
	claimDelivery,
	dueOutboxRows,
	insertDelivery,
	markDeliveryFailed,
	markDeliveryRetry,
	markDeliverySent,
	readyDeliveries,
	type DeliveryRow
} from '../db/alert-outbox';
import { createLogger, type Logger } from '../log';
import { CHANNELS, emailChannel, webhookChannel, type ChannelPass, type ChannelSender, type DeliveryOutcome } from './channels';
import { decideSourceAlerts } from './decide';
import { alertSettings } from './settings';
import { TOKEN_LIFETIME_S } from './tokens';

// Deliver: the outbox becomes messages. Each delivery is claimed with a lease before it is sent, so
// two dispatchers (the web app, the scheduler, `rankdrift alerts dispatch`) never send it twice; a
// failure is retried with exponential backoff until it is delivered or found permanent.
//
// Receivers are kept apart: mail goes out in its own lane, each webhook host in another, and at most
// WEBHOOK_SLOTS hosts are sent to at once in this process. A host that is slow or down costs its own
// deliveries their time (each request has a total deadline) and never holds back anyone else's.

export const MAX_ATTEMPTS = 10;
const LEASE_MS = 2 * 60_000;
const WEBHOOK_SLOTS = 4;

/** 1, 2, 4 … minutes, at most an hour: about 6½ hours from the first try to the tenth. */
export function backoffMs(attempts: number): number {
	return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

export interface DispatchOptions {
	/** The validated configuration: SMTP, limits, where links point. */
	config: Config;
	now?: () => Date;
	/** Retry every pending delivery now, whatever its backoff (an operator's `rankdrift alerts dispatch`). */
	ignoreBackoff?: boolean;
	log?: Logger;
}

export interface DispatchSummary {
	decided: number;
	assembled: number;
	sent: number;
	retrying: number;
	failed: number;
	/** Email deliveries left pending because no SMTP server is configured or it could not be reached. */
	waiting: number;
	sendingOff: boolean;
}

/** Due outbox rows become deliveries, grouped as each subscriber's channel carries them. */
export function assembleDeliveries(db: Db, now: Date): number {
	return db.transaction(() => {
		const at = now.toISOString();
		const bySub = new Map<number, number[]>();
		for (const r of dueOutboxRows(db, at)) bySub.set(r.subscription_id, [...(bySub.get(r.subscription_id) ?? []), r.outbox_id]);
		let made = 0;
		for (const [subId, rows] of bySub) {
			const sub = getSubscription(db, subId)!;
			for (const batch of CHANNELS[sub.channel].batches(sub, rows)) {
				const id = insertDelivery(db, { subscriptionId: subId, channel: sub.channel, purpose: batch.purpose, at });
				attachToDelivery(db, batch.outboxIds, id);
				made++;
			}
		}
		return made;
	})();
}

let slotsFree = WEBHOOK_SLOTS;
const slotWaiters: (() => void)[] = [];

async function takeSlot(): Promise<void> {
	if (slotsFree > 0) slotsFree--;
	else await new Promise<void>((r) => slotWaiters.push(r));
}

function releaseSlot(): void {
	const next = slotWaiters.shift();
	if (next) next();
	else slotsFree++;
}

/** Webhook hosts a pass is sending to, per database: a pass running beside it leaves them to that one. */
const busyHosts = new Map<Db | string, Set<string>>();

function webhookHost(sub: SubscriptionRow): string {
	try {
		return new URL(sub.target).host;
	} catch {
		return sub.target;
	}
}

/**
 * One pass: housekeeping, source alerts, assembling due rows into deliveries, then every ready
 * delivery tried once: mail in order through one connection, beside it each webhook host in order,
 * hosts side by side. With no SMTP configured, email deliveries wait (recorded, untried). A receiver
 * that could not be reached is not tried again in the same pass.
 */
export async function dispatchOutbox(db: Db, opts: DispatchOptions): Promise<DispatchSummary> {
	const { config } = opts;
	const log = opts.log ?? createLogger('alerts');
	const clock = opts.now ?? (() => new Date());
	const now = clock();
	const s = alertSettings(config);
	deleteStalePending(db, new Date(now.getTime() - (TOKEN_LIFETIME_S.confirm * 1000 + 86_400_000)).toISOString());
	purgeRateWindows(db, new Date(now.getTime() - 2 * 3_600_000).toISOString());
	const summary: DispatchSummary = { decided: decideSourceAlerts(db, now), assembled: assembleDeliveries(db, now), sent: 0, retrying: 0, failed: 0, waiting: 0, sendingOff: !s.smtpUrl };
	const ready = (at: Date) => readyDeliveries(db, at.toISOString(), { ignoreBackoff: opts.ignoreBackoff ?? false, limit: 500 });

	const pass: ChannelPass = { db, config, settings: s };

	/** Claims and sends one delivery and records the outcome; null when it was not this pass's to send. */
	const attempt = async (d: DeliveryRow, sender: ChannelSender): Promise<DeliveryOutcome | null> => {
		const at = clock();
		if (!claimDelivery(db, d.id, at.toISOString(), new Date(at.getTime() + LEASE_MS).toISOString())) return null;
		const sub = getSubscription(db, d.subscription_id);
		if (!sub) return null; // unsubscribed meanwhile: the delivery went with it
		const outcome = await sender.deliver(d, sub, at);
		const done = clock().toISOString();
		if (outcome === 'nothing' || outcome.ok) {
			markDeliverySent(db, d.id, done);
			if (outcome !== 'nothing') summary.sent++;
			return outcome;
		}
		const attempts = d.attempts + 1;
		if (outcome.permanent || attempts >= MAX_ATTEMPTS) {
			markDeliveryFailed(db, d.id, `${outcome.error}${outcome.permanent ? '' : ` (gave up after ${attempts} attempts)`}`);
			summary.failed++;
			log.error('alert delivery failed for good', { delivery: d.id, channel: d.channel, purpose: d.purpose, error: outcome.error });
		} else {
			markDeliveryRetry(db, d.id, new Date(Date.parse(done) + backoffMs(attempts)).toISOString(), outcome.error);
			summary.retrying++;
			log.warn('alert delivery will be retried', { delivery: d.id, channel: d.channel, attempts, error: outcome.error });
		}
		return outcome;
	};

	/** Tries deliveries in order until the receiver proves unreachable: how many were left untried then; null when none were. */
	const inOrder = async (rows: DeliveryRow[], sender: ChannelSender): Promise<number | null> => {
		for (const [i, d] of rows.entries()) {
			const outcome = await attempt(d, sender);
			if (outcome && outcome !== 'nothing' && !outcome.ok && outcome.unreachable) return rows.length - i - 1;
		}
		return null;
	};

	const sendMail = async (rows: DeliveryRow[]) => {
		if (rows.length === 0) return;
		const sender = emailChannel.open(pass);
		if (!sender) {
			summary.waiting += rows.length;
			return;
		}
		try {
			summary.waiting += (await inOrder(rows, sender)) ?? 0;
		} finally {
			sender.close();
		}
	};

	const hostOf = (d: DeliveryRow) => {
		const sub = getSubscription(db, d.subscription_id);
		return sub ? webhookHost(sub) : null;
	};
	const busy = busyHosts.get(db.memory ? db : db.name) ?? new Set<string>();
	busyHosts.set(db.memory ? db : db.name, busy);
	/** One host's deliveries in order, then any that became ready meanwhile (another pass left them to this one). */
	const sendToHost = async (host: string, rows: DeliveryRow[]) => {
		busy.add(host);
		await takeSlot();
		const sender = webhookChannel.open(pass);
		try {
			const tried = new Set<number>();
			while (rows.length > 0) {
				for (const d of rows) tried.add(d.id);
				if ((await inOrder(rows, sender)) !== null) return;
				rows = ready(clock()).filter((d) => d.channel === 'webhook' && !tried.has(d.id) && hostOf(d) === host);
			}
		} finally {
			sender.close();
			releaseSlot();
			busy.delete(host);
		}
	};

	const mail: DeliveryRow[] = [];
	const hosts = new Map<string, DeliveryRow[]>();
	for (const d of ready(now)) {
		if (d.channel === 'email') mail.push(d);
		else {
			const host = hostOf(d);
			if (host !== null && !busy.has(host)) hosts.set(host, [...(hosts.get(host) ?? []), d]);
		}
	}
	await Promise.all([sendMail(mail), ...[...hosts].map(([host, rows]) => sendToHost(host, rows))]);
	return summary;
}
