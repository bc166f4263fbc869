import { sourceDefinitions } from '../../sources';
import { createHttpClient } from '../../../scrapers/http';
import { backfillConfig, backfillTargets, type BackfillResult } from '../../lib/server/ingest/backfill';
import { outputFormat, parseCommandArgs } from '../args';
import type { Command } from '../command';
import { cliContext, openCliDatabase } from '../db';
import { renderRows } from '../output';
import { UsageError } from '../usage-error';
import { afterSnapshotsAdded } from '../../lib/server/pipeline';
import { config } from '../../lib/server/config';

const help = `Usage: rankdrift backfill lmarena [--config CONFIG[,CONFIG…]] [--format table|json|csv] [--db FILE]

Loads the whole published history of LMArena's official dataset (lmarena-ai/leaderboard-dataset, CC BY 4.0)
from each config's \`full\` parquet split, one request per config: one snapshot per publish date and
category, stored under the same rules as a scrape (dates already stored come back unchanged), then analysed.
Configs: text, text_style_control, webdev, vision, vision_style_control, search, search_style_control,
document, document_style_control, text_to_image, image_edit, text_to_video, image_to_video, video_edit
(default: all). The files' URLs follow the endpoint overrides (RANKDRIFT_URL_<SOURCE>_<ENDPOINT>).

JSON: [{source, config, url, outcome, reason, bytes, dates, snapshots_added, snapshots_unchanged}]
`;

export const backfillCommand: Command = {
	name: 'backfill',
	help,
	async run(argv, io) {
		const { values, positionals } = parseCommandArgs('backfill', argv, { config: { type: 'string' } });
		if (values.help) {
			io.stdout.write(help);
			return 0;
		}
		if (positionals.length !== 1 || positionals[0] !== 'lmarena') throw new UsageError('name what to backfill: rankdrift backfill lmarena');
		const format = outputFormat(values.format);
		const configs = values.config ? values.config.split(',').map((c) => c.trim()).filter(Boolean) : null;
		const settings = config(io.env);
		const targets = backfillTargets(sourceDefinitions, settings, configs);
		const known = backfillTargets(sourceDefinitions, settings, null).map((t) => t.config);
		const unknown = configs?.filter((c) => !known.includes(c)) ?? [];
		if (unknown.length) throw new UsageError(`unknown config ${unknown.map((c) => `"${c}"`).join(', ')}; configs: ${known.join(', ')}`);
		const db = openCliDatabase(values.db, io.env);
		const http = createHttpClient();
		const results: BackfillResult[] = [];
		try {
			for (const target of targets) results.push(await backfillConfig(db, http, target, io.now()));
			afterSnapshotsAdded(cliContext(db, io), results.flatMap((r) => r.addedSnapshotIds));
		} finally {
			db.close();
		}
		const count = (r: BackfillResult, outcome: string) => r.snapshots.filter((s) => s.outcome === outcome).length;
		io.stdout.write(
			renderRows(
				results.map((r) => ({
					source: r.source,
					config: r.config,
					url: r.url,
					outcome: r.outcome,
					reason: r.reason,
					bytes: r.bytes,
					dates: r.dates,
					snapshots_added: count(r, 'added'),
					snapshots_unchanged: count(r, 'unchanged')
				})),
				format
			)
		);
		return results.some((r) => r.outcome === 'failed' || r.outcome === 'rejected') ? 1 : 0;
	}
};
