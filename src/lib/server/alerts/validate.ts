import { randomBytes } from 'node:crypto';
import * as z from 'zod';
import {
	ALERT_KINDS,
	DEFAULT_DIGEST_HOUR,
	DEFAULT_DIVERGENCE_LEVEL,
	DEFAULT_KINDS,
	SEVERITIES,
	type AlertKind,
	type SubscriptionRequest,
	type SubscriptionSettings,
	type Watch
} from './types';

// One schema for the API's JSON and the form's fields (converted to the same shape first), so a
// script and a person get exactly the same rules and messages.

const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

/** A deliverable-looking address, lower-cased, or null. No quoted local parts or IP literals. */
export function normalizeEmail(raw: string): string | null {
	const v = raw.trim();
	if (v.length === 0 || v.length > 254) return null;
	const at = v.lastIndexOf('@');
	if (at <= 0) return null;
	const local = v.slice(0, at);
	const domain = v.slice(at + 1);
	if (local.length > 64 || !LOCAL.test(local) || !DOMAIN.test(domain)) return null;
	return v.toLowerCase();
}

/** Syntax only (http/https, a host, no credentials); where it points is checked by `checkWebhookTarget`. */
export function normalizeWebhookUrl(raw: string): string | null {
	let u: URL;
	try {
		u = new URL(raw.trim());
	} catch {
		return null;
	}
	if ((u.protocol !== 'http:' && u.protocol !== 'https:') || !u.hostname || u.username || u.password) return null;
	if (u.href.length > 2000) return null;
	u.hash = '';
	return u.href;
}

const watchSchema = z
	.object({
		family: z.string().trim().min(1).max(200).optional(),
		organization: z.string().trim().min(1).max(200).optional(),
		board: z.string().trim().min(1).max(200).optional()
	})
	.strict()
	.refine((w) => Object.values(w).filter((v) => v !== undefined).length === 1, 'name exactly one of family, organization or board');

const settingsShape = {
	watch: watchSchema.nullable().optional(),
	kinds: z.array(z.enum(ALERT_KINDS, { message: `each kind must be one of ${ALERT_KINDS.join(', ')}` })).min(1, 'choose at least one kind').max(ALERT_KINDS.length).optional(),
	min_severity: z.enum(SEVERITIES, { message: 'min_severity must be low, medium or high' }).default('low'),
	divergence_level: z.coerce.number().min(0.05, 'divergence_level must be between 0.05 and 1').max(1, 'divergence_level must be between 0.05 and 1').default(DEFAULT_DIVERGENCE_LEVEL),
	frequency: z.enum(['immediate', 'daily'], { message: 'frequency must be "immediate" or "daily"' }).default('immediate'),
	digest_hour: z.coerce.number().int('digest_hour must be a whole hour 0–23').min(0, 'digest_hour must be 0–23').max(23, 'digest_hour must be 0–23').default(DEFAULT_DIGEST_HOUR)
};

const requestSchema = z
	.object({
		email: z.string().max(320).optional(),
		webhook: z.union([z.string().max(2000), z.object({ url: z.string().max(2000), secret: z.string().min(16, 'webhook.secret must be at least 16 characters').max(200).optional() }).strict()]).optional(),
		...settingsShape
	})
	.strict();

const settingsSchema = z.object(settingsShape).strict();

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: string[] };

function problemsOf(error: z.ZodError): string[] {
	return error.issues.map((i) => {
		const path = i.path.join('.');
		if (i.code === 'unrecognized_keys') return `unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => JSON.stringify(path ? `${path}.${k}` : k)).join(', ')}`;
		return path && !i.message.startsWith(path.split('.')[0]) ? `${path}: ${i.message}` : i.message;
	});
}

function watchOf(w: z.infer<typeof watchSchema> | null | undefined): Watch | null {
	if (!w) return null;
	if (w.family !== undefined) return { type: 'family', value: w.family };
	if (w.organization !== undefined) return { type: 'organization', value: w.organization };
	return { type: 'board', value: w.board! };
}

function settingsOf(v: z.infer<typeof settingsSchema>): SubscriptionSettings {
	return {
		watch: watchOf(v.watch),
		kinds: [...new Set((v.kinds ?? DEFAULT_KINDS) as AlertKind[])],
		minSeverity: v.min_severity,
		divergenceLevel: v.divergence_level,
		frequency: v.frequency,
		digestHour: v.digest_hour
	};
}

/** The API body (or a form converted by `formToRequestBody`) as a subscription request, or the problems. */
export function parseSubscriptionRequest(body: unknown): Parsed<SubscriptionRequest> {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, problems: ['the body must be a JSON object'] };
	const parsed = requestSchema.safeParse(body);
	if (!parsed.success) return { ok: false, problems: problemsOf(parsed.error) };
	const v = parsed.data;
	if ((v.email === undefined) === (v.webhook === undefined)) return { ok: false, problems: ['give either "email" or "webhook"'] };
	const settings = settingsOf(v);
	if (v.email !== undefined) {
		const email = normalizeEmail(v.email);
		if (!email) return { ok: false, problems: ['email is not a valid address'] };
		return { ok: true, value: { channel: 'email', target: email, webhookSecret: null, ...settings } };
	}
	const hook = typeof v.webhook === 'string' ? { url: v.webhook, secret: undefined } : v.webhook!;
	const url = normalizeWebhookUrl(hook.url);
	if (!url) return { ok: false, problems: ['webhook must be an http:// or https:// URL without credentials'] };
	return { ok: true, value: { channel: 'webhook', target: url, webhookSecret: hook.secret ?? randomBytes(24).toString('base64url'), ...settings } };
}

/** The manage page's fields for one subscription. */
export function parseSettings(body: unknown): Parsed<SubscriptionSettings> {
	const parsed = settingsSchema.safeParse(body);
	if (!parsed.success) return { ok: false, problems: problemsOf(parsed.error) };
	return { ok: true, value: settingsOf(parsed.data) };
}

/** Form fields → the API's JSON shape (watch_type/watch_value, repeated `kinds`, channel + email/webhook_url). */
export function formToRequestBody(form: FormData, opts: { settingsOnly?: boolean } = {}): Record<string, unknown> {
	const text = (name: string) => {
		const v = form.get(name);
		return typeof v === 'string' ? v.trim() : '';
	};
	const body: Record<string, unknown> = {};
	if (!opts.settingsOnly) {
		if (text('channel') === 'webhook') body.webhook = text('webhook_url');
		else body.email = text('email');
	}
	const watchType = text('watch_type');
	if (watchType) body.watch = { [watchType]: text('watch_value') };
	const kinds = form.getAll('kinds').filter((k): k is string => typeof k === 'string');
	body.kinds = kinds;
	for (const name of ['min_severity', 'divergence_level', 'frequency', 'digest_hour'])
		if (text(name) !== '') body[name] = text(name);
	return body;
}
