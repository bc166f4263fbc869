#!/usr/bin/env node
// `serve` runs the built server; other commands run the CLI bundle
// (node_modules/.cache/rankdrift-cli/rankdrift.mjs), plain JavaScript: no compiler is loaded at run
// time. `npm ci` builds the bundle (the prepare script); in a checkout whose sources are newer than the
// bundle, it is rebuilt first (esbuild, a fraction of a second), so a command always matches the source
// it ships with.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
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

// Commands that keep two threads of their own busy (an import's parse worker, an analysis pass's
// helper). V8 collects garbage on a pool of four more threads, and on two cores those take the cores
// from the two: measured here, `import-recorded` ran 10 % slower with 10 % more CPU than with a pool
// of one, `analyze --rebuild` 15 % slower. The pool is fixed when node starts, so these run in a node
// started with a pool of one; the rest start at once.
const TWO_THREAD_COMMANDS = new Set(['import', 'import-recorded', 'analyze']);

function wantsSmallGcPool(command) {
	return (
		TWO_THREAD_COMMANDS.has(command) &&
		!asksHelp &&
		availableParallelism() <= 2 &&
		// Node flags given (a profiler, a debugger, a pool size): the command runs here, under them.
		process.execArgv.length === 0
	);
}

// The command's own process, with the same arguments and terminal: its exit code or signal is this
// one's, and a signal sent to this one (not the terminal's, which reaches both) is passed on.
function runWithSmallGcPool(command, args) {
	const child = spawn(process.execPath, ['--v8-pool-size=1', bundle, command, ...args], { stdio: 'inherit' });
	const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
	const pass = (signal) => child.kill(signal);
	for (const signal of signals) process.on(signal, pass);
	child.on('error', (e) => {
		console.error(`rankdrift: could not start the command's node (${e.message})`);
		process.exit(1);
	});
	child.on('exit', (code, signal) => {
		for (const s of signals) process.off(s, pass);
		if (signal) process.kill(process.pid, signal);
		else process.exit(code ?? 1);
	});
}

const [command, ...rest] = process.argv.slice(2);
const asksHelp = rest.includes('--help') || rest.includes('-h');
if (command === 'serve' && !asksHelp) {
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
	if (wantsSmallGcPool(command)) runWithSmallGcPool(command, rest);
	else await import(bundle);
}
