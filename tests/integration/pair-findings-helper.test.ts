import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addedPairFindings, computeAdded } from '../../src/lib/server/analysis/analyze';
import { PairFindingsHelper } from '../../src/lib/server/analysis/pair-findings-worker';
import { importFiles, listImportFiles } from '../../src/lib/server/ingest/import-files';
import { resolveStoredNames } from '../../src/lib/server/identity/service';
import { aiderPolyglot, livebench, lmarenaText } from '../helpers/sources';
import { sharedData } from '../helpers/paths';
import { tempDb, type TempDb } from '../helpers/temp-db';

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
	resolveStoredNames(t.db, opts.now);
	pass = (t.db.prepare("SELECT id FROM snapshots WHERE status = 'active' ORDER BY as_of DESC, id DESC LIMIT 12").pluck().all() as number[]).reverse();
});
afterAll(() => t.cleanup());

describe('the pair findings helper thread', () => {
	it('answers a pass with the agreement and divergence this thread computes, pass after pass', () => {
		const helper = new PairFindingsHelper(t.path);
		try {
			const here = addedPairFindings(t.db, pass, opts);
			expect(here.agreements.length).toBeGreaterThan(10);
			expect(here.divergences.length).toBeGreaterThan(0);
			for (const ids of [pass, pass.slice(6)]) {
				helper.start(ids, opts);
				expect(helper.take()).toEqual(addedPairFindings(t.db, ids, opts));
			}
			expect(helper.usable).toBe(true);
		} finally {
			helper.close();
		}
	});

	it('leaves a pass the same whether its pair findings come from the helper or not', () => {
		const helper = new PairFindingsHelper(t.path);
		try {
			expect(computeAdded(t.db, pass, opts, helper)).toEqual(computeAdded(t.db, pass, opts));
		} finally {
			helper.close();
		}
	});

	it('gives up on a helper that cannot read the database, and the pass computes its pair findings itself', () => {
		const helper = new PairFindingsHelper(`${t.dir}/no-such.db`);
		const write = computeAdded(t.db, pass, opts, helper);
		expect(helper.usable).toBe(false);
		expect(write).toEqual(computeAdded(t.db, pass, opts));
		expect(write.agreements.length).toBeGreaterThan(10);
	});
});
