import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCommandArgs } from '../args';
import type { Command } from '../command';
import { projectRoot } from '../../lib/project-root';

const help = `Usage: rankdrift serve [--db FILE]

Serves the dashboard (the built SvelteKit app) on PORT/HOST (default 3000 on 0.0.0.0, like
adapter-node) and, in the same process, runs the scrape scheduler and the alert dispatcher.
RANKDRIFT_SCHEDULER=off serves without scheduling. Stops cleanly on SIGINT/SIGTERM. Build first
with \`npm run build\` (npm start does both).
`;

// Found from the project root: this module also runs bundled (node_modules/.cache/rankdrift-cli),
// where relative paths differ.
const bin = join(projectRoot(dirname(fileURLToPath(import.meta.url))) ?? process.cwd(), 'bin', 'rankdrift.js');

// The binary runs `serve` itself without the TypeScript loader; called in-process (tests), this hands over to it.
export const serveCommand: Command = {
	name: 'serve',
	help,
	async run(argv, io) {
		const { values } = parseCommandArgs('serve', argv, {});
		if (values.help) {
			io.stdout.write(help);
			return 0;
		}
		const child = spawn(process.execPath, [bin, 'serve', ...argv], { env: io.env, stdio: 'inherit' });
		const forward = (signal: NodeJS.Signals) => child.kill(signal);
		process.on('SIGINT', forward);
		process.on('SIGTERM', forward);
		return await new Promise<number>((resolve) =>
			child.on('exit', (code, signal) => {
				process.off('SIGINT', forward);
				process.off('SIGTERM', forward);
				resolve(code ?? (signal ? 0 : 1));
			})
		);
	}
};
