import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/lib/server/ingest/import-files';
import { lmarenaText, lmarenaWebdev } from '../helpers/sources';
import { acceptHeldSnapshot, entriesOf, listSnapshots, snapshotInForce } from '../../src/lib/server/db/snapshots';
import { readPayload } from '../../src/lib/server/db/payloads';
import { openDatabase, schemaVersion } from '../../src/lib/server/db/connection';
import { migrations } from '../../src/lib/server/db/migrations';
import { sharedData } from '../helpers/paths';
import { tempDb, type TempDb } from '../helpers/temp-db';
import { InForceWalk, ViewCache } from '../../src/lib/server/analysis/views';

const header = 'rank,rank_stylectrl,model,arena_score,95_pct_ci,votes,organization,license,knowledge_cutoff,url';

/** A small HF-space style table: ranks with a tie so it reads as upper-bound ranks. */
function hfTable(models: [string, number][]): string {
	const lines = models.map(([m, score], i) => `${i === 1 ? 1 : i + 1},${i + 1},${m},${score},+5/-5,1000,Org,Proprietary,Unknown,`);
	return [header, ...lines].join('\n') + '\n';
}

function models(n: number, offset = 0): [string, number][] {
	return Array.from({ length: n }, (_, i) => [`model-${i + offset}`, 1400 - i]);
}

let t: TempDb;
let dir: string;
beforeEach(() => {
	t = tempDb();
	dir = mkdtempSync(join(tmpdir(), 'rankdrift-files-'));
});
afterEach(() => t.cleanup());

function write(name: string, text: string): string {
	const p = join(dir, name);
	writeFileSync(p, text);
	return p;
}

describe('migrations', () => {
	it('bring an empty file to the latest schema, and reopening applies nothing twice', () => {
		expect(schemaVersion(t.db)).toBe(migrations[migrations.length - 1].version);
		t.db.close();
		const again = openDatabase(t.path);
		expect(schemaVersion(again)).toBe(migrations[migrations.length - 1].version);
		const count = again.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number };
		expect(count.n).toBe(migrations.length);
		expect(again.pragma('journal_mode', { simple: true })).toBe('wal');
		again.close();
	});
});

