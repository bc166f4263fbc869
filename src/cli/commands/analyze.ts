import { parseCommandArgs } from '../args';
import type { Command } from '../command';
import { openCliDatabase } from '../db';
import { UsageError } from '../usage-error';
import { config } from '../../lib/server/config';
import { reanalyzeAll } from '../../lib/server/pipeline';

const help = `Usage: rankdrift analyze --rebuild [--reresolve] [--db FILE]

Recomputes every stored event, variant mismatch and board-agreement value from the snapshots in the
database (they are otherwise updated as each snapshot arrives). --reresolve first re-resolves every
model name against the current crosswalk and analysts' decisions (entries themselves are never changed).
`;

export const analyzeCommand: Command = {
	name: 'analyze',
	summary: 'rebuild the stored analysis',
	help,
	async run(argv, io) {
		const { values, positionals } = parseCommandArgs('analyze', argv, { rebuild: { type: 'boolean' }, reresolve: { type: 'boolean' } });
		if (values.help) {
			io.stdout.write(help);
			return 0;
		}
		if (positionals.length) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
		if (!values.rebuild) throw new UsageError('analysis updates itself as snapshots arrive; pass --rebuild to recompute it all');
		const db = openCliDatabase(values.db, io.env);
		try {
			const started = Date.now();
			const r = reanalyzeAll(db, { now: io.now(), staleDays: config(io.env).RANKDRIFT_STALE_DAYS, reresolve: values.reresolve });
			io.stdout.write(
				`re-resolved ${r.resolved} names; ${r.events} events, ${r.mismatches} mismatches, ${r.agreement} agreement points in ${((Date.now() - started) / 1000).toFixed(1)} s\n`
			);
			return 0;
		} finally {
			db.close();
		}
	}
};
