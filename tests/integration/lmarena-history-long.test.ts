import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/lib/server/ingest/import-files';
import { lmarenaText } from '../helpers/sources';
import { entriesOf, listSnapshots } from '../../src/lib/server/db/snapshots';
import { fixture } from '../helpers/paths';
import { tempDb, type TempDb } from '../helpers/temp-db';

// A community history scraped from the arena.ai page day by day (tests/fixtures/lmarena/history-long.csv):
// 01-05 written in two blocks (the second repeats two rows), 01-07 a partial block, 01-08 a block whose
// second row lost its score cell.
let t: TempDb;
beforeEach(() => (t = tempDb()));
afterEach(() => t.cleanup());

describe('long-format LMArena history CSV', () => {
	it('imports one snapshot per date, merges repeated blocks, holds a partial day and rejects a shifted one on its own', () => {
		const summary = importFiles(t.db, lmarenaText, [fixture('lmarena/history-long.csv')]);
		const [file] = summary.files;
		expect(file.format).toBe('history-long-csv');
		const byDate = Object.fromEntries(file.snapshots.map((s) => [s.asOf, s]));
		expect(Object.keys(byDate).sort()).toEqual(['2026-01-05', '2026-01-06', '2026-01-07', '2026-01-08']);
		expect(byDate['2026-01-05']).toMatchObject({ board: 'lmarena-text/style-control', outcome: 'added', rows: 6 });
		expect(byDate['2026-01-06']).toMatchObject({ outcome: 'added', rows: 6 });
		expect(byDate['2026-01-07']).toMatchObject({ outcome: 'held' });
		expect(byDate['2026-01-08'].outcome).toBe('rejected');
		expect(byDate['2026-01-08'].reason).toBe("2026-01-08: line 19 has fewer cells than the header's 8: its columns are shifted");
		expect(file.outcome).toBe('rejected');

		const stored = listSnapshots(t.db, 'lmarena-text/style-control', { all: true });
		expect(stored.map((s) => `${s.as_of} ${s.status}`).sort()).toEqual(['2026-01-05 active', '2026-01-06 active', '2026-01-07 held']);
		const jan5 = stored.find((s) => s.as_of === '2026-01-05')!;
		expect(JSON.parse(jan5.warnings!).join(' ')).toMatch(/identical/);
		const rows = entriesOf(t.db, jan5.id);
		expect(rows.find((r) => r.model === 'gemini-3-pro')).toMatchObject({ rank: 1, score: 1490, ci_lower: 1483, ci_upper: 1497, votes: 32205, organization: 'Google' });
		expect(rows.find((r) => r.model === 'grok-4.1-thinking')).toMatchObject({ ci_lower: 1472, ci_upper: 1483, votes: 12001 });
		expect(listSnapshots(t.db, 'lmarena-text')).toEqual([]);
	});
});