describe('import outcomes', () => {
	it('added, then unchanged on re-import; the raw bytes are kept', () => {
		const p = write('2025-01-01.csv', hfTable(models(6)));
		const first = importFiles(t.db, lmarenaText, [p]);
		expect(first.counts.added).toBe(1);
		const second = importFiles(t.db, lmarenaText, [p]);
		expect(second.counts.added).toBe(0);
		expect(second.counts.unchanged).toBe(1);
		const [snap] = listSnapshots(t.db, 'lmarena-text');
		expect(snap.row_count).toBe(6);
		expect(entriesOf(t.db, snap.id)).toHaveLength(6);
		expect(readPayload(t.db, snap.payload_id!)!.bytes.toString()).toContain('model-5');
	});

	it('a later file with the same content as the board\'s latest is unchanged (a weekly board scraped daily)', () => {
		importFiles(t.db, lmarenaText, [write('2025-01-01.csv', hfTable(models(6)))]);
		const r = importFiles(t.db, lmarenaText, [write('2025-01-02.csv', hfTable(models(6)))]);
		expect(r.counts.unchanged).toBe(1);
		expect(listSnapshots(t.db, 'lmarena-text').map((s) => s.as_of)).toEqual(['2025-01-01']);
	});

	it('superseded: a lower-priority feed for a date that already has a higher one is kept but not used', () => {
		// The catalog JSON (priority 4) beats the HF-space table (priority 2) on the same date.
		const catalog = JSON.stringify({ full: Object.fromEntries(models(6).map(([m, s]) => [m, { rating: s + 0.5, rating_q025: s - 4, rating_q975: s + 5 }])) });
		importFiles(t.db, lmarenaText, [write('2025-02-01.json', catalog)]);
		const r = importFiles(t.db, lmarenaText, [write('2025-02-01.csv', hfTable(models(6)))]);
		expect(r.counts.superseded).toBe(1);
		expect(r.files[0].snapshots[0].reason).toMatch(/catalog-json snapshot for 2025-02-01/);
		expect(snapshotInForce(t.db, 'lmarena-text', '2025-02-01')!.feed).toBe('catalog-json');
		const all = listSnapshots(t.db, 'lmarena-text', { all: true });
		expect(all.map((s) => s.status).sort()).toEqual(['active', 'superseded']);
		// Listed as they rank on their date: the feed in force first.
		expect(all.map((s) => s.feed)).toEqual(['catalog-json', 'hf-space']);
	});

	it('a higher-priority feed arriving later takes over the date and the old one steps aside', () => {
		importFiles(t.db, lmarenaText, [write('2025-02-01.csv', hfTable(models(6)))]);
		const catalog = JSON.stringify({ full: Object.fromEntries(models(6).map(([m, s]) => [m, { rating: s + 0.5, rating_q025: s - 4, rating_q975: s + 5 }])) });
		const r = importFiles(t.db, lmarenaText, [write('2025-02-01.json', catalog)]);
		expect(r.counts.added).toBe(1);
		expect(snapshotInForce(t.db, 'lmarena-text', '2025-02-01')!.feed).toBe('catalog-json');
		expect(listSnapshots(t.db, 'lmarena-text', { all: true }).find((s) => s.feed === 'hf-space')!.status).toBe('superseded');
	});

	it('held: a snapshot whose row count falls by more than half waits for acceptance', () => {
		importFiles(t.db, lmarenaText, [write('2025-03-01.csv', hfTable(models(10)))]);
		const r = importFiles(t.db, lmarenaText, [write('2025-03-02.csv', hfTable(models(4)))]);
		expect(r.counts.held).toBe(1);
		expect(r.files[0].snapshots[0].reason).toMatch(/row count fell from 10 .* to 4/);
		expect(snapshotInForce(t.db, 'lmarena-text', '2025-03-02')!.as_of).toBe('2025-03-01');
		const accepted = acceptHeldSnapshot(t.db, 'lmarena-text', '2025-03-02', new Date('2025-03-03T00:00:00Z'));
		expect(accepted!.status).toBe('active');
		expect(snapshotInForce(t.db, 'lmarena-text', '2025-03-02')!.as_of).toBe('2025-03-02');
	});

	it('an analysis pass finds the snapshot in force that the query finds, date by date', () => {
		importFiles(t.db, lmarenaText, [write('2025-01-01.csv', hfTable(models(10)))]);
		importFiles(t.db, lmarenaText, [write('2025-02-01.csv', hfTable(models(10, 1)))]);
		const catalog = JSON.stringify({ full: Object.fromEntries(models(10, 2).map(([m, s]) => [m, { rating: s + 0.5, rating_q025: s - 4, rating_q975: s + 5 }])) });
		importFiles(t.db, lmarenaText, [write('2025-02-01.json', catalog)]);
		importFiles(t.db, lmarenaText, [write('2025-03-01.csv', hfTable(models(10, 3)))]);
		importFiles(t.db, lmarenaText, [write('2025-03-02.csv', hfTable(models(4)))]);
		const pass = new ViewCache(t.db);
		const dates = ['2024-12-31', '2025-01-01', '2025-01-20', '2025-02-01', '2025-02-28', '2025-03-01', '2025-03-02', '2026-01-01'];
		const found = dates.map((d) => pass.inForce('lmarena-text', d)?.id ?? null);
		expect(found).toEqual(dates.map((d) => snapshotInForce(t.db, 'lmarena-text', d)?.id ?? null));
		// Before the first snapshot nothing; the catalog feed over the table on its date; the held one never.
		expect(found[0]).toBeNull();
		expect(pass.inForce('lmarena-text', '2025-02-01')!.feed).toBe('catalog-json');
		expect(pass.inForce('lmarena-text', '2025-03-02')!.asOf).toBe('2025-03-01');
		expect(pass.inForce('no-such-board', '2025-03-02')).toBeNull();
		// A walk over the dates in order (a model's percentile chart) finds the same snapshots.
		const walk = new InForceWalk(t.db, 'lmarena-text');
		expect(dates.map((d) => walk.at(d)?.id ?? null)).toEqual(found);
		expect(new InForceWalk(t.db, 'no-such-board').at('2025-03-02')).toBeNull();
	});

	it('exactly half the rows is not held (only more than half)', () => {
		importFiles(t.db, lmarenaText, [write('2025-03-01.csv', hfTable(models(10)))]);
		const r = importFiles(t.db, lmarenaText, [write('2025-03-02.csv', hfTable(models(5)))]);
		expect(r.counts.added).toBe(1);
	});

	it('skipped: index and documentation files; rejected: Cloudflare page, changed layout, truncated, empty, non-numeric', () => {
		write('index.csv', 'date,commit\n2025-01-01,abc\n');
		write('PROVENANCE.md', '# notes\n');
		write('2025-04-01.html', '<!DOCTYPE html><html><head><title>Just a moment...</title><script>window._cf_chl_opt={}</script></head></html>');
		write('2025-04-02.csv', 'Rank,Rank Spread,Model,Points,Votes\n1,1 2,a,1500,"1,000"\n');
		write('2025-04-03.csv', hfTable(models(5)).replace(/\n[^\n]*\n$/, '\n5,5,model-4,13'));
		write('2025-04-04.csv', `${header}\n`);
		write('2025-04-05.csv', hfTable(models(4)).replace('1399', 'n/a!'));
		const r = importFiles(t.db, lmarenaText, [dir]);
		const byName = Object.fromEntries(r.files.map((f) => [f.path.split('/').pop(), f]));
		expect(byName['index.csv'].outcome).toBe('skipped');
		expect(byName['PROVENANCE.md'].outcome).toBe('skipped');
		expect(byName['2025-04-01.html'].reason).toMatch(/^blocked: Cloudflare/);
		expect(byName['2025-04-02.csv'].reason).toMatch(/layout changed: no column "score"/i);
		expect(byName['2025-04-03.csv'].reason).toMatch(/truncated/);
		expect(byName['2025-04-04.csv'].outcome).toBe('rejected');
		expect(byName['2025-04-05.csv'].reason).toMatch(/score "n\/a!" is not a number/);
		expect(r.counts.rejected).toBe(5);
		expect(listSnapshots(t.db, 'lmarena-text', { all: true })).toHaveLength(0);
		const runs = t.db.prepare("SELECT COUNT(*) AS n FROM runs WHERE outcome = 'rejected' AND payload_id IS NOT NULL").get() as { n: number };
		expect(runs.n).toBe(5);
	});

	it('a file with no date in its name or content needs --date', () => {
		const p = write('latest.csv', hfTable(models(3)));
		expect(importFiles(t.db, lmarenaText, [p]).files[0].reason).toMatch(/no date/);
		const r = importFiles(t.db, lmarenaText, [p], { date: '2025-05-05' });
		expect(r.counts.added).toBe(1);
		expect(listSnapshots(t.db, 'lmarena-text')[0]).toMatchObject({ as_of: '2025-05-05', as_of_basis: 'option' });
	});

	it('binary and over-large files are rejected with a reason', () => {
		const p = join(dir, '2025-06-01.csv');
		writeFileSync(p, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]));
		expect(importFiles(t.db, lmarenaText, [p]).files[0].reason).toMatch(/binary/);
	});

	it('rows identical in every field collapse with a warning; two different rows under one name are both kept and flagged', () => {
		const text = [header, '1,1,dup,1400,+5/-5,10,O,P,U,', '1,1,dup,1400,+5/-5,10,O,P,U,', '2,2,twin,1390,+5/-5,10,O,P,U,', '3,3,twin,1380,+5/-5,12,O,P,U,', '3,3,other,1380,+5/-5,12,O,P,U,'].join('\n') + '\n';
		importFiles(t.db, lmarenaText, [write('2025-07-01.csv', text)]);
		const [snap] = listSnapshots(t.db, 'lmarena-text');
		expect(snap.row_count).toBe(4);
		expect(JSON.parse(snap.warnings!)).toEqual(expect.arrayContaining([expect.stringMatching(/1 duplicate row/), expect.stringMatching(/"twin"/)]));
		const twins = entriesOf(t.db, snap.id).filter((e) => e.model === 'twin');
		expect(twins.map((e) => e.row_key).sort()).toEqual(['twin', 'twin#2']);
		expect(twins.every((e) => e.needs_review === 1)).toBe(true);
	});
});

