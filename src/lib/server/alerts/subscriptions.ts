import { randomBytes } from 'node:crypto';
import type { Config } from '../config';
import type { Db } from '../db/connection';
import {
	activateSubscription,
	countHit,
	deleteSubscription,
	deleteSubscriptionsByDigest,
	getSubscription,
	insertSubscription,
	sameWatchSubscriptions,
	subscriptionsByDigest,
	updateSubscriptionSettings,
	type SubscriptionRow
} from '../db/alerts';
import { insertDelivery, rescheduleWaiting } from '../db/alert-outbox';
import { boardExists } from '../db/snapshots';
import { createLogger } from '../log';
import { sourceOfBoard } from '../../catalogue';
import { keyedDigest, derivedKey } from './keys';
import { dueAt } from './match';
import { alertSettings } from './settings';
import { createToken, TOKEN_LIFETIME_S, verifyToken, type TokenPayload, type TokenPurpose } from './tokens';
import { parseSubscriptionRequest, type Parsed } from './validate';
import { checkWebhookTarget } from './webhook-url';
import type { SubscriptionRequest, SubscriptionSettings, Watch } from './types';

// Subscribing, confirming, managing and unsubscribing. Every answer about an address is the same
// whether or not it is already subscribed: the only difference is in the mailbox.

const log = createLogger('alerts');

export type SubscribeOutcome =
	| { status: 202; channel: 'email' | 'webhook'; message: string }
	| { status: 400; problems: string[] }
	| { status: 429; retryAfterS: number; message: string };

const ACCEPTED = {
	email: 'If the address can receive mail, a confirmation link is on its way. Nothing else is sent until it is confirmed.',
	webhook: 'A challenge request is on its way to the URL; the subscription starts when the endpoint echoes it back.'
};

/** What a subscriber is told while no SMTP server is configured. */
export const SENDING_OFF = 'Recorded, but email sending is off on this server (no SMTP configured): the confirmation will go out once an administrator sets it up.';

const hourWindow = (now: Date) => new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000).toISOString();

export const targetDigest = (db: Db, config: Config, channel: string, target: string) => keyedDigest(db, config, `${channel}:${target}`);

function watchProblem(db: Db, w: Watch | null): string | null {
	if (w?.type === 'board' && !boardExists(db, w.value) && !sourceOfBoard(w.value)?.boards.some((b) => b.id === w.value))
		return `no board "${w.value}" is known`;
	return null;
}

/**
 * POST /api/subscriptions and the form: rate limits (per client: a 429; per address: the same 202,
 * nothing sent), validation (a 400 saying what is wrong), then a pending subscription and its
 * confirmation (email) or challenge (webhook) in the outbox.
 */
export async function requestSubscription(db: Db, config: Config, body: unknown, client: string, now: Date): Promise<SubscribeOutcome> {
	const settings = alertSettings(config);
	const window = hourWindow(now);
	if (countHit(db, `client:${keyedDigest(db, config, client)}`, window) > settings.clientLimit) {
		const retryAfterS = Math.ceil((new Date(window).getTime() + 3_600_000 - now.getTime()) / 1000);
		return { status: 429, retryAfterS, message: 'Too many subscription requests from this client; try again later.' };
	}
	const parsed = parseSubscriptionRequest(body);
	if (!parsed.ok) return { status: 400, problems: parsed.problems };
	const req = parsed.value;
	const watchIssue = watchProblem(db, req.watch);
	if (watchIssue) return { status: 400, problems: [watchIssue] };
	if (req.channel === 'webhook') {
		const target = await checkWebhookTarget(req.target, settings.allowPrivateWebhooks);
		if (!target.ok) return { status: 400, problems: [target.reason] };
	}
	const digest = targetDigest(db, config, req.channel, req.target);
	if (countHit(db, `target:${digest}`, window) > settings.addressLimit) {
		log.warn('subscribe request over the per-address limit: nothing sent', { channel: req.channel });
		return { status: 202, channel: req.channel, message: ACCEPTED[req.channel] };
	}
	createPending(db, req, digest, now);
	return { status: 202, channel: req.channel, message: ACCEPTED[req.channel] };
}

