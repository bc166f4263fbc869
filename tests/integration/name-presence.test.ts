import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/lib/server/ingest/import-files';
import { lmarenaText } from '../helpers/sources';
import { acceptHeldSnapshot } from '../../src/lib/server/db/snapshots';
import { presenceRanges, replacePresence } from '../../src/lib/server/db/presence';
import { familySummaries, organizationSummaries } from '../../src/lib/server/db/history';
import { afterSnapshotsAdded } from '../../src/lib/server/pipeline';
import { tempDb, type TempDb } from '../helpers/temp-db';
import { testContext } from '../helpers/context';

// Where each name appears is kept step by step as snapshots arrive; these tests hold it to what a
// full recomputation from the entries gives, through the cases that take a snapshot out of force.

const header = 'rank,rank_stylectrl,model,arena_score,95_pct_ci,votes,organization,license,knowledge_cutoff,url';
const NOW = new Date('2025-06-01T00:00:00Z');

function hfTable(names: string[], org = 'OpenAI'): string {
	const lines = names.map((m, i) => `${i + 1},${i + 1},${m},${1400 - i},+5/-5,1000,${org},Proprietary,Unknown,`);
	return [header, ...lines].join('\n') + '\n';
}

function catalog(names: string[]): string {
	return JSON.stringify({ full: Object.fromEntries(names.map((m, i) => [m, { rating: 1400.5 - i, rating_q025: 1396 - i, rating_q975: 1405 - i }])) });
}

const models = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `gpt-4o-mini-${i + from}`);

let t: TempDb;
beforeEach(() => {
	t = tempDb();
});
afterEach(() => t.cleanup());

function importAndAnalyse(name: string, text: string): void {
	const path = join(t.dir, name);
	writeFileSync(path, text);
	importFiles(t.db, lmarenaText, [path], { onAdded: (ids) => afterSnapshotsAdded(testContext(t.db, { now: NOW }), ids) });
}

function presence(): unknown[] {
	return t.db.prepare('SELECT n.raw_name, p.board_id, p.organization, p.first_as_of, p.last_as_of FROM name_presence p JOIN names n ON n.id = p.name_id ORDER BY 1, 2, 3').all();
}

function presenceOf(model: string): unknown[] {
	return (presence() as { raw_name: string }[]).filter((p) => p.raw_name === model);
}

describe('where each name appears', () => {
	it('kept snapshot by snapshot, equals a full recomputation through supersession and acceptance', () => {
		importAndAnalyse('2025-02-01.csv', hfTable(models(12)));
		// The catalog outranks the HF-space table on the same date and drops two of its rows.
		importAndAnalyse('2025-02-01.json', catalog(models(10)));
		importAndAnalyse('2025-03-01.csv', hfTable(models(12, 1)));
		// Fewer than half the rows: held, then accepted (the 2025-03-02 snapshot in force was none).
		importAndAnalyse('2025-03-02.csv', hfTable(models(5, 20)));
		const accepted = acceptHeldSnapshot(t.db, 'lmarena-text', '2025-03-02', NOW)!;
		afterSnapshotsAdded(testContext(t.db, { now: NOW }), [accepted.id]);

		const stepByStep = presence();
		replacePresence(t.db, presenceRanges(t.db));
		expect(stepByStep).toEqual(presence());

		// gpt-4o-mini-11 was on the superseded table only, then on 2025-03-01's: its first date is that one.
		expect(presenceOf('gpt-4o-mini-11')).toEqual([{ raw_name: 'gpt-4o-mini-11', board_id: 'lmarena-text', organization: 'OpenAI', first_as_of: '2025-03-01', last_as_of: '2025-03-01' }]);
		// The catalog publishes no organization: the same name is present under both.
		expect(presenceOf('gpt-4o-mini-1').map((p) => (p as { organization: string }).organization)).toEqual(['', 'OpenAI']);
		expect(presenceOf('gpt-4o-mini-20')).toEqual([{ raw_name: 'gpt-4o-mini-20', board_id: 'lmarena-text', organization: 'OpenAI', first_as_of: '2025-03-02', last_as_of: '2025-03-02' }]);
	});

	it('feeds the family and organization indexes with the dates and boards in force', () => {
		const real = ['gpt-4o-2024-05-13', 'gpt-4o-mini-2024-07-18', 'o3-mini-high'];
		importAndAnalyse('2025-02-01.csv', hfTable([...real, ...models(9)]));
		importAndAnalyse('2025-03-01.csv', hfTable([...real.slice(1), ...models(9, 1)]));
		const families = familySummaries(t.db);
		expect(families.find((f) => f.family === 'gpt-4o-mini')).toMatchObject({ boards: 1, names: 1, first_as_of: '2025-02-01', last_as_of: '2025-03-01' });
		expect(families.find((f) => f.family === 'gpt-4o')).toMatchObject({ first_as_of: '2025-02-01', last_as_of: '2025-02-01' });
		expect(familySummaries(t.db, { organization: 'openai' }).map((f) => f.family)).toEqual(['gpt-4o', 'gpt-4o-mini', 'o3-mini']);
		expect(organizationSummaries(t.db)).toContainEqual({ organization: 'OpenAI', families: 3 });
	});

	it('a snapshot stored by a process that died before analysing it is caught up by the next pass', () => {
		const path = join(t.dir, '2025-02-01.csv');
		writeFileSync(path, hfTable(models(12)));
		// Stored, never analysed: as if the process was killed between the two transactions.
		importFiles(t.db, lmarenaText, [path]);
		expect(presence()).toEqual([]);
		expect(t.db.prepare('SELECT analyzed FROM snapshots').pluck().all()).toEqual([0]);

		afterSnapshotsAdded(testContext(t.db, { now: NOW }), []);
		expect(presence()).toHaveLength(12);
		expect(t.db.prepare('SELECT analyzed FROM snapshots').pluck().all()).toEqual([1]);
	});
});
