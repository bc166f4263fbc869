#!/usr/bin/env node
// `serve` runs the built server; other commands run the CLI bundle
// (node_modules/.cache/rankdrift-cli/rankdrift.mjs), plain JavaScript: no compiler is loaded at run
// time. `npm ci` builds the bundle (the prepare script); in a checkout whose sources are newer than the
// bundle, it is rebuilt first (esbuild, a fraction of a second), so a command always matches the source
// it ships with.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = join(root, 'node_modules', '.cache', 'rankdrift-cli', 'rankdrift.mjs');

function newestSource(dir) {
	let newest = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
	}
	return newest;
}

function bundleIsCurrent() {
	if (!existsSync(bundle)) return false;
	const built = statSync(bundle).mtimeMs;
	return ['src', 'scrapers', 'package-lock.json'].every((p) => {
		const path = join(root, p);
		return !existsSync(path) || (statSync(path).isDirectory() ? newestSource(path) : statSync(path).mtimeMs) <= built;
	});
}

const [command, ...rest] = process.argv.slice(2);
if (command === 'serve' && !rest.includes('--help') && !rest.includes('-h')) {
	const { serve } = await import('./serve.js');
	await serve(rest);
} else {
	if (!bundleIsCurrent()) {
		const built = spawnSync(process.execPath, [join(root, 'scripts', 'build-cli.js')], { stdio: ['ignore', 'ignore', 'inherit'] });
		if (built.status !== 0) {
			console.error('rankdrift: the CLI bundle is missing or older than its sources, and rebuilding it failed: run `npm ci` (or `npm run build`) in the checkout.');
			process.exit(1);
		}
	}
	await import(bundle);
}
