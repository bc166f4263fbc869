import { dateOption, outputFormat, parseCommandArgs, todayUtc } from '../args';
import type { Command } from '../command';
import { openCliDatabase } from '../db';
import { renderRows } from '../output';
import { UsageError } from '../usage-error';
import { flatRankingRow } from '../../lib/server/services/ranking-rows';
import { NotFoundError } from '../../lib/server/errors';
import { boardRanking } from '../../lib/server/services/board-page';
import { listSnapshots } from '../../lib/server/db/snapshots';

const help = `Usage: rankdrift board BOARD [--date YYYY-MM-DD] [--format table|json|csv] [--db FILE]

Prints the ranking of BOARD in force on the date (the latest active snapshot on or before it;
default today), in rank order.

JSON: [{rank, model, organization, license, score, ci_lower, ci_upper, votes, rank_lower, rank_upper, …extras}]
`;

export const boardCommand: Command = {
	name: 'board',
	help,
	async run(argv, io) {
		const { values, positionals } = parseCommandArgs('board', argv, { date: { type: 'string' } });
		if (values.help) {
			io.stdout.write(help);
			return 0;
		}
		const [boardId, extra] = positionals;
		if (!boardId) throw new UsageError('name a board, e.g. rankdrift board lmarena-text');
		if (extra) throw new UsageError(`unexpected argument ${JSON.stringify(extra)}`);
		const format = outputFormat(values.format);
		const date = dateOption(values.date, '--date') ?? todayUtc(io.now());
		const db = openCliDatabase(values.db, io.env, { existing: true });
		try {
			// The board page's ranking with no filter: every row in rank order.
			const ranking = boardRanking(db, boardId, { date, sort: 'rank', dir: 'asc', q: null, org: null, license: null, open: null }, { withPrevious: false });
			if (!ranking) throw new NotFoundError(`no board "${boardId}" in this database`);
			const { snapshot, rows } = ranking;
			if (!snapshot) {
				const first = listSnapshots(db, boardId)[0];
				throw new NotFoundError(first ? `board ${boardId} has no snapshot on or before ${date}; its first is ${first.as_of}` : `board ${boardId} has no active snapshot yet`);
			}
			if (format === 'table')
				io.stderr.write(`${boardId} as of ${snapshot.as_of} (${snapshot.feed}, ${snapshot.row_count} rows, rank: ${snapshot.rank_semantics})\n`);
			io.stdout.write(renderRows(rows.map(flatRankingRow), format, ['rank', 'model', 'organization', 'license', 'score', 'ci_lower', 'ci_upper', 'votes']));
			return 0;
		} finally {
			db.close();
		}
	}
};
