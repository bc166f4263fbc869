import type { Db } from './connection';
import { stmt } from './statements';

// Subscriptions, the app's own settings and the subscribe rate counters.

export interface SubscriptionRow {
	id: number;
	channel: 'email' | 'webhook';
	target: string;
	target_digest: string;
	webhook_secret: string | null;
	watch_type: 'family' | 'organization' | 'board' | null;
	watch_value: string | null;
	/** JSON array of alert kinds. */
	kinds: string;
	min_severity: 'low' | 'medium' | 'high';
	divergence_level: number;
	frequency: 'immediate' | 'daily';
	digest_hour: number;
	status: 'pending' | 'active';
	nonce: string;
	created_at: string;
	confirmed_at: string | null;
}

export interface NewSubscription {
	channel: 'email' | 'webhook';
	target: string;
	targetDigest: string;
	webhookSecret: string | null;
	watchType: string | null;
	watchValue: string | null;
	kinds: string[];
	minSeverity: string;
	divergenceLevel: number;
	frequency: string;
	digestHour: number;
	nonce: string;
	createdAt: string;
}

export function insertSubscription(db: Db, s: NewSubscription): number {
	const info = stmt(
		db,
		`INSERT INTO alert_subscriptions (channel, target, target_digest, webhook_secret, watch_type, watch_value, kinds, min_severity,
		   divergence_level, frequency, digest_hour, status, nonce, created_at)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)`
	).run(s.channel, s.target, s.targetDigest, s.webhookSecret, s.watchType, s.watchValue, JSON.stringify(s.kinds), s.minSeverity, s.divergenceLevel, s.frequency, s.digestHour, s.nonce, s.createdAt);
	return Number(info.lastInsertRowid);
}

export function getSubscription(db: Db, id: number): SubscriptionRow | null {
	return (stmt(db, 'SELECT * FROM alert_subscriptions WHERE id = ?').get(id) as SubscriptionRow | undefined) ?? null;
}

export function subscriptionsByDigest(db: Db, digest: string): SubscriptionRow[] {
	return stmt(db, 'SELECT * FROM alert_subscriptions WHERE target_digest = ? ORDER BY id').all(digest) as SubscriptionRow[];
}

/** Subscriptions of one address or URL watching the same thing (at most one active and one pending in practice). */
export function sameWatchSubscriptions(db: Db, digest: string, watchType: string | null, watchValue: string | null): SubscriptionRow[] {
	return stmt(
		db,
		`SELECT * FROM alert_subscriptions WHERE target_digest = ? AND watch_type IS ? AND watch_value IS ? ORDER BY id`
	).all(digest, watchType, watchValue) as SubscriptionRow[];
}

export function activeSubscriptions(db: Db): SubscriptionRow[] {
	return stmt(db, `SELECT * FROM alert_subscriptions WHERE status = 'active' ORDER BY id`).all() as SubscriptionRow[];
}

export function listSubscriptions(db: Db): SubscriptionRow[] {
	return stmt(db, 'SELECT * FROM alert_subscriptions ORDER BY id').all() as SubscriptionRow[];
}

export function activateSubscription(db: Db, id: number, at: string): boolean {
	return stmt(db, `UPDATE alert_subscriptions SET status = 'active', confirmed_at = ? WHERE id = ? AND status = 'pending'`).run(at, id).changes === 1;
}

export function updateSubscriptionSettings(
	db: Db,
	id: number,
	s: { watchType: string | null; watchValue: string | null; kinds: string[]; minSeverity: string; divergenceLevel: number; frequency: string; digestHour: number }
): void {
	stmt(
		db,
		`UPDATE alert_subscriptions SET watch_type = ?, watch_value = ?, kinds = ?, min_severity = ?, divergence_level = ?, frequency = ?, digest_hour = ?
		 WHERE id = ?`
	).run(s.watchType, s.watchValue, JSON.stringify(s.kinds), s.minSeverity, s.divergenceLevel, s.frequency, s.digestHour, id);
}

export function deleteSubscription(db: Db, id: number): boolean {
	return stmt(db, 'DELETE FROM alert_subscriptions WHERE id = ?').run(id).changes === 1;
}

export function deleteSubscriptionsByDigest(db: Db, digest: string): number {
	return stmt(db, 'DELETE FROM alert_subscriptions WHERE target_digest = ?').run(digest).changes;
}

/** Unconfirmed subscriptions created before `before` (their links have expired): removed, nothing kept. */
export function deleteStalePending(db: Db, before: string): number {
	return stmt(db, `DELETE FROM alert_subscriptions WHERE status = 'pending' AND created_at < ?`).run(before).changes;
}

// ---- settings ----

export function getSetting(db: Db, key: string): string | null {
	return (stmt(db, 'SELECT value FROM app_settings WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
}

/** Stores `value` unless the key already has one, and returns whichever is stored (first writer wins). */
export function settingOnce(db: Db, key: string, value: string): string {
	stmt(db, 'INSERT OR IGNORE INTO app_settings (key, value) VALUES (?, ?)').run(key, value);
	return getSetting(db, key)!;
}

// ---- rate limits ----

/** Counts one hit in the window and returns the window's count including it. */
export function countHit(db: Db, key: string, windowStart: string): number {
	const row = stmt(
		db,
		`INSERT INTO alert_rate_limits (key, window_start, count) VALUES (?, ?, 1)
		 ON CONFLICT (key, window_start) DO UPDATE SET count = count + 1 RETURNING count`
	).get(key, windowStart) as { count: number };
	return row.count;
}

export function purgeRateWindows(db: Db, before: string): void {
	stmt(db, 'DELETE FROM alert_rate_limits WHERE window_start < ?').run(before);
}

export function subscriptionCounts(db: Db): { active: number; pending: number; email: number; webhook: number } {
	return stmt(
		db,
		`SELECT COALESCE(SUM(status = 'active'), 0) AS active, COALESCE(SUM(status = 'pending'), 0) AS pending,
		   COALESCE(SUM(channel = 'email' AND status = 'active'), 0) AS email, COALESCE(SUM(channel = 'webhook' AND status = 'active'), 0) AS webhook
		 FROM alert_subscriptions`
	).get() as { active: number; pending: number; email: number; webhook: number };
}
