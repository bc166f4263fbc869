import { existsSync } from 'node:fs';
import { sourcesNamed } from '../source-args';
import { checkSources, type DoctorCheck } from '../../lib/server/ingest/doctor';
import { createHttpClient } from '../../../scrapers/http';
import { outputFormat, parseCommandArgs } from '../args';
import type { CliIo, Command } from '../command';
import { UsageError } from '../usage-error';
import { defaultDbPath, openDatabase, type Db } from '../../lib/server/db/connection';
import { saveSourceCheck } from '../../lib/server/db/checks';
import { sourceEnabledMap } from '../../lib/server/db/source-state';
import { sourceStatus } from '../../lib/server/services/sources';
import { config } from '../../lib/server/config';

const help = `Usage: rankdrift doctor [SOURCE...] [--format table|json] [--timeout SECONDS] [--db FILE]

Fetches, parses and validates every endpoint of every enabled source (default: all sources) the way
a scrape would, stores nothing, and prints per endpoint what it would store (board, as-of date, rows,
top three, feed, requests, bytes, time) or why it cannot:

  blocked      an anti-bot or challenge page (Cloudflare) instead of the leaderboard
  rejected     the content arrived but does not parse or validate (layout changed, empty, truncated)
  failed       the site answered with an error (HTTP 401, 404, 410, 429, 503…) or a fetch went wrong
  unreachable  no answer at all: no network or DNS, connection refused, timeout
  retired      the source has closed; not fetched
  disabled     not set up here (e.g. ARTIFICIAL_ANALYSIS_API_KEY missing) or switched off; not fetched

Each request is tried once with a timeout of --timeout seconds (default 10), all sources at once, so
with no network the answer comes in seconds. Exit code 1 if any enabled endpoint is not ok.

Needs no database. When one exists (--db, $RANKDRIFT_DB or data/rankdrift.db) its switched-off sources
are honoured and the result is recorded there: the sources page shows it as the last check.

JSON: [{source, endpoint, url, ok, outcome, reason, board, as_of, rows, top: [...], requests, bytes, ms}]
one object per endpoint and board (board null when it stores nothing); requests, bytes and ms are the
endpoint's, repeated on each of its boards.
`;

export const doctorCommand: Command = {
	name: 'doctor',
	help,
	async run(argv, io) {
		const { values, positionals } = parseCommandArgs('doctor', argv, { timeout: { type: 'string' } });
		if (values.help) {
			io.stdout.write(help);
			return 0;
		}
		const format = outputFormat(values.format, ['table', 'json']);
		const timeout = Number(values.timeout ?? 10);
		if (!(timeout > 0 && timeout <= 600)) throw new UsageError(`--timeout must be a number of seconds above 0 and at most 600, not ${JSON.stringify(values.timeout)}`);
		const sources = sourcesNamed(positionals);

		const db = existingDatabase(values.db, io);
		try {
			const enabled = db ? sourceEnabledMap(db) : new Map<string, boolean>();
			const checkedAt = io.now();
			const settings = config(io.env);
			const checks = await checkSources(sources, {
				// One try per request and a short timeout: a check answers in seconds, where the scheduler would retry for minutes.
				http: createHttpClient({ timeoutMs: timeout * 1000, maxAttempts: 1 }),
				config: settings,
				now: checkedAt,
				skip(source) {
					const { status, reason } = sourceStatus(source, enabled.get(source.id), settings);
					return status === 'enabled' ? null : { outcome: status, reason: reason ?? status };
				}
			});
			const recorded = db !== null && record(db, checks, checkedAt, io);
			io.stdout.write(format === 'json' ? JSON.stringify(checks.map(contract), null, 2) + '\n' : report(checks, checkedAt, recorded ? db.name : null));
			return checks.some(isFailure) ? 1 : 0;
		} finally {
			db?.close();
		}
	}
};

const fetched = (c: DoctorCheck) => c.outcome !== 'retired' && c.outcome !== 'disabled';
const isFailure = (c: DoctorCheck) => !c.ok && fetched(c);

/** The JSON contract, in its order; `feed` is for people and stays out. */
function contract(c: DoctorCheck) {
	const { source, endpoint, url, ok, outcome, reason, board, as_of, rows, top, requests, bytes, ms } = c;
	return { source, endpoint, url, ok, outcome, reason, board, as_of, rows, top, requests, bytes, ms };
}

