import type { Db } from '../db/connection';
import type { Config } from '../config';
import { subscriptionCounts } from '../db/alerts';
import { deliveryCounts } from '../db/alert-outbox';
import { alertSettings } from './settings';

export interface DeliveryHealth {
	/** false: no SMTP_URL, so email alerts are recorded but not sent. */
	emailSending: boolean;
	subscriptions: { active: number; pending: number; email: number; webhook: number };
	/** Deliveries not yet delivered (waiting for their first try or a retry). */
	pending: number;
	/** Of those, the ones that failed at least once and wait for a retry. */
	retrying: number;
	/** Deliveries given up on (a permanent refusal, or too many failures). */
	failed: number;
	sent: number;
	/** Alerts queued for a later digest hour. */
	waitingForDigest: number;
	lastError: string | null;
	lastErrorAt: string | null;
	lastSentAt: string | null;
	/** ok: nothing failing; retrying: failures being retried; failing: some given up; off: email not configured. */
	status: 'ok' | 'retrying' | 'failing' | 'off';
}

/** Alert delivery health for the sources page and `rankdrift alerts status`. */
export function deliveryHealth(db: Db, config: Config): DeliveryHealth {
	const c = deliveryCounts(db);
	const emailSending = alertSettings(config).smtpUrl !== null;
	const subscriptions = subscriptionCounts(db);
	const status = c.failed > 0 ? 'failing' : c.retrying > 0 ? 'retrying' : !emailSending ? 'off' : 'ok';
	return {
		emailSending,
		subscriptions,
		pending: c.pending,
		retrying: c.retrying,
		failed: c.failed,
		sent: c.sent,
		waitingForDigest: c.waiting_items,
		lastError: c.last_error,
		lastErrorAt: c.last_error_at,
		lastSentAt: c.last_sent_at,
		status
	};
}
