import { json, type RequestHandler } from '@sveltejs/kit';
import { appDb } from '$lib/server/app-context';
import { requestSubscription, SENDING_OFF } from '$lib/server/alerts/subscriptions';
import { requestDispatch } from '$lib/server/alerts/runner';
import { alertSettings } from '$lib/server/alerts/settings';
import { ALERT_KINDS, DEFAULT_KINDS, SEVERITIES } from '$lib/server/alerts/types';
import { config } from '$lib/server/config';

/** What the form (and a script) can ask for, and whether email is being sent at all. */
export const GET: RequestHandler = () =>
	json({ email_sending: alertSettings(config()).smtpUrl !== null, webhooks: true, kinds: ALERT_KINDS, default_kinds: DEFAULT_KINDS, severities: SEVERITIES, frequencies: ['immediate', 'daily'] });

/**
 * `{"email": "…"} | {"webhook": "https://…"}`, optional `watch` ({family|organization|board: "…"}),
 * `kinds`, `min_severity`, `divergence_level`, `frequency`, `digest_hour` → 202 and a confirmation
 * (the same answer whether or not the address is known), 400 with the problems, or 429.
 */
export const POST: RequestHandler = async ({ request, getClientAddress }) => {
	const type = request.headers.get('content-type')?.split(';', 1)[0].trim().toLowerCase();
	if (type !== 'application/json') return json({ error: 'Bad request', problems: ['send the subscription as JSON (Content-Type: application/json)'] }, { status: 415 });
	let body: unknown;
	try {
		body = await request.json();
	} catch {
		return json({ error: 'Bad request', problems: ['the body is not valid JSON'] }, { status: 400 });
	}
	const db = appDb();
	const outcome = await requestSubscription(db, config(), body, getClientAddress(), new Date());
	if (outcome.status === 400) return json({ error: 'Bad request', problems: outcome.problems }, { status: 400 });
	if (outcome.status === 429) return json({ error: 'Too many requests', message: outcome.message }, { status: 429, headers: { 'retry-after': String(outcome.retryAfterS) } });
	void requestDispatch(db, config());
	const sending = outcome.channel === 'webhook' || alertSettings(config()).smtpUrl !== null;
	return json({ status: 'accepted', channel: outcome.channel, message: sending ? outcome.message : SENDING_OFF, sending }, { status: 202 });
};
