import { createHmac, timingSafeEqual } from 'node:crypto';

// Signed, expiring tokens for the links in messages: base64url(JSON payload) "." base64url(HMAC-SHA256).

export type TokenPurpose = 'confirm' | 'manage' | 'unsubscribe';

export interface TokenPayload {
	/** purpose */
	p: TokenPurpose;
	/** subscription id (confirm, unsubscribe) */
	s?: number;
	/** the subscription's nonce: a token dies with the subscription it names */
	n?: string;
	/** target digest (manage: every subscription of one address) */
	d?: string;
	/** expiry, seconds since the epoch */
	e: number;
}

export const TOKEN_LIFETIME_S: Record<TokenPurpose, number> = {
	confirm: 48 * 3600,
	manage: 365 * 24 * 3600,
	unsubscribe: 365 * 24 * 3600
};

function sign(key: Buffer, body: string): string {
	return createHmac('sha256', key).update(`v1.${body}`).digest('base64url');
}

export function createToken(key: Buffer, payload: Omit<TokenPayload, 'e'>, now: Date, lifetimeS = TOKEN_LIFETIME_S[payload.p]): string {
	const body = Buffer.from(JSON.stringify({ ...payload, e: Math.floor(now.getTime() / 1000) + lifetimeS })).toString('base64url');
	return `${body}.${sign(key, body)}`;
}

export type TokenCheck = { ok: true; payload: TokenPayload } | { ok: false; reason: 'invalid' | 'expired' | 'wrong-purpose' };

/** Verifies signature, purpose and expiry; a forged or altered token is 'invalid' before anything else is read. */
export function verifyToken(key: Buffer, token: string | null, purpose: TokenPurpose, now: Date): TokenCheck {
	if (!token || token.length > 1000) return { ok: false, reason: 'invalid' };
	const dot = token.indexOf('.');
	if (dot <= 0) return { ok: false, reason: 'invalid' };
	const body = token.slice(0, dot);
	const given = Buffer.from(token.slice(dot + 1), 'base64url');
	const expected = Buffer.from(sign(key, body), 'base64url');
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
	let payload: TokenPayload;
	try {
		payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
	} catch {
		return { ok: false, reason: 'invalid' };
	}
	if (typeof payload !== 'object' || payload === null || typeof payload.e !== 'number') return { ok: false, reason: 'invalid' };
	if (payload.p !== purpose) return { ok: false, reason: 'wrong-purpose' };
	if (payload.e * 1000 < now.getTime()) return { ok: false, reason: 'expired' };
	return { ok: true, payload };
}
