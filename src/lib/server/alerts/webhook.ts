import { createHmac, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { guardedLookup, isPrivateAddress } from './webhook-url';

// Webhook delivery: one JSON POST per alert, signed with the subscription's secret:
//   X-Rankdrift-Signature: sha256=HEX(HMAC-SHA256(secret, `${timestamp}.${body}`))
// with the timestamp in X-Rankdrift-Timestamp and a stable X-Rankdrift-Delivery id (the same on
// every retry) for the receiver's dedupe. Redirects are not followed.

export const SIGNATURE_HEADER = 'x-rankdrift-signature';

export function signWebhook(secret: string, timestamp: string, body: string): string {
	return 'sha256=' + createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

export interface WebhookResponse {
	status: number;
	/** The first BODY_CAP bytes; the rest is never read. */
	body: string;
}

/** A challenge echo or an error text fits many times over; a receiver that streams more is cut off. */
const BODY_CAP = 65_536;

/**
 * Posts once and settles within `deadlineMs` whatever the receiver does: the deadline covers the DNS
 * lookup, connecting, the headers and the body together, so a receiver that answers at once and then
 * drips a byte at a time is cut off like one that never answers.
 */
export async function postWebhook(
	url: string,
	payload: unknown,
	opts: { secret: string; deliveryId: string; event: 'alert' | 'challenge'; allowPrivate: boolean; now: Date; deadlineMs?: number }
): Promise<WebhookResponse> {
	const u = new URL(url);
	const host = u.hostname.replace(/^\[|\]$/g, '');
	// A literal address never goes through `lookup`, so it is checked here.
	if (isIP(host) && !opts.allowPrivate && isPrivateAddress(host))
		throw Object.assign(new Error(`refused: ${host} is a private or reserved address`), { code: 'EPRIVATEADDRESS' });
	const body = JSON.stringify(payload);
	const timestamp = String(Math.floor(opts.now.getTime() / 1000));
	const send = u.protocol === 'https:' ? httpsRequest : httpRequest;
	const deadlineMs = opts.deadlineMs ?? 10_000;
	return await new Promise<WebhookResponse>((resolve, reject) => {
		let settled = false;
		const settle = (outcome: () => void) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			req.destroy();
			outcome();
		};
		const req = send(
			u,
			{
				method: 'POST',
				// A fresh connection each time: a pooled one may have been dropped by the receiver meanwhile.
				agent: false,
				lookup: guardedLookup(opts.allowPrivate),
				headers: {
					'content-type': 'application/json',
					'content-length': Buffer.byteLength(body),
					'user-agent': 'rankdrift-alerts/1',
					'x-rankdrift-event': opts.event,
					'x-rankdrift-delivery': opts.deliveryId,
					'x-rankdrift-timestamp': timestamp,
					[SIGNATURE_HEADER]: signWebhook(opts.secret, timestamp, body)
				}
			},
			(res) => {
				const chunks: Buffer[] = [];
				let size = 0;
				const done = () => settle(() => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).subarray(0, BODY_CAP).toString('utf8') }));
				res.on('data', (c: Buffer) => {
					chunks.push(c);
					size += c.length;
					if (size >= BODY_CAP) done();
				});
				res.on('end', done);
				res.on('error', (e) => settle(() => reject(e)));
			}
		);
		const timer = setTimeout(
			() => settle(() => reject(Object.assign(new Error(`the receiver did not answer in full within ${deadlineMs / 1000} s`), { code: 'ETIMEDOUT' }))),
			deadlineMs
		);
		req.on('error', (e) => settle(() => reject(e)));
		req.end(body);
	});
}

export function newChallenge(): string {
	return randomBytes(18).toString('base64url');
}

/** The receiver proves it wants alerts by echoing the challenge: as the whole body, or as {"challenge": "..."}. */
export function echoesChallenge(res: WebhookResponse, challenge: string): boolean {
	if (res.status < 200 || res.status >= 300) return false;
	const text = res.body.trim();
	if (text === challenge) return true;
	try {
		return (JSON.parse(text) as { challenge?: unknown }).challenge === challenge;
	} catch {
		return false;
	}
}

/** 2xx is delivered; 408/425/429 and 5xx are worth retrying; other 4xx mean the receiver will never take it. */
export function webhookStatusIsPermanentFailure(status: number): boolean {
	return status >= 400 && status < 500 && ![408, 425, 429].includes(status);
}
