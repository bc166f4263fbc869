import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, cliProcess, type CliResult } from '../helpers/cli';
import { sharedData } from '../helpers/paths';

// The CLI refuses instead of guessing: a mistyped --db, special files, symbolic-link loops and an
// oversized line, each against real files. Anything that could block runs as the real binary in a
// child process with a time limit, so a regression fails the test instead of hanging the runner.

let dir: string;
const oneLine = (s: string) => s.trim().split('\n');

async function bounded(args: string[], ms = 20_000): Promise<CliResult & { ms: number }> {
	const started = Date.now();
	const r = await Promise.race([cliProcess(args), new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`rankdrift ${args[0]} still running after ${ms} ms`)), ms))]);
	return { ...r, ms: Date.now() - started };
}

beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'rankdrift-edges-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a mistyped --db', () => {
	const commands = [
		['sources'],
		['snapshots', '--board', 'lmarena-text'],
		['board', 'lmarena-text'],
		['identities'],
		['report', 'divergence'],
		['export', 'boards'],
		['alerts', 'list']
	];
	for (const args of commands)
		it(`rankdrift ${args.join(' ')} says there is no database, exits 1 and creates nothing`, async () => {
			const missing = join(dir, 'no-such-folder', 'typo.db');
			const r = await cli([...args, '--db', missing]);
			expect(r.code).toBe(1);
			expect(oneLine(r.stderr)).toEqual([`rankdrift ${args[0]}: there is no database at ${missing} (check --db or RANKDRIFT_DB; rankdrift import or scrape makes one)`]);
			expect(existsSync(join(dir, 'no-such-folder'))).toBe(false);
		});

	it('rankdrift resolve still needs no database', async () => {
		const r = await cli(['resolve', 'gpt-4o-2024-05-13', '--db', join(dir, 'elsewhere', 'none.db')]);
		expect(r.code).toBe(0);
	});
});

describe('special files', () => {
	let fifo: string;
	beforeAll(() => {
		fifo = join(dir, 'pipe');
		execFileSync('mkfifo', [fifo]);
	});

	it('restore FIFO is refused at once, leaving no database behind', async () => {
		const target = join(dir, 'restored.db');
		const r = await bounded(['restore', fifo, '--db', target]);
		expect(r.code).toBe(1);
		expect(oneLine(r.stderr)).toEqual([`rankdrift restore: refusing to restore: ${fifo} is not a regular file (a folder, FIFO, socket or device), so not a backup`]);
		expect(existsSync(target)).toBe(false);
		console.log(`restore FIFO: refused in ${r.ms} ms`);
	});

	it('import FIFO is refused with its kind, not reported as "0 files"', async () => {
		const r = await bounded(['import', 'lmarena-text', fifo, '--db', join(dir, 'fifo.db')]);
		expect(r.code).toBe(1);
		expect(oneLine(r.stderr)).toEqual([`rankdrift import: ${fifo} is a FIFO, not a file or folder: nothing imported`]);
		expect(r.stdout).toBe('');
	});

	it('in a folder, a FIFO and a symbolic-link loop are skipped and named; the files beside them import', async () => {
		const folder = join(dir, 'mixed');
		mkdirSync(join(folder, 'nested'), { recursive: true });
		copyFileSync(sharedData('lmarena_fboulnois/hfspace_text', '2024-06-19.csv'), join(folder, '2024-06-19.csv'));
		copyFileSync(sharedData('lmarena_fboulnois/hfspace_text', '2024-07-07.csv'), join(folder, 'nested', '2024-07-07.csv'));
		symlinkSync('..', join(folder, 'nested', 'back-up'));
		symlinkSync('self-a', join(folder, 'self-b'));
		symlinkSync('self-b', join(folder, 'self-a'));
		execFileSync('mkfifo', [join(folder, 'nested', 'feed.fifo')]);
		const r = await bounded(['import', 'lmarena-text', folder, '--db', join(dir, 'mixed.db')]);
		expect(r.code, r.stderr).toBe(0);
		expect(r.stdout).toMatch(/added\s+2 snapshots/);
		expect(r.stdout).toMatch(/skipped\s+4 files/);
		expect(r.stdout).toMatch(/nested\/back-up: a symbolic link back to .*\/mixed, a folder already walked \(a loop\), skipped/);
		expect(r.stdout).toMatch(/self-a: a loop of symbolic links, skipped/);
		expect(r.stdout).toMatch(/nested\/feed\.fifo: a FIFO, never read/);
	});
});

describe('an oversized line', () => {
	it('a 16 MB single-line CSV is rejected from a scan of its bytes, before it is decoded or parsed', async () => {
		const file = join(dir, '2024-06-19-huge.csv');
		writeFileSync(file, 'model,score,' + 'abcdefghij,'.repeat(1_500_000));
		const r = await bounded(['import', 'lmarena-text', file, '--db', join(dir, 'huge.db')]);
		expect(r.code).toBe(1);
		expect(r.stdout).toContain('2024-06-19-huge.csv: line 1 is over 1 MB: not a leaderboard table');
		console.log(`16 MB single-line CSV: rejected in ${r.ms} ms (whole command, start-up included)`);
	});
});
