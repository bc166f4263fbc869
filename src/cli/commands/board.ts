import { dateOption, outputFormat, parseCommandArgs, todayUtc } from '../args';
import type { Command } from '../command';
import { openCliDatabase } from '../db';
import { renderRows } from '../output';
import { UsageError } from '../usage-error';
import { boardRanking, flatRankingRow } from '../../lib/server/services/boards';

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
			const { snapshot, rows } = boardRanking(db, boardId, date);
			if (format === 'table')
				io.stderr.write(`${boardId} as of ${snapshot.as_of} (${snapshot.feed}, ${snapshot.row_count} rows, rank: ${snapshot.rank_semantics})\n`);
			io.stdout.write(renderRows(rows.map(flatRankingRow), format, ['rank', 'model', 'organization', 'license', 'score', 'ci_lower', 'ci_upper', 'votes']));
			return 0;
		} finally {
			db.close();
		}
	}
};