/** A subscription's settings as the storage layer keeps them (the watch as type and value). */
function settingsColumns(s: SubscriptionSettings) {
	return {
		watchType: s.watch?.type ?? null,
		watchValue: s.watch?.value ?? null,
		kinds: s.kinds,
		minSeverity: s.minSeverity,
		divergenceLevel: s.divergenceLevel,
		frequency: s.frequency,
		digestHour: s.digestHour
	};
}

function createPending(db: Db, req: SubscriptionRequest, digest: string, now: Date): number {
	const at = now.toISOString();
	return db.transaction(() => {
		// A new request for the same address and watch replaces an unconfirmed one (one pending at a time).
		for (const old of sameWatchSubscriptions(db, digest, req.watch?.type ?? null, req.watch?.value ?? null)) if (old.status === 'pending') deleteSubscription(db, old.id);
		const id = insertSubscription(db, {
			channel: req.channel,
			target: req.target,
			targetDigest: digest,
			webhookSecret: req.webhookSecret,
			...settingsColumns(req),
			nonce: randomBytes(12).toString('base64url'),
			createdAt: at
		});
		insertDelivery(db, { subscriptionId: id, channel: req.channel, purpose: req.channel === 'email' ? 'confirmation' : 'challenge', at });
		return id;
	})();
}

export interface Activation {
	/** The subscription now in force (an earlier active one for the same watch takes the new settings). */
	subscription: SubscriptionRow;
	alreadyActive: boolean;
}

/** Puts a pending subscription in force; an active one of the same address and watch takes its settings instead. */
export function activate(db: Db, pending: SubscriptionRow, now: Date): Activation {
	return db.transaction((): Activation => {
		const current = getSubscription(db, pending.id);
		if (!current) throw new Error('subscription vanished');
		if (current.status === 'active') return { subscription: current, alreadyActive: true };
		const existing = sameWatchSubscriptions(db, current.target_digest, current.watch_type, current.watch_value).find((s) => s.status === 'active' && s.id !== current.id);
		if (existing) {
			updateSubscriptionSettings(db, existing.id, {
				watchType: current.watch_type,
				watchValue: current.watch_value,
				kinds: JSON.parse(current.kinds),
				minSeverity: current.min_severity,
				divergenceLevel: current.divergence_level,
				frequency: current.frequency,
				digestHour: current.digest_hour
			});
			deleteSubscription(db, current.id);
			const updated = getSubscription(db, existing.id)!;
			rescheduleWaiting(db, updated.id, dueAt(updated, now));
			return { subscription: updated, alreadyActive: false };
		}
		activateSubscription(db, current.id, now.toISOString());
		return { subscription: getSubscription(db, current.id)!, alreadyActive: false };
	})();
}

// ---- links ----

export function tokenKey(db: Db, config: Config): Buffer {
	return derivedKey(db, config, 'tokens');
}

export function linkToken(db: Db, config: Config, purpose: TokenPurpose, sub: SubscriptionRow, now: Date): string {
	const key = tokenKey(db, config);
	if (purpose === 'manage') return createToken(key, { p: 'manage', d: sub.target_digest }, now);
	// A confirmation link lives 48 hours from the request, however late the message goes out.
	return createToken(key, { p: purpose, s: sub.id, n: sub.nonce }, purpose === 'confirm' ? new Date(sub.created_at) : now);
}

export type LinkProblem = 'invalid' | 'expired' | 'gone';

export const LINK_PROBLEMS: Record<LinkProblem, { message: string; detail: string }> = {
	invalid: { message: 'This link is not valid', detail: 'it was changed or cut short on the way; open it again from the message, or subscribe again on the alerts page (/alerts)' },
	expired: { message: 'This link has expired', detail: 'confirmation links work for 48 hours; subscribe again on the alerts page (/alerts) to get a fresh one' },
	gone: { message: 'This subscription no longer exists', detail: 'it was unsubscribed or deleted, or never confirmed and removed; nothing more will be sent for it, and nothing is kept about it' }
};

function subscriptionOfToken(db: Db, config: Config, token: string | null, purpose: 'confirm' | 'unsubscribe', now: Date): { ok: true; sub: SubscriptionRow } | { ok: false; problem: LinkProblem } {
	const check = verifyToken(tokenKey(db, config), token, purpose, now);
	if (!check.ok) return { ok: false, problem: check.reason === 'expired' ? 'expired' : 'invalid' };
	const sub = getSubscription(db, Number(check.payload.s));
	if (!sub || sub.nonce !== check.payload.n) return { ok: false, problem: 'gone' };
	return { ok: true, sub };
}

