#!/usr/bin/env node
// `serve` runs the built server in plain Node: a long-running process should not carry a compiler.
// Other commands run the CLI bundle `npm run build` makes, while it is newer than every source file;
// otherwise the TypeScript sources through tsx, so a command always matches the source it ships with.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = join(root, 'build', 'cli', 'rankdrift.mjs');

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
} else if (bundleIsCurrent()) {
	await import(bundle);
} else {
	const { register } = await import('tsx/esm/api');
	register();
	await import('../src/cli/run.ts');
}
