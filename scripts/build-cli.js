// Bundles the CLI into build/cli/rankdrift.mjs (part of `npm run build`). bin/rankdrift.js runs the bundle
// while it is newer than every source file and falls back to the TypeScript sources otherwise, so an edit
// is never run stale; the bundle only saves the loader's start-up (about a second a command).
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