/** The confirm page (GET): what would be confirmed; nothing changes. */
export function inspectConfirmation(db: Db, config: Config, token: string | null, now: Date) {
	return subscriptionOfToken(db, config, token, 'confirm', now);
}

/** The confirm page's button (POST). */
export function confirmByToken(db: Db, config: Config, token: string | null, now: Date): { ok: true; activation: Activation; manageToken: string } | { ok: false; problem: LinkProblem } {
	const found = subscriptionOfToken(db, config, token, 'confirm', now);
	if (!found.ok) return found;
	const activation = activate(db, found.sub, now);
	return { ok: true, activation, manageToken: linkToken(db, config, 'manage', activation.subscription, now) };
}

export function inspectUnsubscribe(db: Db, config: Config, token: string | null, now: Date) {
	return subscriptionOfToken(db, config, token, 'unsubscribe', now);
}

/** The unsubscribe button and the RFC 8058 one-click POST: the subscription is deleted with all it queued. */
export function unsubscribeByToken(db: Db, config: Config, token: string | null, now: Date): { ok: true; sub: SubscriptionRow } | { ok: false; problem: LinkProblem } {
	const found = subscriptionOfToken(db, config, token, 'unsubscribe', now);
	if (!found.ok) return found;
	deleteSubscription(db, found.sub.id);
	log.info('unsubscribed', { subscription: found.sub.id, channel: found.sub.channel });
	return found;
}

// ---- manage ----

export type ManageAccess = { ok: true; digest: string; subscriptions: SubscriptionRow[] } | { ok: false; problem: LinkProblem };

/**
 * Every subscription of the address (or URL) the manage link names. The link opens only while a
 * subscription it was issued for still exists: once the owner deleted everything it is 'gone', and it
 * does not come back to life over subscriptions made later (those bring their own links).
 */
export function manageAccess(db: Db, config: Config, token: string | null, now: Date): ManageAccess {
	const check = verifyToken(tokenKey(db, config), token, 'manage', now);
	if (!check.ok) return { ok: false, problem: check.reason === 'expired' ? 'expired' : 'invalid' };
	const digest = (check.payload as TokenPayload).d;
	if (!digest) return { ok: false, problem: 'invalid' };
	const subscriptions = subscriptionsByDigest(db, digest);
	// The token keeps its expiry in whole seconds: it was issued within the second before this.
	const issuedBefore = (check.payload.e - TOKEN_LIFETIME_S.manage + 1) * 1000;
	if (!subscriptions.some((s) => Date.parse(s.created_at) < issuedBefore)) return { ok: false, problem: 'gone' };
	return { ok: true, digest, subscriptions };
}

export function updateManaged(db: Db, access: { digest: string }, subscriptionId: number, settings: Parsed<SubscriptionSettings>, now: Date): { ok: true } | { ok: false; problems: string[] } {
	if (!settings.ok) return settings;
	const sub = getSubscription(db, subscriptionId);
	if (!sub || sub.target_digest !== access.digest) return { ok: false, problems: ['that subscription is not one of this address'] };
	const watchIssue = watchProblem(db, settings.value.watch);
	if (watchIssue) return { ok: false, problems: [watchIssue] };
	const s = settings.value;
	db.transaction(() => {
		updateSubscriptionSettings(db, sub.id, settingsColumns(s));
		rescheduleWaiting(db, sub.id, dueAt({ frequency: s.frequency, digest_hour: s.digestHour }, now));
	})();
	return { ok: true };
}

export function deleteManaged(db: Db, access: { digest: string }, subscriptionId: number): boolean {
	const sub = getSubscription(db, subscriptionId);
	if (!sub || sub.target_digest !== access.digest) return false;
	return deleteSubscription(db, sub.id);
}

/** "Delete everything": every subscription of the address, with its queue and delivery records. */
export function deleteAllManaged(db: Db, access: { digest: string }): number {
	return deleteSubscriptionsByDigest(db, access.digest);
}
