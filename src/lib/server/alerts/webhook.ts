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
	body: string;
}

export async function postWebhook(
	url: string,
	payload: unknown,
	opts: { secret: string; deliveryId: string; event: 'alert' | 'challenge'; allowPrivate: boolean; now: Date; timeoutMs?: number }
): Promise<WebhookResponse> {
	const u = new URL(url);
	const host = u.hostname.replace(/^\[|\]$/g, '');
	// A literal address never goes through `lookup`, so it is checked here.
	if (isIP(host) && !opts.allowPrivate && isPrivateAddress(host))
		throw Object.assign(new Error(`refused: ${host} is a private or reserved address`), { code: 'EPRIVATEADDRESS' });
	const body = JSON.stringify(payload);
	const timestamp = String(Math.floor(opts.now.getTime() / 1000));
	const send = u.protocol === 'https:' ? httpsRequest : httpRequest;
	return await new Promise<WebhookResponse>((resolve, reject) => {
		const req = send(
			u,
			{
				method: 'POST',
				lookup: guardedLookup(opts.allowPrivate),
				timeout: opts.timeoutMs ?? 10_000,
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
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (c: string) => {
					if (text.length < 65_536) text += c;
				});
				res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
				res.on('error', reject);
			}
		);
		req.on('timeout', () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
		req.on('error', reject);
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
