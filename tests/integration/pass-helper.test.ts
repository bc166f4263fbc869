import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addedPairFindings, computeAdded, computeRebuild, headlineBoards } from '../../src/lib/server/analysis/analyze';
import { PassHelper } from '../../src/lib/server/analysis/pass-helper';
import { importFiles, listImportFiles } from '../../src/lib/server/ingest/import-files';
import { resolveStoredNames } from '../../src/lib/server/identity/service';
import { aiderPolyglot, livebench, lmarenaText } from '../helpers/sources';
import { sharedData } from '../helpers/paths';
import { tempDb, type TempDb } from '../helpers/temp-db';
import { cliProcess } from '../helpers/cli';

// Real recorded files, stored without analysis; the last of them are then analysed as one step-by-step
// pass, as a bulk import's batch is.
const opts = { now: new Date('2026-04-01T00:00:00Z'), staleDays: 45 };
let t: TempDb;
let pass: number[];

beforeAll(() => {
	t = tempDb();
	const arena = listImportFiles([sharedData('lmarena_fboulnois/hfspace_text')]).filter((f) => /2025-0[67]-\d\d\.csv$/.test(f));
	importFiles(t.db, aiderPolyglot, listImportFiles([sharedData('aider/polyglot')]));
	importFiles(t.db, livebench, listImportFiles([sharedData('livebench/table_2025_05_30')]));
	importFiles(t.db, lmarenaText, arena);
	// A catalog file brings the text arena's category boards too.
	importFiles(t.db, lmarenaText, [sharedData('lmarena_arena_catalog/leaderboard-text/2025-05-06.json')]);
	resolveStoredNames(t.db, opts.now);
	pass = (t.db.prepare("SELECT id FROM snapshots WHERE status = 'active' ORDER BY as_of DESC, id DESC LIMIT 12").pluck().all() as number[]).reverse();
});
afterAll(() => t.cleanup());

describe('the pass helper thread', () => {
	it('answers a pass with the agreement and divergence this thread computes, pass after pass', () => {
		const helper = new PassHelper(t.path);
		try {
			const here = addedPairFindings(t.db, pass, opts);
			expect(here.agreements.length).toBeGreaterThan(10);
			expect(here.divergences.length).toBeGreaterThan(0);
			for (const ids of [pass, pass.slice(6)]) {
				helper.start({ kind: 'pair-findings', snapshotIds: ids }, opts);
				expect(helper.take('pair-findings')).toEqual(addedPairFindings(t.db, ids, opts));
			}
			expect(helper.usable).toBe(true);
		} finally {
			helper.close();
		}
	});

	it('leaves a pass the same whether its pair findings come from the helper or not', () => {
		const helper = new PassHelper(t.path);
		try {
			expect(computeAdded(t.db, pass, opts, helper)).toEqual(computeAdded(t.db, pass, opts));
		} finally {
			helper.close();
		}
	});

	it('leaves a rebuild the same whether its category boards\' events come from the helper or not, and can be asked again after', () => {
		const helper = new PassHelper(t.path);
		try {
			const here = computeRebuild(t.db, opts);
			// One step per board: category boards (LiveBench's) are there beside the headline ones.
			expect(here.steps.length).toBeGreaterThan(headlineBoards(t.db).length);
			expect(here.steps.some((s) => s.events.length > 0)).toBe(true);
			expect(computeRebuild(t.db, opts, helper)).toEqual(here);
			expect(helper.usable).toBe(true);
			expect(computeAdded(t.db, pass, opts, helper)).toEqual(computeAdded(t.db, pass, opts));
		} finally {
			helper.close();
		}
	});

	it('answers null to a take of another kind than was started, and stops', () => {
		const helper = new PassHelper(t.path);
		helper.start({ kind: 'rebuild-share', boards: ['aider-polyglot'] }, opts);
		expect(helper.take('pair-findings')).toBeNull();
		expect(helper.usable).toBe(false);
	});

	it('gives up on a helper that cannot read the database, and the pass computes its pair findings itself', () => {
		const helper = new PassHelper(`${t.dir}/no-such.db`);
		const write = computeAdded(t.db, pass, opts, helper);
		expect(helper.usable).toBe(false);
		expect(write).toEqual(computeAdded(t.db, pass, opts));
		expect(write.agreements.length).toBeGreaterThan(10);
	});

	it('leaves no write-ahead log behind a command whose passes it helped: its connection is closed with each answer', async () => {
		const db = join(t.dir, 'cli.db');
		const files = listImportFiles([sharedData('lmarena_fboulnois/hfspace_text')]).slice(0, 10);
		// Ten snapshots: a pass large enough to hand its pair findings over; then a rebuild hands over its category boards.
		for (const args of [['import', 'lmarena-text', ...files], ['import', 'livebench', sharedData('livebench/table_2025_05_30')], ['analyze', '--rebuild']]) {
			const r = await cliProcess([...args, '--db', db]);
			expect(r.code, r.stderr).toBe(0);
			expect(existsSync(`${db}-wal`), args.slice(0, 2).join(' ')).toBe(false);
		}
	});
});
