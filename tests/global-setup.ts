import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { runCli } from '../src/cli/main';
import { Writable } from 'node:stream';
import { sharedData } from './helpers/paths';

/**
 * Builds one database from all the recorded history in ../shared/leaderboards (through the real
 * import path and analysis) before the suites run; tests that need "the real data" open a copy of it.
 */
export default async function setup(project: TestProject) {
	// A folder of its own per run: two test runs at once must not rebuild each other's database.
	const dir = mkdtempSync(join(tmpdir(), 'rankdrift-recorded-'));
	const path = join(dir, 'recorded.db');
	let err = '';
	const sink = new Writable({ write: (_c, _e, done) => done() });
	const errors = new Writable({ write: (c, _e, done) => ((err += c), done()) });
	const code = await runCli(['import-recorded', sharedData(), '--db', path], {
		stdout: sink,
		stderr: errors,
		env: { TZ: 'UTC' },
		now: () => new Date('2026-04-01T00:00:00Z')
	});
	if (code !== 0) throw new Error(`building the recorded-history database failed (exit ${code}): ${err}`);
	project.provide('recordedDb', path);
	return () => rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
	export interface ProvidedContext {
		recordedDb: string;
	}
}
