import { outputFormat, parseCommandArgs } from '../args';
import type { Command } from '../command';
import { cliContext, openCliDatabase } from '../db';
import { openWithOptions } from '../dataset-options';
import { renderRows } from '../output';
import { UsageError } from '../usage-error';
import type { DatasetDefinition } from '../../lib/server/export/dataset';
import { agreementDataset, divergenceDataset, eventsDataset, findingsDataset, mismatchesDataset } from '../../lib/server/export/datasets/analysis';
import { EVENT_KINDS, MISMATCH_KINDS, SEVERITIES } from '../../lib/analysis/types';
import { FINDING_KINDS } from '../../lib/analysis/findings';

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

/**
 * Each report is a dataset of the API and `rankdrift export`, printed as a table (or JSON, or CSV);
 * `contract` keeps a report's JSON to the fields this command has always printed.
 */
const REPORTS: Record<string, { dataset: DatasetDefinition; contract?: (row: Record<string, unknown>) => Record<string, unknown> }> = {
	divergence: { dataset: divergenceDataset, contract: ({ organization: _organization, as_of: _asOf, ...row }) => row },
	agreement: { dataset: agreementDataset },
	findings: { dataset: findingsDataset },
	events: { dataset: eventsDataset },
	mismatches: { dataset: mismatchesDataset }
};

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
		const report = Object.hasOwn(REPORTS, what) ? REPORTS[what] : null;
		if (!report) throw new UsageError(`unknown report "${what}": divergence, agreement, findings, events or mismatches`);
		const format = outputFormat(values.format);
		const { db: dbOption, format: _format, help: _help, ...filters } = values;
		const db = openCliDatabase(dbOption, io.env, { existing: true });
		try {
			const q = openWithOptions(cliContext(db, io), report.dataset, null, filters, `report ${what}`);
			for (const x of (q.meta?.excluded ?? []) as { board: string; reason: string }[]) io.stderr.write(`left out ${x.board}: ${x.reason}\n`);
			const rows = [...q.rows()].map((r) => (report.contract ? report.contract(r.json) : r.json));
			io.stdout.write(renderRows(rows, format));
			return 0;
		} finally {
			db.close();
		}
	}
};
