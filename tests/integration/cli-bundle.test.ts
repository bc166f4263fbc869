import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/paths';

// The CLI bundle's chunks are named by their content's hash: without clearing, every rebuild after an
// edit would leave the last one's chunks behind for good.
const outdir = join(projectRoot, 'node_modules', '.cache', 'rankdrift-cli');
const stale = join(outdir, `stale-${process.pid}-TESTCHUNK.mjs`);
const recent = join(outdir, `recent-${process.pid}-TESTCHUNK.mjs`);

afterAll(() => {
	rmSync(stale, { force: true });
	rmSync(recent, { force: true });
});

describe('the CLI bundle build', () => {
	it('removes chunks it did not write once they are an hour old, and keeps newer ones a running command may still import', () => {
		writeFileSync(stale, 'export {};\n');
		writeFileSync(recent, 'export {};\n');
		const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
		utimesSync(stale, twoHoursAgo, twoHoursAgo);
		const r = spawnSync(process.execPath, [join(projectRoot, 'scripts', 'build-cli.js')], { encoding: 'utf8' });
		expect(r.status, r.stderr).toBe(0);
		expect(existsSync(stale)).toBe(false);
		expect(existsSync(recent)).toBe(true);
		expect(existsSync(join(outdir, 'rankdrift.mjs'))).toBe(true);
	});
});
