import type { Command } from '../command';

// Placeholder: the export datasets land with the CSV/JSON API work.
export const exportCommand: Command = {
	name: 'export',
	summary: 'export a dataset as CSV or JSON',
	help: 'Usage: rankdrift export DATASET [filters] [--out FILE]\n',
	async run(_argv, io) {
		io.stderr.write('rankdrift export: not available yet\n');
		return 1;
	}
};