describe('real history', () => {
	it('imports the 76 HF-space snapshots, adds nothing the second time, and serves 2025-03-01', () => {
		const folder = sharedData('lmarena_fboulnois/hfspace_text');
		const first = importFiles(t.db, lmarenaText, [folder]);
		expect(first.counts.added).toBe(76);
		expect(first.counts.rejected).toBe(0);
		const second = importFiles(t.db, lmarenaText, [folder]);
		expect(second.counts.added).toBe(0);
		expect(second.counts.unchanged).toBe(76);
		const snap = snapshotInForce(t.db, 'lmarena-text', '2025-03-01')!;
		expect(snap.as_of).toBe('2025-03-01');
		expect(entriesOf(t.db, snap.id)[0].model).toBe('chocolate (Early Grok-3)');
	});

	it('skips vision and image arena files beside text ones', () => {
		mkdirSync(join(dir, 'leaderboard-vision'));
		const r = importFiles(t.db, lmarenaText, [sharedData('lmarena_fboulnois/pkl_vision')]);
		expect(r.counts.added).toBe(0);
		expect(r.files.filter((f) => f.outcome === 'skipped' && /vision arena/.test(f.reason ?? ''))).toHaveLength(4);
	});

	it('keeps WebDev boards apart from the text board', () => {
		const r = importFiles(t.db, lmarenaWebdev, [sharedData('webdev_arena')]);
		expect(r.counts.rejected).toBe(0);
		expect(listSnapshots(t.db, 'lmarena-webdev').length).toBeGreaterThanOrEqual(4);
		expect(listSnapshots(t.db, 'lmarena-text')).toHaveLength(0);
	});
});
