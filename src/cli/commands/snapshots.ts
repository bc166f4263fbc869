import { outputFormat, parseCommandArgs, dateOption } from '../args';
import type { Command } from '../command';
import { cliContext, openCliDatabase } from '../db';
import { renderRows } from '../output';
import { UsageError } from '../usage-error';
import { acceptHeldSnapshot, boardExists, listSnapshots } from '../../lib/server/db/snapshots';
import { afterSnapshotsAdded } from '../../lib/server/pipeline';

const help = `Usage: rankdrift snapshots --board BOARD [--all] [--format table|json|csv] [--db FILE]
       rankdrift snapshots accept BOARD AS_OF [--db FILE]

Lists a board's active snapshots oldest first (--all adds held and superseded ones), or accepts a
held snapshot so it comes into force.

JSON: [{board, as_of, rows, status, feed, origin, hash, fetched_at, rank_semantics, adjustment, method_version, status_reason}]
`;

export const snapshotsCommand: Command = {
	name: 'snapshots',
	help,
	async run(argv, io) {
		const { values, positionals } = parseCommandArgs('snapshots', argv, { board: { type: 'string' }, all: { type: 'boolean' } });
		if (values.help) {
			io.stdout.write(help);
			return 0;
		}
		if (positionals[0] === 'accept') {
			const [, boardId, asOfRaw] = positionals;
			if (!boardId || !asOfRaw) throw new UsageError('usage: rankdrift snapshots accept BOARD AS_OF');
			const asOf = dateOption(asOfRaw, 'AS_OF')!;
			const db = openCliDatabase(values.db, io.env, { existing: true });
			try {
				if (!boardExists(db, boardId)) throw new UsageError(`no board "${boardId}" in this database`);
				const accepted = acceptHeldSnapshot(db, boardId, asOf, io.now());
				if (!accepted) {
					io.stderr.write(`rankdrift: no held snapshot of ${boardId} for ${asOf}\n`);
					return 1;
				}
				afterSnapshotsAdded(cliContext(db, io), [accepted.id]);
				io.stdout.write(`accepted ${boardId} ${asOf} (${accepted.row_count} rows); it is now in force\n`);
				return 0;
			} finally {
				db.close();
			}
		}
		if (positionals.length) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])} (did you mean "accept"?)`);
		if (!values.board) throw new UsageError('name a board with --board, e.g. rankdrift snapshots --board lmarena-text');
		const format = outputFormat(values.format);
		const db = openCliDatabase(values.db, io.env, { existing: true });
		try {
			if (!boardExists(db, values.board)) throw new UsageError(`no board "${values.board}" in this database`);
			const rows = listSnapshots(db, values.board, { all: values.all }).map((s) => ({
				board: s.board_id,
				as_of: s.as_of,
				rows: s.row_count,
				status: s.status,
				feed: s.feed,
				origin: s.origin,
				hash: s.content_hash,
				fetched_at: s.fetched_at,
				rank_semantics: s.rank_semantics,
				adjustment: s.adjustment,
				method_version: s.method_version,
				status_reason: s.status_reason
			}));
			io.stdout.write(renderRows(rows, format));
			return 0;
		} finally {
			db.close();
		}
	}
};
