import { dateOption, outputFormat, parseCommandArgs, todayUtc } from '../args';
import type { Command } from '../command';
import { openCliDatabase } from '../db';
import { renderRows } from '../output';
import { UsageError } from '../usage-error';
import { config } from '../../lib/server/config';
import {
	agreementReport,
	divergenceContractRow,
	divergenceReport,
	eventsReport,
	mismatchesReport
} from '../../lib/server/analysis/reports';
import { EVENT_KINDS, MISMATCH_KINDS, SEVERITIES } from '../../lib/analysis/types';
import { FINDING_KINDS } from '../../lib/analysis/findings';
import { listFindings } from '../../lib/server/analysis/findings';
import { findingFilter } from '../../lib/server/export/datasets/analysis';
import { BadParameter, Params } from '../../lib/server/export/params';

const help = `Usage: rankdrift report divergence [--date D] [--board A --board B ...] [--include-stale]
       rankdrift report agreement [--from D] [--to D] [--board B]
       rankdrift report findings [--date D | --since D --until D] [--board B] [--family F] [--kind K] [--severity S]
       rankdrift report events [--kind K] [--board B] [--since D]
       rankdrift report mismatches [--since D] [--kind K]
       (each with [--format table|json|csv] [--db FILE])

divergence  models sorted by |divergence|, largest first. With two --board: their common set; with
            more: the spread of percentiles on the models all share; with none: every pair of fresh
            headline boards (one row per model and pair). One row per release: a board's best-ranked
            row of the plainest run setting both boards list stands for it, its other rows are listed
            in other_names. Stale boards are left out (a note on stderr).
            JSON: [{family, release, match_level, names: {board: raw name}, other_names: {board: [raw name]},
            ranks: {board: rank}, pct: {board: pct}, divergence, spread, sd, top_gap, significant, uncertainty_known,
            uncertainty: {board: published|derived|null}, common_set_size, boards: [A, B]}]
            uncertainty_known: the model has a rank interval on every board; where a board publishes
            none it is derived from the benchmark's task count (see /methods).
agreement   Kendall τ-b and Spearman ρ per pair of headline boards and date (|S| ≥ 10, else null).
            JSON: [{board_a, board_b, date, n, kendall_tau_b, spearman}]
findings    each story once, newest first: the per-board events of one source, kind, date and model told
            together (LMArena's category boards in one finding), blips left out; steps across a long gap as
            one catch-up finding; a model two boards place far apart, per pair, dated when it first crosses
            the threshold (see /methods); variant mismatches dated when first seen. Kinds: ${FINDING_KINDS.join(', ')}.
            Severities: ${SEVERITIES.join(', ')} (--severity S keeps S and above).
            JSON: [{id, kind, date, family, release, model, source, boards: [...], categories: [...], from_rank,
            to_rank, severity, significant, summary, event_ids: [...]}]
events      the per-board events behind the findings, all history unless filtered, newest first. Kinds: ${EVENT_KINDS.join(', ')}.
            JSON: [{id, kind, board, date, model, family, release, from_rank, to_rank, score_change, z, severity, …}]
mismatches  variant mismatches still seen on or after --since. Kinds: ${MISMATCH_KINDS.join(', ')}.
            JSON: [{id, kind, family, checkpoint: {name, board, date, rank, score}, release: {name, board, date, rank, score},
            gap, significant, severity, …}]
`;

export const reportCommand: Command = {
	name: 'report',
	help,
	async run(argv, io) {
		const { values, positionals } = parseCommandArgs('report', argv, {
			date: { type: 'string' },
			board: { type: 'string', multiple: true },
			'include-stale': { type: 'boolean' },
			from: { type: 'string' },
			to: { type: 'string' },
			since: { type: 'string' },
			until: { type: 'string' },
			family: { type: 'string' },
			severity: { type: 'string' },
			kind: { type: 'string' }
		});
		if (values.help) {
			io.stdout.write(help);
			return 0;
		}
		const [what, extra] = positionals;
		if (!what) throw new UsageError('name a report: divergence, agreement, findings, events or mismatches');
		if (extra) throw new UsageError(`unexpected argument ${JSON.stringify(extra)}`);
		const format = outputFormat(values.format);
		const boards = values.board ?? [];
		const db = openCliDatabase(values.db, io.env, { existing: true });
		try {
			let rows: Record<string, unknown>[];
			switch (what) {
				case 'divergence': {
					if (boards.length === 1) throw new UsageError('name at least two boards with --board, or none for every pair');
					const report = divergenceReport(db, {
						date: dateOption(values.date, '--date') ?? todayUtc(io.now()),
						boards,
						includeStale: values['include-stale'],
						staleDays: config(io.env).RANKDRIFT_STALE_DAYS
					});
					for (const x of report.excluded) io.stderr.write(`left out ${x.board}: ${x.reason}\n`);
					rows = report.rows.map(divergenceContractRow);
					break;
				}
				case 'agreement':
					rows = agreementReport(db, { from: dateOption(values.from, '--from'), to: dateOption(values.to, '--to'), boardA: boards[0], boardB: boards[1] }).map((r) => ({ ...r }));
					break;
				case 'findings': {
					if (boards.length > 1) throw new UsageError('findings take one --board');
					// The same filter reading as /api/findings, so both answer alike (and refuse alike).
					const query = new URLSearchParams();
					const { date, since, until, family, kind, severity } = values;
					const given: Record<string, string | undefined> = { date, since, until, board: boards[0], family, kind, severity };
					for (const p of ['date', 'since', 'until', 'board', 'family', 'kind', 'severity']) if (given[p] !== undefined) query.set(p, given[p]!);
					try {
						rows = listFindings(db, findingFilter(db, new Params(query))).map((f) => ({ ...f }));
					} catch (e) {
						if (e instanceof BadParameter) throw new UsageError(`--${e.param}: ${e.message}`);
						throw e;
					}
					break;
				}
				case 'events': {
					if (values.kind && !(EVENT_KINDS as string[]).includes(values.kind))
						throw new UsageError(`--kind must be one of ${EVENT_KINDS.join(', ')}`);
					if (boards.length > 1) throw new UsageError('events take one --board');
					rows = eventsReport(db, { kind: values.kind, board: boards[0], since: dateOption(values.since, '--since') });
					break;
				}
				case 'mismatches': {
					if (values.kind && !(MISMATCH_KINDS as string[]).includes(values.kind))
						throw new UsageError(`--kind must be one of ${MISMATCH_KINDS.join(', ')}`);
					rows = mismatchesReport(db, { since: dateOption(values.since, '--since'), kind: values.kind, board: boards[0] });
					break;
				}
				default:
					throw new UsageError(`unknown report "${what}": divergence, agreement, findings, events or mismatches`);
			}
			io.stdout.write(renderRows(rows, format));
			return 0;
		} finally {
			db.close();
		}
	}
};
