import * as z from 'zod';
import cron from 'node-cron';
import { allSources } from '../catalogue';
import type { EndpointInfo, SourceInfo } from '../catalogue/contract';
import { DATASET_ROWS_URL } from '../catalogue/sources/lmarena';
import { DEFAULT_BATCH_ROWS } from './ingest/write-batch';

// An unset variable and one set to '' mean the same: not configured.
const unset = (v: unknown) => (v === '' ? undefined : v);
const optional = <T extends z.ZodType>(inner: T) => z.preprocess(unset, inner.optional());
const orDefault = <T extends z.ZodType>(inner: T, value: z.util.NoUndefined<z.output<T>>) => z.preprocess(unset, inner.default(value));
// A pasted key or path keeps no surrounding spaces, and spaces alone count as unset (as they always did).
const optionalTrimmed = <T extends z.ZodType>(inner: T) =>
	z.preprocess((v) => unset(typeof v === 'string' ? v.trim() : v), inner.optional());

const urlWith = (protocols: string[], what: string) =>
	z.string().refine((v) => {
		try {
			return protocols.includes(new URL(v).protocol);
		} catch {
			return false;
		}
	}, `must be ${what}`);
const httpUrl = urlWith(['http:', 'https:'], 'an http(s) URL');

const flag = (byDefault: '0' | '1') =>
	z
		.enum(['0', '1', 'true', 'false', 'on', 'off', 'yes', 'no'], { error: 'must be one of 1, true, on, yes, 0, false, off, no' })
		.default(byDefault)
		.transform((v) => ['1', 'true', 'on', 'yes'].includes(v));

// Whatever is wrong with a number (not one, a fraction, out of range), one message says what is wanted.
const whole = (what: string, min: number, max = Number.MAX_SAFE_INTEGER) => {
	const error = `must be ${what}`;
	return z.coerce.number({ error }).int(error).min(min, error).max(max, error);
};
const secondsError = 'must be a number of seconds above 0, at most 120';
const seconds = z.coerce.number({ error: secondsError }).positive(secondsError).max(120, secondsError);

// The value is shown: a cron expression holds no secret, and the typo is easier to see.
const cronExpression = z.string().refine((v) => cron.validate(v), { error: (issue) => `${JSON.stringify(issue.input)} is not a valid cron expression` });

/** The variables with fixed names, as the README's Configuration table lists them. */
const named = z.object({
	/** The SQLite file, relative to the working directory. */
	RANKDRIFT_DB: orDefault(z.string(), 'data/rankdrift.db'),
	/** Where `serve` listens (adapter-node reads both itself; checked here so a typo stops the start); PORT is also in links to this machine. */
	PORT: orDefault(whole('a port number from 1 to 65535', 1, 65535), 3000),
	HOST: orDefault(z.string(), '0.0.0.0'),
	RANKDRIFT_STALE_DAYS: orDefault(whole('a whole number of days, at least 1', 1), 45),
	/** Rows an import writes per transaction (src/lib/server/ingest/write-batch.ts says why this many). */
	RANKDRIFT_IMPORT_BATCH_ROWS: orDefault(whole('a whole number of rows, at least 1', 1), DEFAULT_BATCH_ROWS),
	/** Enables the dashboard's admin actions; unset = they are off. */
	ADMIN_TOKEN: optional(z.string()),
	/** Another crosswalk file; unset = the one shipped in src/lib/identity (found from the project, not the working directory). */
	RANKDRIFT_CROSSWALK: optionalTrimmed(z.string()),
	/** Only these categories (any feed's spelling, comma-separated) of LMArena's dataset; unset = all. */
	RANKDRIFT_LMARENA_CATEGORIES: optional(z.string().refine((v) => v.split(',').some((c) => c.trim()), 'must name at least one category')),
	/** Where LMArena's dataset rows are paged from when a parquet file cannot be had. */
	RANKDRIFT_LMARENA_ROWS_URL: orDefault(httpUrl, DATASET_ROWS_URL),
	/** smtp://user:pass@host:587 or smtps://…:465; unset = alerts are recorded but not sent. */
	SMTP_URL: optional(urlWith(['smtp:', 'smtps:'], 'an smtp:// or smtps:// URL')),
	/** The From of alert mail, `Name <address>` or an address. */
	ALERTS_FROM: optional(z.string().max(200).regex(/^[^\r\n]*@[^\r\n]*$/, 'must be an address or "Name <address>" on one line')),
	/** Key for signed links; unset = one is generated once and kept in the database. */
	ALERTS_SECRET: optional(z.string().min(32, 'must be at least 32 characters')),
	PUBLIC_URL: optional(httpUrl),
	ORIGIN: optional(httpUrl),
	/** Lets webhook URLs point at loopback/private addresses (tests, a receiver on the same network). */
	RANKDRIFT_WEBHOOK_ALLOW_PRIVATE: flag('0'),
	/** The scrape scheduler beside the dashboard (`rankdrift serve`); off for a read-only replica or a test server. */
	RANKDRIFT_SCHEDULER: flag('1'),
	/** Seconds one webhook request may take in all (connect, headers, body) before it counts as failed. */
	RANKDRIFT_WEBHOOK_TIMEOUT_S: orDefault(seconds, 10),
	/** Exports, feeds and history pages one client (IP) may have running at once; 0 = no limit. */
	RANKDRIFT_CLIENT_CONCURRENCY: orDefault(whole('a whole number, 0 (no limit) or more', 0), 4),
	/** Worker threads that run exports and the API's datasets off the event loop, each with its own read-only connection; 0 = run them in the server's thread. */
	RANKDRIFT_READ_WORKERS: orDefault(whole('a whole number of threads from 0 (none) to 16', 0, 16), 2),
	/** Seconds a dataset may compute before it answers (each CSV chunk after that too); past it the worker is recycled and the request gets a 503. 0 = no limit. */
	RANKDRIFT_QUERY_TIMEOUT_S: orDefault(
		z.coerce.number({ error: 'must be a number of seconds, 0 (no limit) to 600' }).min(0, 'must be a number of seconds, 0 (no limit) to 600').max(600, 'must be a number of seconds, 0 (no limit) to 600'),
		30
	),
	/** Subscribe requests one client (IP) may make per hour. */
	RANKDRIFT_ALERTS_CLIENT_LIMIT: orDefault(whole('a whole number, at least 1', 1), 20),
	/** Confirmation messages one address or webhook URL may receive per hour. */
	RANKDRIFT_ALERTS_ADDRESS_LIMIT: orDefault(whole('a whole number, at least 1', 1), 3)
});

