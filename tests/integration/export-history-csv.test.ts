import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';
import { fixture } from '../helpers/paths';
import { tempDb, type TempDb } from '../helpers/temp-db';
import { openDatabase, type Db } from '../../src/lib/server/db/connection';
import { csvOf, type DatasetQuery } from '../../src/lib/server/export/dataset';
import { boardHistoryDataset } from '../../src/lib/server/export/datasets/boards';
import { Params } from '../../src/lib/server/export/params';
import { testContext } from '../helpers/context';
import type { AppContext } from '../../src/lib/server/context';

// A board history's CSV is built directly from raw rows for speed; it must be the very bytes the generic path
// (JSON rows → flat records → CSV) makes, on the names and numbers most likely to tell them apart.

let t: TempDb;
let db: Db;

beforeAll(async () => {
	t = tempDb();
	t.db.close();
	for (const folder of ['export', 'export-numbers']) {
		const r = await cli(['import', 'lmarena-text', fixture(folder), '--db', t.path]);
		expect(r.code, r.stderr).toBe(0);
	}
	db = openDatabase(t.path);
}, 60_000);

afterAll(() => {
	db?.close();
	t?.cleanup();
});

const ctx = (): AppContext => testContext(db, { now: new Date('2026-01-01T00:00:00Z') });
const open = (query: string) => boardHistoryDataset.open(ctx(), 'lmarena-text', new Params(new URLSearchParams(query)));
const fast = (q: DatasetQuery) => [...csvOf(q)].join('');
const generic = (q: DatasetQuery) => [...csvOf({ ...q, csvText: undefined })].join('');

describe('board history CSV built from raw rows', () => {
	it('is the generic CSV byte for byte: hostile text, long and tiny and huge floats, variants, empty cells', () => {
		const q = open('');
		expect(q.csvText).toBeDefined();
		const csv = fast(q);
		expect(csv).toBe(generic(q));
		// The data really holds what could tell the paths apart.
		for (const s of ['1437.1234567890124', '1e+21', '0.00001234', '0.0000012', '1099511627776', '123456789012345.6', '"Org, ""Quoted"""', "'=HYPERLINK", '" spaced name "', '"\ufeffbom-name"'])
			expect(csv, s).toContain(s);
		const rows = parseCsv(csv, { columns: true, bom: false }) as Record<string, string>[];
		expect(rows.some((r) => r.variants.includes('thinking'))).toBe(true);
		expect(rows.some((r) => r.votes === '' && r.model.startsWith('chatgpt-4o-latest'))).toBe(true);
	});

	it('is the generic CSV under every filter, including one that leaves no rows', () => {
		for (const query of ['top=3', 'from=2025-02-01', 'to=2025-01-31', 'from=2025-03-01&to=2025-03-01&top=1', 'from=2030-01-01']) {
			const q = open(query);
			expect(fast(q), query).toBe(generic(q));
		}
		expect(fast(open('from=2030-01-01')).split('\r\n').filter(Boolean)).toHaveLength(1);
	});

	it('comes in rank order, ties in the board order, when a board stores its rows out of rank order', () => {
		const date = '2025-03-01';
		// The stored order of one snapshot reversed: rows now come in the opposite of rank order.
		db.prepare('UPDATE entries SET position = -position - 1 WHERE snapshot_id = (SELECT id FROM snapshots WHERE as_of = ?)').run(date);
		const q = open(`from=${date}&to=${date}`);
		const csv = fast(q);
		expect(csv).toBe(generic(q));
		const rows = parseCsv(csv, { columns: true }) as Record<string, string>[];
		const ranks = rows.map((r) => Number(r.rank));
		expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
		// The two rows tied at 5, in the (reversed) board order.
		expect(rows.filter((r) => r.rank === '5').map((r) => r.model)).toEqual(['chatgpt-4o-latest-20250326', 'huge']);
	});

	it('leaves a number SQLite holds as ±Infinity empty, as the generic path does, next to numbers written in full', () => {
		const date = '2025-02-01';
		// No parser stores one, but SQLite can hold it (9e999 is +Infinity), and the fast path writes numbers its own way.
		const row = db.prepare('SELECT e.id, e.votes FROM entries e JOIN snapshots s ON s.id = e.snapshot_id WHERE s.as_of = ? AND e.votes IS NOT NULL ORDER BY e.rank LIMIT 1').get(date) as { id: number; votes: number };
		db.prepare('UPDATE entries SET score = 9e999, ci_lower = -9e999 WHERE id = ?').run(row.id);
		const q = open(`from=${date}&to=${date}`);
		const csv = fast(q);
		expect(csv).toBe(generic(q));
		const first = (parseCsv(csv, { columns: true }) as Record<string, string>[])[0];
		expect([first.score, first.ci_lower, first.votes]).toEqual(['', '', String(row.votes)]);
		expect(first.ci_upper).toMatch(/^\d/);
	});

	it('counts its rows per block, as the CLI reports them', () => {
		const blocks = [...open('').csvText!()];
		const total = blocks.reduce((n, b) => n + b.rows, 0);
		const records = parseCsv(fast(open('')), { columns: true }) as unknown[];
		expect(total).toBe(records.length);
		expect(blocks.length).toBe(3); // a block per snapshot: each is smaller than a block's size
	});
});
