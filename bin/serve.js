// `rankdrift serve`: the built dashboard, with its scheduler and alert dispatcher, in this one plain
// Node process (no TypeScript loader), listening on PORT/HOST like any adapter-node server.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../build/index.js', import.meta.url));

export async function serve(args) {
	const dbAt = args.indexOf('--db');
	if (dbAt >= 0) {
		if (!args[dbAt + 1]) {
			process.stderr.write('rankdrift serve: --db needs a file (see rankdrift serve --help)\n');
			process.exit(2);
		}
		process.env.RANKDRIFT_DB = resolve(args[dbAt + 1]);
	}
	const unknown = args.filter((a, i) => a.startsWith('-') && a !== '--db' && args[i - 1] !== '--db');
	if (unknown.length) {
		process.stderr.write(`rankdrift serve: unknown option ${unknown[0]} (see rankdrift serve --help)\n`);
		process.exit(2);
	}
	if (!existsSync(entry)) {
		process.stderr.write('rankdrift serve: the dashboard is not built yet; run `npm run build` (or `npm start`)\n');
		process.exit(1);
	}
	let server;
	try {
		({ server } = await import(entry));
	} catch (e) {
		// The hooks refuse a bad configuration before listening: the operator's to fix, so one line, no stack.
		if (e?.name !== 'ConfigError') throw e;
		process.stderr.write(`rankdrift serve: ${e.message}\n`);
		process.exit(1);
	}
	// adapter-node answers /_app/* from disk before any hook runs; this is the one place every
	// response passes, so the header the hooks give all other answers goes on here for those too.
	server.server.prependListener('request', (_req, res) => res.setHeader('X-Content-Type-Options', 'nosniff'));
}
