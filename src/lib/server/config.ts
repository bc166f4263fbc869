import { z } from 'zod';

// An unset variable and one set to '' mean the same: not configured.
const optional = <T extends z.ZodType>(inner: T) => z.preprocess((v) => (v === '' ? undefined : v), inner.optional());

const urlWith = (protocols: string[], what: string) =>
	z.string().refine((v) => {
		try {
			return protocols.includes(new URL(v).protocol);
		} catch {
			return false;
		}
	}, `must be ${what}`);

const flag = (byDefault: '0' | '1') =>
	z
		.enum(['0', '1', 'true', 'false', 'on', 'off', 'yes', 'no'])
		.default(byDefault)
		.transform((v) => ['1', 'true', 'on', 'yes'].includes(v));

const schema = z.object({
	RANKDRIFT_STALE_DAYS: z.coerce.number().int().positive().default(45),
	/** Rows an import writes per transaction; unset = the default in src/lib/server/ingest/write-batch.ts. */
	RANKDRIFT_IMPORT_BATCH_ROWS: optional(z.coerce.number().int().positive()),
	/** Enables the Artificial Analysis source (the catalogue's `apiKey`). */
	ARTIFICIAL_ANALYSIS_API_KEY: optional(z.string()),
	/** smtp://user:pass@host:587 or smtps://…:465; unset = alerts are recorded but not sent. */
	SMTP_URL: optional(urlWith(['smtp:', 'smtps:'], 'an smtp:// or smtps:// URL')),
	/** The From of alert mail, `Name <address>` or an address. */
	ALERTS_FROM: optional(z.string().max(200).regex(/^[^\r\n]*@[^\r\n]*$/, 'must be an address or "Name <address>" on one line')),
	/** Key for signed links; unset = one is generated once and kept in the database. */
	ALERTS_SECRET: optional(z.string().min(32, 'must be at least 32 characters')),
	PUBLIC_URL: optional(urlWith(['http:', 'https:'], 'an http(s) URL')),
	ORIGIN: optional(urlWith(['http:', 'https:'], 'an http(s) URL')),
	/** Lets webhook URLs point at loopback/private addresses (tests, a receiver on the same network). */
	RANKDRIFT_WEBHOOK_ALLOW_PRIVATE: flag('0'),
	/** The scrape scheduler beside the dashboard (`rankdrift serve`); off for a read-only replica or a test server. */
	RANKDRIFT_SCHEDULER: flag('1'),
	/** Seconds one webhook request may take in all (connect, headers, body) before it counts as failed. */
	RANKDRIFT_WEBHOOK_TIMEOUT_S: z.coerce.number().positive().max(120).default(10),
	/** Exports, feeds and history pages one client (IP) may have running at once; 0 = no limit. */
	RANKDRIFT_CLIENT_CONCURRENCY: z.coerce.number().int().min(0).default(4),
	/** Subscribe requests one client (IP) may make per hour. */
	RANKDRIFT_ALERTS_CLIENT_LIMIT: z.coerce.number().int().positive().default(20),
	/** Confirmation messages one address or webhook URL may receive per hour. */
	RANKDRIFT_ALERTS_ADDRESS_LIMIT: z.coerce.number().int().positive().default(3)
});

export type Config = z.infer<typeof schema>;

let cached: Config | null = null;

/** Settings from the environment, validated once; every problem is listed in one error. */
export function config(env: NodeJS.ProcessEnv = process.env): Config {
	if (cached && env === process.env) return cached;
	const parsed = schema.safeParse(env);
	if (!parsed.success) {
		const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
		throw new Error(`invalid configuration: ${problems}`);
	}
	if (env === process.env) cached = parsed.data;
	return parsed.data;
}

/**
 * Where absolute links (feeds, mail, webhooks) point: PUBLIC_URL, else ORIGIN, else this machine on
 * PORT. Never a request's Host header, which any client sets (and a cache may keep what it chose).
 */
export function publicBaseUrl(env: NodeJS.ProcessEnv = process.env): { url: string; configured: boolean } {
	const c = config(env);
	const configured = c.PUBLIC_URL ?? c.ORIGIN ?? null;
	return { url: (configured ?? `http://localhost:${env.PORT || 3000}`).replace(/\/+$/, ''), configured: configured !== null };
}
