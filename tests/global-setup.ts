import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

/**
 * A folder of its own per run for the database built from all recorded history: two test runs at once
 * must not rebuild each other's. The database is built there by the first suite that asks for it
 * (tests/helpers/recorded-db.ts), so suites that never read the real data never wait for it.
 */
export default function setup(project: TestProject) {
	const dir = mkdtempSync(join(tmpdir(), 'rankdrift-recorded-'));
	project.provide('recordedDir', dir);
	return () => rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
	export interface ProvidedContext {
		recordedDir: string;
	}
}
