// Bundles the CLI into build/cli/rankdrift.mjs (run by `npm ci`'s prepare step and `npm run build`).
// bin/rankdrift.js runs the bundle, rebuilding it first when a source file is newer, so an edit is never
// run stale and no TypeScript compiler is loaded when a command runs.
import { build } from 'esbuild';

// Split at each command's dynamic import, so a command loads only its own code.
await build({
	entryPoints: { rankdrift: 'src/cli/run.ts' },
	outdir: 'build/cli',
	outExtension: { '.js': '.mjs' },
	splitting: true,
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	packages: 'external',
	logLevel: 'warning'
});
