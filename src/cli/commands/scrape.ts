import { sourcesNamed } from '../source-args';
import { createHttpClient } from '../../../scrapers/http';
import { notRunnableReason } from '../../lib/catalogue';
import { scrapeSource, type EndpointResult } from '../../lib/server/ingest/scrape';
import { outputFormat, parseCommandArgs } from '../args';
import type { Command } from '../command';
import { cliContext, openCliDatabase } from '../db';
import { renderRows } from '../output';
import { afterSnapshotsAdded } from '../../lib/server/pipeline';

const help = `Usage: rankdrift scrape [SOURCE...] [--format table|json|csv] [--db FILE]

Fetches each named source now (default: every enabled source), stores what changed, and prints one
line per endpoint with its outcome (added, unchanged, superseded, held, rejected, failed) and reason.
Retired or disabled sources are reported and not fetched. Exit code 1 if any fetch failed or was rejected.

Endpoint URLs can be pointed at a mirror: RANKDRIFT_URL_<SOURCE>_<ENDPOINT>, e.g.
RANKDRIFT_URL_LMARENA_TEXT_PAGE=http://127.0.0.1:8080/leaderboard/text

JSON: [{source, endpoint, url, outcome, reason, http_status, snapshots_added}]
`;

export const scrapeCommand: Command = {
	name: 'scrape',
	help,
	async run(argv, io) {
		const { values, positionals } = parseCommandArgs('scrape', argv, {});
		if (values.help) {
			io.stdout.write(help);
			return 0;
		}
		const format = outputFormat(values.format);
		const sources = sourcesNamed(positionals);
		const db = openCliDatabase(values.db, io.env);
		const ctx = cliContext(db, io);
		const http = createHttpClient();
		const results: EndpointResult[] = [];
		try {
			for (const source of sources) {
				const why = notRunnableReason(source, ctx.config);
				if (why) {
					results.push({ source: source.id, endpoint: '*', url: '', outcome: 'skipped', reason: why, httpStatus: null, snapshots: [] });
					continue;
				}
				results.push(...(await scrapeSource(db, source, { http, config: ctx.config, now: io.now })));
			}
			const added = results.flatMap((r) => r.snapshots.filter((s) => s.outcome === 'added' && s.snapshotId !== null).map((s) => s.snapshotId!));
			afterSnapshotsAdded(ctx, added);
		} finally {
			db.close();
		}
		io.stdout.write(
			renderRows(
				results.map((r) => ({
					source: r.source,
					endpoint: r.endpoint,
					url: r.url,
					outcome: r.outcome,
					reason: r.reason,
					http_status: r.httpStatus,
					snapshots_added: r.snapshots.filter((s) => s.outcome === 'added').length
				})),
				format
			)
		);
		return results.some((r) => r.outcome === 'failed' || r.outcome === 'rejected') ? 1 : 0;
	}
};