/** The database to record in, only if one is already there: a check never creates one, and a broken one only costs the record. */
function existingDatabase(dbOption: string | undefined, io: CliIo): Db | null {
	const path = dbOption ?? defaultDbPath(config(io.env));
	if (!existsSync(path)) {
		if (dbOption) io.stderr.write(`rankdrift doctor: no database at ${path}; the check is not recorded\n`);
		return null;
	}
	try {
		return openDatabase(path);
	} catch (e) {
		io.stderr.write(`rankdrift doctor: the check is not recorded: ${(e as Error).message}\n`);
		return null;
	}
}

function record(db: Db, checks: DoctorCheck[], at: Date, io: CliIo): boolean {
	const bySource = new Map<string, DoctorCheck[]>();
	for (const c of checks.filter(fetched)) bySource.set(c.source, [...(bySource.get(c.source) ?? []), c]);
	try {
		for (const [source, list] of bySource) {
			const endpoints = [...groupByEndpoint(list).values()].map((rows) => ({
				endpoint: rows[0].endpoint,
				ok: rows[0].ok,
				outcome: rows[0].outcome,
				reason: rows[0].reason,
				boards: rows.filter((r) => r.board).length
			}));
			saveSourceCheck(db, source, { checked_at: at.toISOString(), endpoints });
		}
		return true;
	} catch (e) {
		io.stderr.write(`rankdrift doctor: the check is not recorded: ${(e as Error).message}\n`);
		return false;
	}
}

function groupByEndpoint(checks: DoctorCheck[]): Map<string, DoctorCheck[]> {
	const groups = new Map<string, DoctorCheck[]>();
	for (const c of checks) {
		const key = `${c.source} ${c.endpoint}`;
		groups.set(key, [...(groups.get(key) ?? []), c]);
	}
	return groups;
}

const kb = (n: number) => (n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} kB` : `${(n / 1024 / 1024).toFixed(1)} MB`);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Per endpoint: outcome, name and cost, then its URL, then each board it would store or the reason it cannot. */
function report(checks: DoctorCheck[], at: Date, dbPath: string | null): string {
	const pad = ' '.repeat(13);
	const lines = [`rankdrift doctor, ${at.toISOString().slice(0, 16).replace('T', ' ')} UTC: fetched, parsed and validated; nothing stored`, ''];
	const groups = [...groupByEndpoint(checks).values()];
	for (const rows of groups) {
		const first = rows[0];
		const cost = first.requests ? `  ${plural(first.requests, 'request')}, ${kb(first.bytes)}, ${(first.ms / 1000).toFixed(1)} s` : '';
		lines.push(`${first.outcome.padEnd(12)} ${first.source} ${first.endpoint}${cost}`);
		if (fetched(first)) lines.push(pad + first.url);
		if (!first.ok) {
			lines.push(pad + first.reason);
			continue;
		}
		const width = Math.max(...rows.map((r) => r.board!.length));
		for (const r of rows) lines.push(`${pad}${r.board!.padEnd(width)}  as of ${r.as_of}  ${plural(r.rows!, 'row')}  ${r.feed}  top: ${r.top.join(', ')}`);
	}

	const checked = groups.filter(([c]) => fetched(c));
	const failing = checked.filter(([c]) => !c.ok);
	const skipped = groups.length - checked.length;
	lines.push('');
	lines.push(
		failing.length === 0
			? `All ${plural(checked.length, 'enabled endpoint')} would store: this deployment works.`
			: `${failing.length} of ${plural(checked.length, 'enabled endpoint')} cannot store: ${failing.map(([c]) => `${c.source} ${c.endpoint} (${c.outcome})`).join(', ')}.`
	);
	if (failing.length && failing.length === checked.length && failing.every(([c]) => c.outcome === 'unreachable'))
		lines.push('No site answered at all: this machine seems to have no network (or DNS, a proxy or a firewall is in the way).');
	if (skipped) lines.push(`${plural(skipped, 'endpoint')} not checked: retired or disabled (reasons above).`);
	if (dbPath) lines.push(`Recorded as the last check on the sources page (${dbPath}).`);
	return lines.join('\n') + '\n';
}
