import { outputFormat, parseCommandArgs } from '../args';
import type { Command } from '../command';
import { openCliDatabase } from '../db';
import { renderRows } from '../output';
import { UsageError } from '../usage-error';
import { identityList } from '../../lib/server/db/identity';
import { resolveStoredNames } from '../../lib/server/identity/service';
import { identityJson } from '../../lib/server/export/datasets/sources';

const help = `Usage: rankdrift identities [--unresolved] [--format table|json|csv] [--db FILE]
       rankdrift identities --reresolve [--db FILE]

The identity crosswalk as stored: every raw name each source has shown, what it resolves to, how
(method, confidence) and where it occurs. --unresolved lists the review queue instead: names with no
family or low confidence, with suggestions. --reresolve re-resolves every name against the current
crosswalk and decisions (entries are not touched; run \`rankdrift analyze --rebuild\` after).

JSON: [{source, name, hint, family, release, release_kind, variants: [...], organization, confidence, method,
        suggestions: [...], boards: [...], first_as_of, last_as_of, entries}]
`;

export const identitiesCommand: Command = {
	name: 'identities',
	help,
	async run(argv, io) {
		const { values, positionals } = parseCommandArgs('identities', argv, { unresolved: { type: 'boolean' }, reresolve: { type: 'boolean' } });
		if (values.help) {
			io.stdout.write(help);
			return 0;
		}
		if (positionals.length) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
		const format = outputFormat(values.format);
		const db = openCliDatabase(values.db, io.env, { existing: true });
		try {
			if (values.reresolve) {
				const n = resolveStoredNames(db, io.now(), { all: true });
				io.stdout.write(`re-resolved ${n} names\n`);
				return 0;
			}
			const rows = identityList(db, { unresolved: values.unresolved }).map(identityJson);
			io.stdout.write(renderRows(rows, format));
			return 0;
		} finally {
			db.close();
		}
	}
};
