#!/usr/bin/env node
// The one test command (npm test): builds the app the browser tests drive, runs every vitest suite
// (unit, integration, e2e, fault) and ends with the line CI reads: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const args = process.argv.slice(2);
const quick = args.includes('--no-build');
const passthrough = args.filter((a) => a !== '--no-build');

function run(cmd, cmdArgs, opts = {}) {
	const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit', ...opts });
	return r.status ?? 1;
}

/**
 * What the tests need beyond npm: Debian's Chromium (the browser tests) and the sqlite3 shell (the
 * benchmark's baseline). Installed with apt-get when run as root and missing; otherwise each missing
 * one is named, and the tests that need it fail saying so.
 */
function ensureDebianTools() {
	const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
	const onPath = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
	const missing = [...(existsSync(chromium) ? [] : ['chromium']), ...(onPath('sqlite3') ? [] : ['sqlite3'])];
	if (missing.length === 0) return;
	if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
		console.log(`Installing Debian packages the tests need: ${missing.join(', ')}…`);
		run('apt-get', ['update', '-qq']);
		if (run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }) === 0) return;
	}
	if (missing.includes('chromium')) console.error(`The browser tests need Chromium at ${chromium}: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.`);
	if (missing.includes('sqlite3')) console.error('The benchmark test needs the sqlite3 shell: install it (Debian: apt-get install sqlite3).');
}

let buildFailed = false;
let typecheckFailed = false;
if (!quick) {
	// Type errors fail the run like a failing test: svelte-check covers the app, the CLI, scrapers and tests.
	typecheckFailed = run('npx', ['svelte-kit', 'sync']) !== 0 || run('npx', ['svelte-check', '--tsconfig', './tsconfig.json', '--threshold', 'error']) !== 0;
	if (typecheckFailed) console.error('svelte-check found type errors (npm run check shows them).');
	ensureDebianTools();
	buildFailed = run('npx', ['vite', 'build', '--logLevel', 'warn']) !== 0 || run('node', ['scripts/build-cli.js']) !== 0;
	if (buildFailed) console.error('The build failed: the browser tests will fail too.');
}

mkdirSync('test-results', { recursive: true });

/**
 * Two phases: unit and integration suites in parallel; then the browser, fault and benchmark (--quick) suites one file at a
 * time, since they start servers, browsers and child processes whose timing must not fight each other
 * for CI's two cores.
 */
const phases = [
	{ name: 'unit+integration', paths: ['tests/unit', 'tests/integration'], extra: [] },
	{ name: 'e2e+fault+bench', paths: ['tests/e2e', 'tests/fault', 'tests/bench'], extra: ['--no-file-parallelism', '--testTimeout=120000'] }
];
const only = passthrough.filter((a) => !a.startsWith('-'));
const flags = passthrough.filter((a) => a.startsWith('-'));
let passed = 0;
let failed = 0;
let anyStatus = 0;
for (const phase of phases) {
	const paths = only.length ? only.filter((p) => phase.paths.some((root) => p.startsWith(root))) : phase.paths;
	if (paths.length === 0) continue;
	const report = `test-results/vitest-${phase.name}.json`;
	rmSync(report, { force: true });
	const status = run('npx', ['vitest', 'run', ...paths, ...phase.extra, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...flags], {
		env: { ...process.env, TZ: 'UTC' }
	});
	anyStatus ||= status;
	if (!existsSync(report)) {
		failed += 1;
		continue;
	}
	const data = JSON.parse(readFileSync(report, 'utf8'));
	passed += data.numPassedTests ?? 0;
	// A suite that failed to load has no failed tests of its own: count it as one failure.
	const brokenSuites = (data.testResults ?? []).filter(
		(s) => s.status === 'failed' && !(s.assertionResults ?? []).some((a) => a.status === 'failed')
	).length;
	failed += (data.numFailedTests ?? 0) + brokenSuites;
}
if (buildFailed) failed += 1;
if (typecheckFailed) failed += 1;
if (passed + failed === 0 || (anyStatus !== 0 && failed === 0)) failed = Math.max(failed, 1);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
