import { parseCommandArgs } from '../args';
import type { Command } from '../command';
import { cliContext, openCliDatabase } from '../db';
import { UsageError } from '../usage-error';
import { pendingAnalysis } from '../../lib/server/db/analysis';
import { afterSnapshotsAdded, reanalyzeAll } from '../../lib/server/pipeline';

const help = `Usage: rankdrift analyze [--rebuild [--reresolve]] [--db FILE]

The stored events, variant mismatches and board agreement are updated as each snapshot arrives. Without
options, catches up the snapshots the analysis has not reached (left by a process that stopped, or queued
by a database upgrade; the server does this when it starts). --rebuild recomputes all of it from the
snapshots; --reresolve first re-resolves every model name against the current crosswalk and analysts'
decisions (entries themselves are never changed).
`;

export const analyzeCommand: Command = {
	name: 'analyze',
	help,
	async run(argv, io) {
		const { values, positionals } = parseCommandArgs('analyze', argv, { rebuild: { type: 'boolean' }, reresolve: { type: 'boolean' } });
		if (values.help) {
			io.stdout.write(help);
			return 0;
		}
		if (positionals.length) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
		if (values.reresolve && !values.rebuild) throw new UsageError('--reresolve goes with --rebuild');
		const db = openCliDatabase(values.db, io.env);
		try {
			const started = Date.now();
			const ctx = cliContext(db, io);
			if (!values.rebuild) {
				const pending = pendingAnalysis(db).length;
				afterSnapshotsAdded(ctx, []);
				io.stdout.write(`caught up ${pending} snapshot${pending === 1 ? '' : 's'} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
				return 0;
			}
			const r = reanalyzeAll(ctx, { reresolve: values.reresolve });
			io.stdout.write(
				`re-resolved ${r.resolved} names; ${r.events} events, ${r.mismatches} mismatches, ${r.agreement} agreement points in ${((Date.now() - started) / 1000).toFixed(1)} s\n`
			);
			return 0;
		} finally {
			db.close();
		}
	}
};