// Variable names are upper case with every other run of characters as one '_'.
const variableName = (text: string) => text.toUpperCase().replace(/[^A-Z0-9]+/g, '_');

/** `RANKDRIFT_SCHEDULE_LMARENA_TEXT="0 * * * *"` replaces lmarena-text's schedule. */
export function scheduleVariable(source: Pick<SourceInfo, 'id'>): `RANKDRIFT_SCHEDULE_${string}` {
	return variableName(`RANKDRIFT_SCHEDULE_${source.id}`) as `RANKDRIFT_SCHEDULE_${string}`;
}

/** `RANKDRIFT_URL_LMARENA_TEXT_PAGE` overrides lmarena-text's `page` endpoint (a mirror or a local recording server). */
export function endpointUrlVariable(source: Pick<SourceInfo, 'id'>, endpoint: Pick<EndpointInfo, 'name'>): `RANKDRIFT_URL_${string}` {
	return variableName(`RANKDRIFT_URL_${source.id}_${endpoint.name}`) as `RANKDRIFT_URL_${string}`;
}

/**
 * The variables each catalogue source adds: its schedule, its endpoints' URLs and its API key (a
 * blank key is unset; a key is one token, as it goes into a header).
 */
const perSource = Object.fromEntries(
	allSources().flatMap((s) => [
		[scheduleVariable(s), optional(cronExpression)],
		...s.endpoints.map((e) => [endpointUrlVariable(s, e), optional(httpUrl)]),
		...(s.apiKey ? [[s.apiKey.variable, optionalTrimmed(z.string().regex(/^[\x21-\x7e]+$/, 'must be the key alone: printable ASCII, no spaces'))]] : [])
	])
) as Record<string, z.ZodType>;

/** Every variable rankdrift reads, validated; the README's Configuration table lists each (tests/unit/readme-config.test.ts). */
export const configSchema = named.extend(perSource);

/** The named settings, and each per-source override by its variable (scheduleVariable, endpointUrlVariable). */
export type Config = z.infer<typeof named> & { [variable: `RANKDRIFT_SCHEDULE_${string}` | `RANKDRIFT_URL_${string}`]: string | undefined };

/**
 * A per-source variable that names no known source or endpoint: it would otherwise be ignored in
 * silence. The message lists what the name may say instead.
 */
function unknownSourceVariables(env: NodeJS.ProcessEnv): string[] {
	const sources = allSources();
	const problems: string[] = [];
	for (const [key, value] of Object.entries(env)) {
		if (key in configSchema.shape || !value) continue;
		if (key.startsWith('RANKDRIFT_SCHEDULE_')) {
			problems.push(`${key}: names no known source (RANKDRIFT_SCHEDULE_<SOURCE> with SOURCE one of ${sources.map((s) => variableName(s.id)).join(', ')})`);
		} else if (key.startsWith('RANKDRIFT_URL_')) {
			const source = sources
				.filter((s) => key.startsWith(`RANKDRIFT_URL_${variableName(s.id)}_`))
				.sort((a, b) => b.id.length - a.id.length)[0];
			problems.push(
				source
					? `${key}: ${source.id} has no such endpoint (ENDPOINT one of ${source.endpoints.map((e) => variableName(e.name)).join(', ')})`
					: `${key}: names no known source (RANKDRIFT_URL_<SOURCE>_<ENDPOINT> with SOURCE one of ${sources.map((s) => variableName(s.id)).join(', ')})`
			);
		}
	}
	return problems;
}

/** A configuration that cannot be used; the message lists every problem (bin/serve.js knows it by name). */
export class ConfigError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ConfigError';
	}
}

let cached: Config | null = null;

/** Settings from the environment, validated once; every problem is listed in one error. */
export function config(env: NodeJS.ProcessEnv = process.env): Config {
	if (cached && env === process.env) return cached;
	const parsed = configSchema.safeParse(env);
	const problems = [...(parsed.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? []), ...unknownSourceVariables(env)];
	if (problems.length) throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
	const valid = parsed.data as Config;
	if (env === process.env) cached = valid;
	return valid;
}

/**
 * Where absolute links (feeds, mail, webhooks) point: PUBLIC_URL, else ORIGIN, else this machine on
 * PORT. Never a request's Host header, which any client sets (and a cache may keep what it chose).
 */
export function publicBaseUrl(c: Config): { url: string; configured: boolean } {
	const configured = c.PUBLIC_URL ?? c.ORIGIN ?? null;
	return { url: (configured ?? `http://localhost:${c.PORT}`).replace(/\/+$/, ''), configured: configured !== null };
}
