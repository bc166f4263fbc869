import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, cliProcess } from '../helpers/cli';
import { projectRoot, sharedData } from '../helpers/paths';

let dir: string;
let db: string;
const hfspace = sharedData('lmarena_fboulnois/hfspace_text');

beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'rankdrift-cli-'));
	db = join(dir, 'cli.db');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rankdrift CLI', () => {
	it('import adds the 76 HF-space snapshots and exits 0; a second run adds nothing', async () => {
		const first = await cli(['import', 'lmarena-text', hfspace, '--db', db]);
		expect(first.code).toBe(0);
		expect(first.stdout).toMatch(/added\s+76 snapshots/);
		expect(first.stdout).toMatch(/skipped\s+1 file/);
		const second = await cli(['import', 'lmarena-text', hfspace, '--db', db]);
		expect(second.code).toBe(0);
		expect(second.stdout).not.toMatch(/added/);
		expect(second.stdout).toMatch(/unchanged\s+76 snapshots/);
	});

	it('board --date returns the snapshot in force then, as one JSON array of flat objects', async () => {
		const r = await cli(['board', 'lmarena-text', '--date', '2025-03-01', '--format', 'json', '--db', db]);
		expect(r.code).toBe(0);
		const rows = JSON.parse(r.stdout);
		expect(Array.isArray(rows)).toBe(true);
		expect(rows[0]).toMatchObject({ rank: 1, model: 'chocolate (Early Grok-3)', organization: 'xAI', license: 'Proprietary', score: 1403, ci_lower: 1397, ci_upper: 1408, votes: 13065 });
		expect(rows.every((x: Record<string, unknown>) => typeof x.rank === 'number' && Object.values(x).every((v) => typeof v !== 'object' || v === null))).toBe(true);
		// 2025-03-02 has no file of its own: the 2025-03-01 snapshot is still in force.
		const later = JSON.parse((await cli(['board', 'lmarena-text', '--date', '2025-03-03', '--format', 'json', '--db', db])).stdout);
		expect(later).toEqual(rows);
	});

	it('board --format csv is RFC 4180 with a header and CRLF', async () => {
		const r = await cli(['board', 'lmarena-text', '--date', '2025-03-01', '--format', 'csv', '--db', db]);
		expect(r.stdout.split('\r\n')[0]).toMatch(/^rank,model,organization,license,score,ci_lower,ci_upper,votes/);
		const rows = parseCsv(r.stdout, { columns: true }) as Record<string, string>[];
		expect(rows[0].model).toBe('chocolate (Early Grok-3)');
	});

	it('sources --format json follows the documented shape', async () => {
		const r = await cli(['sources', '--format', 'json', '--db', db]);
		const sources = JSON.parse(r.stdout);
		const text = sources.find((s: { id: string }) => s.id === 'lmarena-text');
		expect(Object.keys(text).sort()).toEqual(['boards', 'id', 'last_error', 'last_success', 'retired_since', 'snapshots', 'status'].sort());
		expect(text).toMatchObject({ status: 'enabled', snapshots: 76, last_error: null });
		expect(text.boards).toContain('lmarena-text');
		expect(sources.find((s: { id: string }) => s.id === 'yupp')).toMatchObject({ status: 'retired', retired_since: '2026-04-15' });
		// Declared boards are listed before any snapshot of them exists (SWE-bench Multilingual since 2026-01-20).
		expect(sources.find((s: { id: string }) => s.id === 'swebench').boards).toEqual([
			'swebench/bash-only',
			'swebench/lite',
			'swebench/multilingual',
			'swebench/multimodal',
			'swebench/test',
			'swebench/verified'
		]);
	});

	it('snapshots --board lists active snapshots oldest first', async () => {
		const r = await cli(['snapshots', '--board', 'lmarena-text', '--format', 'json', '--db', db]);
		const snaps = JSON.parse(r.stdout);
		expect(snaps).toHaveLength(76);
		expect(snaps[0]).toMatchObject({ board: 'lmarena-text', as_of: '2024-06-19', status: 'active', feed: 'hf-space' });
		expect(snaps[0].hash).toMatch(/^[0-9a-f]{64}$/);
		expect(snaps.map((s: { as_of: string }) => s.as_of)).toEqual([...snaps.map((s: { as_of: string }) => s.as_of)].sort());
	});

	it('the Cloudflare page is rejected as blocked, exit code 1, nothing stored', async () => {
		const r = await cli(['import', 'lmarena-text', sharedData('html_fixtures/lmarena_leaderboard_cloudflare_challenge_2026-01-03.html'), '--db', db]);
		expect(r.code).toBe(1);
		expect(r.stdout).toMatch(/rejected\s+1 file/);
		expect(r.stdout).toMatch(/blocked: Cloudflare challenge page/);
		const snaps = JSON.parse((await cli(['snapshots', '--board', 'lmarena-text', '--all', '--format', 'json', '--db', db])).stdout);
		expect(snaps).toHaveLength(76);
	});

	it('snapshots accept puts a held snapshot in force', async () => {
		const small = join(dir, '2025-08-01.csv');
		writeFileSync(small, 'rank,model,arena_score,95_pct_ci,votes,organization,license\n1,only-one,1500,+5/-5,10,X,P\n1,only-two,1499,+5/-5,10,X,P\n');
		const imported = await cli(['import', 'lmarena-text', small, '--db', db]);
		expect(imported.stdout).toMatch(/held\s+1 snapshot/);
		const before = JSON.parse((await cli(['board', 'lmarena-text', '--date', '2025-08-01', '--format', 'json', '--db', db])).stdout);
		expect(before.length).toBeGreaterThan(100);
		const accepted = await cli(['snapshots', 'accept', 'lmarena-text', '2025-08-01', '--db', db]);
		expect(accepted.code).toBe(0);
		const after = JSON.parse((await cli(['board', 'lmarena-text', '--date', '2025-08-01', '--format', 'json', '--db', db])).stdout);
		expect(after.map((r: { model: string }) => r.model)).toEqual(['only-one', 'only-two']);
		expect((await cli(['snapshots', 'accept', 'lmarena-text', '2025-08-01', '--db', db])).code).toBe(1);
	});

	it('bad input gets one clear line and exit code 2, never a stack trace', async () => {
		const cases = [
			['board', 'lmarena-text', '--date', '2025-02-30', '--db', db],
			['board', 'lmarena-text', '--format', 'xml', '--db', db],
			['import', 'no-such-source', hfspace, '--db', db],
			['import', 'lmarena-text', '--db', db],
			['board', '--bogus', '--db', db],
			['import', 'lmarena-text', hfspace, '--format', 'nope', '--db', db]
		];
		for (const args of cases) {
			const r = await cli(args);
			expect(r.code, args.join(' ')).toBe(2);
			expect(r.stderr.trim().split('\n')).toHaveLength(1);
			expect(r.stderr).not.toMatch(/\n\s+at /);
		}
		const missing = await cli(['board', 'no-such-board', '--db', db]);
		expect(missing.code).toBe(1);
		expect(missing.stderr).toMatch(/no board "no-such-board"/);
		const early = await cli(['board', 'lmarena-text', '--date', '2020-01-01', '--db', db]);
		expect(early.stderr).toMatch(/no snapshot on or before 2020-01-01; its first is 2024-06-19/);
	});

	it('a bad configuration stops any command before it starts: one line listing every problem, exit 1, nothing created', async () => {
		const fresh = join(dir, 'never.db');
		const env = { RANKDRIFT_SCHEDULE_LMARENA_TEXT: 'nope', RANKDRIFT_URL_LMARENA_TEXT_PAGES: 'http://127.0.0.1:1/' };
		const r = await cliProcess(['scrape', 'lmarena-text', '--db', fresh], env);
		expect(r.code).toBe(1);
		expect(r.stderr).toBe(
			'rankdrift scrape: invalid configuration: RANKDRIFT_SCHEDULE_LMARENA_TEXT: "nope" is not a valid cron expression; ' +
				'RANKDRIFT_URL_LMARENA_TEXT_PAGES: lmarena-text has no such endpoint (ENDPOINT one of DATASET, DATASET_STYLE_CONTROL, PAGE)\n'
		);
		expect(existsSync(fresh)).toBe(false);
		expect((await cli(['board', 'lmarena-text', '--db', db], { RANKDRIFT_STALE_DAYS: 'soon' })).stderr).toBe(
			'rankdrift board: invalid configuration: RANKDRIFT_STALE_DAYS: must be a whole number of days, at least 1\n'
		);
		// Help needs no configuration.
		expect((await cli(['scrape', '--help'], env)).code).toBe(0);
	});

	it('every command has --help', async () => {
		for (const c of ['serve', 'scrape', 'import', 'sources', 'snapshots', 'board']) {
			const r = await cli([c, '--help']);
			expect(r.code, c).toBe(0);
			expect(r.stdout).toMatch(new RegExp(`^Usage: rankdrift ${c}`));
		}
	});

	it('the installed binary runs the same commands (RANKDRIFT_DB selects the database)', async () => {
		const r = await cliProcess(['board', 'lmarena-text', '--date', '2025-03-01', '--format', 'json'], { RANKDRIFT_DB: db });
		expect(r.code).toBe(0);
		expect(JSON.parse(r.stdout)[0].model).toBe('chocolate (Early Grok-3)');
	});

	// On two cores the binary runs imports in a node of its own (bin/rankdrift.js): what it answers and
	// how it stops must be the command's, and nothing may go on writing after it is gone.
	it('the binary’s import gives the command’s output and exit code, and a SIGTERM to it stops the import too', async () => {
		const fresh = join(dir, 'bin-import.db');
		const ok = await cliProcess(['import', 'lmarena-text', hfspace, '--db', fresh]);
		expect(ok.code).toBe(0);
		expect(ok.stdout).toMatch(/added\s+76 snapshots/);
		const bad = await cliProcess(['import', 'no-such-source', hfspace, '--db', fresh]);
		expect(bad.code).toBe(2);
		expect(bad.stderr.trim().split('\n')).toHaveLength(1);

		const stopped = join(dir, 'bin-stopped.db');
		const child = spawn(process.execPath, [join(projectRoot, 'bin', 'rankdrift.js'), 'import-recorded', sharedData('.'), '--db', stopped], { cwd: projectRoot, stdio: 'ignore' });
		const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
		await new Promise((r) => setTimeout(r, 1000));
		child.kill('SIGTERM');
		expect(await exited).toBe('SIGTERM');
		const writing = () =>
			readdirSync('/proc')
				.filter((p) => /^\d+$/.test(p))
				.filter((p) => {
					try {
						return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(stopped);
					} catch {
						return false;
					}
				});
		// A process sent SIGTERM is gone in milliseconds; the import left running would take seconds more.
		await new Promise((r) => setTimeout(r, 300));
		expect(writing()).toEqual([]);
	});
});
