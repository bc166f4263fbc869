import type { Db } from './connection';
import { stmt } from './statements';
import type { AlertItem } from '../alerts/types';

// Alert items (what was decided), the outbox (who gets which item) and deliveries (messages sent).

export interface AlertItemRow {
	key: string;
	kind: string;
	severity: string;
	boards: string;
	families: string;
	organizations: string;
	date: string | null;
	title: string;
	facts: string;
	magnitude: number | null;
	previous_magnitude: number | null;
	first_seen: string;
}

export function itemFromRow(r: AlertItemRow): AlertItem {
	return {
		key: r.key,
		kind: r.kind as AlertItem['kind'],
		severity: r.severity as AlertItem['severity'],
		boards: JSON.parse(r.boards),
		families: JSON.parse(r.families),
		organizations: JSON.parse(r.organizations),
		date: r.date,
		title: r.title,
		facts: JSON.parse(r.facts),
		magnitude: r.magnitude,
		previousMagnitude: r.previous_magnitude,
		firstSeen: r.first_seen
	};
}

/** Stores an item the first time it is decided; returns false when it was already known (never decided twice). */
export function insertItemOnce(db: Db, i: AlertItem): boolean {
	return (
		stmt(
			db,
			`INSERT OR IGNORE INTO alert_items (key, kind, severity, boards, families, organizations, date, title, facts, magnitude, previous_magnitude, first_seen)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
		).run(
			i.key, i.kind, i.severity, JSON.stringify(i.boards), JSON.stringify(i.families), JSON.stringify(i.organizations), i.date, i.title,
			JSON.stringify(i.facts), i.magnitude, i.previousMagnitude, i.firstSeen
		).changes === 1
	);
}

// ---- outbox ----

/** Queues an item for a subscription; the unique (subscription, item) key makes a second queueing a no-op. */
export function enqueue(db: Db, subscriptionId: number, itemKey: string, queuedAt: string, dueAt: string): boolean {
	return (
		stmt(db, 'INSERT OR IGNORE INTO alert_outbox (subscription_id, item_key, queued_at, due_at) VALUES (?, ?, ?, ?)').run(subscriptionId, itemKey, queuedAt, dueAt)
			.changes === 1
	);
}

/** After a subscription's frequency changed: what it has waiting follows the new schedule. */
export function rescheduleWaiting(db: Db, subscriptionId: number, dueAt: string): void {
	stmt(db, 'UPDATE alert_outbox SET due_at = ? WHERE subscription_id = ? AND delivery_id IS NULL').run(dueAt, subscriptionId);
}

export interface DueRow {
	outbox_id: number;
	subscription_id: number;
	item_key: string;
}

/** Outbox rows no delivery has taken yet, due by `now`, of active subscriptions. */
export function dueOutboxRows(db: Db, now: string): DueRow[] {
	return stmt(
		db,
		`SELECT o.id AS outbox_id, o.subscription_id, o.item_key FROM alert_outbox o
		 JOIN alert_subscriptions s ON s.id = o.subscription_id AND s.status = 'active'
		 WHERE o.delivery_id IS NULL AND o.due_at <= ? ORDER BY o.subscription_id, o.id`
	).all(now) as DueRow[];
}

export function attachToDelivery(db: Db, outboxIds: number[], deliveryId: number): void {
	stmt(db, 'UPDATE alert_outbox SET delivery_id = ? WHERE id IN (SELECT value FROM json_each(?)) AND delivery_id IS NULL').run(deliveryId, JSON.stringify(outboxIds));
}

export function itemsOfDelivery(db: Db, deliveryId: number): AlertItem[] {
	const rows = stmt(
		db,
		`SELECT i.* FROM alert_outbox o JOIN alert_items i ON i.key = o.item_key WHERE o.delivery_id = ? ORDER BY o.id`
	).all(deliveryId) as AlertItemRow[];
	return rows.map(itemFromRow);
}

// ---- deliveries ----

export type DeliveryPurpose = 'confirmation' | 'challenge' | 'alert' | 'digest';

export interface DeliveryRow {
	id: number;
	subscription_id: number;
	channel: 'email' | 'webhook';
	purpose: DeliveryPurpose;
	status: 'pending' | 'sending' | 'sent' | 'failed';
	attempts: number;
	next_attempt_at: string;
	lease_until: string | null;
	last_attempt_at: string | null;
	last_error: string | null;
	created_at: string;
	sent_at: string | null;
}

export function insertDelivery(db: Db, d: { subscriptionId: number; channel: string; purpose: DeliveryPurpose; at: string }): number {
	const info = stmt(
		db,
		`INSERT INTO alert_deliveries (subscription_id, channel, purpose, status, next_attempt_at, created_at) VALUES (?, ?, ?, 'pending', ?, ?)`
	).run(d.subscriptionId, d.channel, d.purpose, d.at, d.at);
	return Number(info.lastInsertRowid);
}

/**
 * Deliveries ready to try: pending and due (or any pending one with `ignoreBackoff`), or left in
 * 'sending' by a dispatcher whose lease ran out (it crashed mid-send).
 */
export function readyDeliveries(db: Db, now: string, opts: { ignoreBackoff: boolean; limit: number }): DeliveryRow[] {
	return stmt(
		db,
		`SELECT * FROM alert_deliveries
		 WHERE (status = 'pending' AND (@ignore = 1 OR next_attempt_at <= @now)) OR (status = 'sending' AND lease_until < @now)
		 ORDER BY id LIMIT @limit`
	).all({ now, ignore: opts.ignoreBackoff ? 1 : 0, limit: opts.limit }) as DeliveryRow[];
}

/** Takes a delivery for one send; false when another dispatcher holds it or it is no longer ready. */
export function claimDelivery(db: Db, id: number, now: string, leaseUntil: string): boolean {
	return (
		stmt(
			db,
			`UPDATE alert_deliveries SET status = 'sending', lease_until = ?, last_attempt_at = ?, attempts = attempts + 1
			 WHERE id = ? AND (status = 'pending' OR (status = 'sending' AND lease_until < ?))`
		).run(leaseUntil, now, id, now).changes === 1
	);
}

export function markDeliverySent(db: Db, id: number, at: string): void {
	stmt(db, `UPDATE alert_deliveries SET status = 'sent', sent_at = ?, lease_until = NULL, last_error = NULL WHERE id = ?`).run(at, id);
}

export function markDeliveryRetry(db: Db, id: number, nextAttemptAt: string, error: string): void {
	stmt(db, `UPDATE alert_deliveries SET status = 'pending', next_attempt_at = ?, lease_until = NULL, last_error = ? WHERE id = ?`).run(nextAttemptAt, error, id);
}

export function markDeliveryFailed(db: Db, id: number, error: string): void {
	stmt(db, `UPDATE alert_deliveries SET status = 'failed', lease_until = NULL, last_error = ? WHERE id = ?`).run(error, id);
}

export interface DeliveryListRow extends DeliveryRow {
	items: number;
}

export function listDeliveries(db: Db, limit: number): DeliveryListRow[] {
	return stmt(
		db,
		`SELECT d.*, (SELECT COUNT(*) FROM alert_outbox o WHERE o.delivery_id = d.id) AS items FROM alert_deliveries d ORDER BY d.id DESC LIMIT ?`
	).all(limit) as DeliveryListRow[];
}

export interface DeliveryCounts {
	pending: number;
	retrying: number;
	failed: number;
	sent: number;
	waiting_items: number;
	last_error: string | null;
	last_error_at: string | null;
	last_sent_at: string | null;
}

export function deliveryCounts(db: Db): DeliveryCounts {
	return stmt(
		db,
		`SELECT
		   (SELECT COUNT(*) FROM alert_deliveries WHERE status IN ('pending', 'sending')) AS pending,
		   (SELECT COUNT(*) FROM alert_deliveries WHERE status IN ('pending', 'sending') AND attempts > 0) AS retrying,
		   (SELECT COUNT(*) FROM alert_deliveries WHERE status = 'failed') AS failed,
		   (SELECT COUNT(*) FROM alert_deliveries WHERE status = 'sent') AS sent,
		   (SELECT COUNT(*) FROM alert_outbox WHERE delivery_id IS NULL) AS waiting_items,
		   (SELECT last_error FROM alert_deliveries WHERE last_error IS NOT NULL ORDER BY last_attempt_at DESC, id DESC LIMIT 1) AS last_error,
		   (SELECT last_attempt_at FROM alert_deliveries WHERE last_error IS NOT NULL ORDER BY last_attempt_at DESC, id DESC LIMIT 1) AS last_error_at,
		   (SELECT MAX(sent_at) FROM alert_deliveries) AS last_sent_at`
	).get() as DeliveryCounts;
}
