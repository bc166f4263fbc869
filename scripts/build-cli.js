// Bundles the CLI into node_modules/.cache/rankdrift-cli/rankdrift.mjs (run by `npm ci`'s prepare
// step and `npm run build`). Not under build/: the dashboard's build empties that folder first, and a command
// started meanwhile (`npm start` rebuilds it) lost the chunks it was loading.
// bin/rankdrift.js runs the bundle, rebuilding it first when a source file is newer, so an edit is never
// run stale and no TypeScript compiler is loaded when a command runs.
import { build } from 'esbuild';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// From any working directory: bin/rankdrift.js runs this wherever the user is.
const root = fileURLToPath(new URL('..', import.meta.url));
const OUTDIR = 'node_modules/.cache/rankdrift-cli';

// Packages stay in node_modules, except the two every command loads at start (config's schema, cron
// expressions): zod is some fifty module files and node-cron a dozen, each resolved and compiled on its
// own, which was a third of a cold `rankdrift board`. Bundled, they are parsed as one file.
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const BUNDLED = new Set(['zod', 'node-cron']);
const EXTERNAL = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((name) => !BUNDLED.has(name));

// Split at each command's dynamic import, so a command loads only its own code.
const { outputFiles } = await build({
	absWorkingDir: root,
	write: false,
	entryPoints: { rankdrift: 'src/cli/run.ts' },
	outdir: OUTDIR,
	outExtension: { '.js': '.mjs' },
	splitting: true,
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	external: EXTERNAL,
	logLevel: 'warning'
});

// Each file replaced whole (written aside, then renamed): two commands rebuilding a stale bundle at
// once write the same bytes, and a third starting meanwhile never imports a half-written file.
for (const file of outputFiles) {
	mkdirSync(dirname(file.path), { recursive: true });
	const aside = `${file.path}.${process.pid}.tmp`;
	writeFileSync(aside, file.contents);
	renameSync(aside, file.path);
}

// Chunk names carry their content's hash, so every rebuild after an edit adds files and the folder only
// grows. Chunks this build did not write go once they are an hour old: a command started from the
// bundle before may still import one of them (a worker, a command's lazy part), never an hour later.
const written = new Set(outputFiles.map((file) => basename(file.path)));
const staleBefore = Date.now() - 60 * 60 * 1000;
for (const name of readdirSync(join(root, OUTDIR))) {
	if (written.has(name) || !name.endsWith('.mjs')) continue;
	const path = join(root, OUTDIR, name);
	try {
		if (statSync(path).mtimeMs < staleBefore) unlinkSync(path);
	} catch {
		// Removed by another rebuild at the same moment.
	}
}
