import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotASnapshotError, ParseError } from '../../src/lib/catalogue/errors';
import { createHttpClient } from '../../scrapers/http';
import { importFiles } from '../../src/lib/server/ingest/import-files';
import { parseDocument } from '../../src/lib/server/ingest/ingest';
import { decodeText } from '../../src/lib/catalogue/documents';
import { scrapeSource } from '../../src/lib/server/ingest/scrape';
import type { InputDocument } from '../../src/lib/catalogue/contract';
import { livebench } from '../helpers/sources';
import { releaseList } from '../../scrapers/sources/livebench/live-fetch';
import type { ParsedRow, ParsedSnapshot } from '../../src/lib/snapshots/snapshot';
import { entriesOf, listSnapshots, snapshotInForce } from '../../src/lib/server/db/snapshots';
import { sourceOverviews } from '../../src/lib/server/services/sources';
import { fixture, sharedData } from '../helpers/paths';
import { serveBytes, startRecordingServer, type RecordingServer } from '../helpers/recording-server';
import { tempDb, type TempDb } from '../helpers/temp-db';
import { testContext } from '../helpers/context';
import { config } from '../../src/lib/server/config';

const format = (name: string) => livebench.formats.find((f) => f.name === name)!;
const tableFormat = format('livebench-table-csv');

/** A recorded file as the import reads it: companions named by the format and present beside it. */
function docOf(path: string, text = decodeText(readFileSync(path)).text): InputDocument {
	const doc: InputDocument = { name: basename(path), path, text, companions: {} };
	const detected = livebench.formats.find((f) => f.detect(doc));
	for (const c of detected?.companions?.(path) ?? []) {
		const p = join(dirname(path), c);
		if (existsSync(p)) doc.companions[c] = readFileSync(p, 'utf8');
	}
	return doc;
}

function parseFile(path: string): { format: string; snapshot: ParsedSnapshot } {
	const doc = docOf(path);
	const detected = livebench.formats.find((f) => f.detect(doc));
	if (!detected) throw new Error(`no format detected for ${path}`);
	const [snapshot] = parseDocument(livebench, detected, doc);
	return { format: detected.name, snapshot };
}

const row = (s: ParsedSnapshot, model: string): ParsedRow | undefined => s.rows.find((r) => r.model === model);
const table = (release: string, date: string) => sharedData('livebench', `table_${release}`, `${date}.csv`);
const categories0530 = readFileSync(sharedData('livebench/table_2025_05_30/categories_2025_05_30.json'), 'utf8');

describe('LiveBench site tables (git history of table_<RELEASE>.csv)', () => {
	it('reproduces the site: grok-4-0709 4th at 72.11, llama4-maverick 47.78 (2025-07-22, release 2025-05-30)', () => {
		const { format, snapshot } = parseFile(table('2025_05_30', '2025-07-22'));
		expect(format).toBe('livebench-table-csv');
		expect(snapshot).toMatchObject({ board: 'livebench', feed: 'live-page', rankSemantics: 'computed', methodVersion: '2025-05-30', publishedAsOf: null });
		expect(snapshot.rows).toHaveLength(53);
		expect(row(snapshot, 'grok-4-0709')).toMatchObject({ rank: 4, score: 72.11 });
		expect(row(snapshot, 'grok-4-0709')!.extras).toMatchObject({ reasoning_average: 97.78, agentic_coding_average: 23.33, if_average: 78.12 });
		expect(row(snapshot, 'llama4-maverick-instruct-basic')).toMatchObject({ rank: 36, score: 47.78 });
		expect(snapshot.rows[0]).toMatchObject({ rank: 1, model: 'o3-pro-2025-06-10-high', score: 74.72 });
	});

	it('gives equal shown averages one rank, as the site sorts by the rounded value (2025-06-11)', () => {
		const { snapshot } = parseFile(table('2025_05_30', '2025-06-11'));
		expect(row(snapshot, 'deepseek-r1-0528')).toMatchObject({ rank: 8, score: 69.39 });
		expect(row(snapshot, 'gemini-2.5-pro-preview-06-05-default')).toMatchObject({ rank: 8, score: 69.39 });
		expect(snapshot.rows.find((r) => r.rank === 9)).toBeUndefined();
	});

	it('averages the tasks a model has, and leaves out a model missing a whole category (2025-02-27, release 2024-11-25)', () => {
		const { snapshot } = parseFile(table('2024_11_25', '2025-02-27'));
		expect(snapshot.methodVersion).toBe('2024-11-25');
		expect(snapshot.rows).toHaveLength(60);
		const phi = row(snapshot, 'phi-3-small-8k-instruct')!;
		expect(phi).toMatchObject({ rank: 57, score: 24.03 });
		expect(phi.extras).toMatchObject({ language_average: 12.94, tasks_not_run: 'connections' });
		expect(row(snapshot, 'grok-3')).toBeUndefined();
		expect(row(snapshot, 'grok-3-thinking')).toBeUndefined();
		expect(snapshot.warnings.join('\n')).toMatch(/left out 2 model\(s\) with no Global Average: grok-3-thinking \(no Reasoning, .*\), grok-3 \(no Mathematics, Data Analysis, IF score\)/);
	});

	it('reads a row shorter than the header as the site does: the missing trailing tasks not run (release 2026-01-08)', () => {
		for (const date of ['2026-06-30', '2026-08-22']) {
			const { snapshot } = parseFile(table('2026_01_08', date));
			expect(snapshot.methodVersion).toBe('2026-01-08');
			const nemotron = row(snapshot, 'nemotron-3-super-120b-a12b')!;
			// 20 task cells under 23 task columns: the last three columns (typescript, typos, zebra_puzzle) are blank.
			expect(nemotron.extras?.tasks_not_run).toBe('zebra_puzzle, typescript, typos');
			expect(nemotron.score).toBeGreaterThan(0);
			expect(snapshot.warnings.join('\n')).toMatch(/line\(s\) 110 end before the header's 24 columns; the missing tasks count as not run/);
		}
		const text = readFileSync(table('2026_01_08', '2026-06-30'), 'utf8');
		const doc = docOf(table('2026_01_08', '2026-06-30'));
		// A short last line is still a cut-off download, not a short row.
		const cut = text.trimEnd().slice(0, text.trimEnd().lastIndexOf(','));
		expect(() => tableFormat.parse({ ...doc, text: cut })).toThrow(/truncated: the last line has 23 of 24 columns/);
	});

	it('finds the companion from the release folder or a table_<RELEASE>.csv name', () => {
		const companions = tableFormat.companions!;
		expect(companions(table('2025_05_30', '2025-07-22'))).toEqual(['categories_2025_05_30.json']);
		expect(companions('/srv/live/table_2025_11_25.csv')).toEqual(['categories_2025_11_25.json']);
		expect(companions('/tmp/loose/2025-07-22.csv')).toEqual([]);
	});

	it('skips the categories file itself, by name and by content', () => {
		const path = sharedData('livebench/table_2025_05_30/categories_2025_05_30.json');
		expect(livebench.skipReason!(path)).toBe('companion of table_2025_05_30, read with it');
		const doc = { name: 'renamed.json', path: '/tmp/renamed.json', text: categories0530, companions: {} };
		const detected = livebench.formats.find((f) => f.detect(doc))!;
		expect(detected.name).toBe('livebench-categories-json');
		expect(() => detected.parse(doc)).toThrow(NotASnapshotError);
	});

	it('rejects a table without its categories file, or with no release to pair it with', () => {
		const text = readFileSync(table('2025_05_30', '2025-07-22'), 'utf8');
		const inFolder = { name: '2025-07-22.csv', path: '/x/table_2025_05_30/2025-07-22.csv', text, companions: {} };
		expect(() => tableFormat.parse(inFolder)).toThrow(/missing companion categories_2025_05_30\.json/);
		const loose = { name: '2025-07-22.csv', path: '/x/2025-07-22.csv', text, companions: {} };
		expect(() => tableFormat.parse(loose)).toThrow(/no release: cannot tell which categories_<RELEASE>\.json belongs to 2025-07-22\.csv/);
	});

	it('rejects bad input with a reason: wrong categories, garbage scores, truncation, an unreadable companion', () => {
		const text = readFileSync(table('2025_05_30', '2025-07-22'), 'utf8');
		const base = { name: 'table_2025_05_30.csv', path: 'https://livebench.ai/table_2025_05_30.csv' };
		const withCats = (t: string, cats = categories0530) => ({ ...base, text: t, companions: { 'categories_2025_05_30.json': cats } });
		const oldCats = readFileSync(sharedData('livebench/table_2024_11_25/categories_2024_11_25.json'), 'utf8');
		expect(() => tableFormat.parse(withCats(text, oldCats))).toThrow(
			'layout changed: none of the Coding tasks in categories_2025_05_30.json (LCB_generation, coding_completion) is a column of the table'
		);
		const lines = text.split('\n');
		const garbage = [lines[0], lines[1].replace(/^([^,]+),[^,]+,/, '$1,abc,'), ...lines.slice(2)].join('\n');
		expect(() => tableFormat.parse(withCats(garbage))).toThrow(new ParseError('line 2: AMPS_Hard "abc" is not a number'));
		const truncated = text.slice(0, text.lastIndexOf(',', text.length - 40));
		expect(() => tableFormat.parse(withCats(truncated))).toThrow(/truncated: the last line has \d+ of 21 columns/);
		expect(() => tableFormat.parse(withCats(text, '{"Reasoning": "spatial"'))).toThrow('categories_2025_05_30.json is not valid JSON');
		expect(() => tableFormat.parse(withCats(text, '{"Reasoning": "spatial"}'))).toThrow(/categories_2025_05_30\.json is not a map of category → task names/);
	});
});

describe('LiveBench rendered tables (page HTML and scrapes of it)', () => {
	it('ranks the rendered page by Global Average although it is sorted by Agentic Coding (2025-07-24)', () => {
		const { format, snapshot } = parseFile(sharedData('html_fixtures/livebench_leaderboard_table_2025-07-24.html'));
		expect(format).toBe('livebench-rendered-html');
		expect(snapshot).toMatchObject({ feed: 'live-page', rankSemantics: 'computed', methodVersion: null });
		expect(snapshot.rows).toHaveLength(54);
		expect(row(snapshot, 'Grok 4')).toMatchObject({ rank: 4, score: 72.11, organization: 'xAI' });
		expect(row(snapshot, 'Grok 4')!.extras).toMatchObject({ url: 'https://docs.x.ai/docs/models/grok-4-0709', agentic_coding_average: 23.33 });
		expect(row(snapshot, 'Llama 4 Maverick 17B 128E Instruct')).toMatchObject({ score: 47.78, organization: 'Meta' });
		// The page's first row (o3 High, top in Agentic Coding) is 2nd by Global Average.
		expect(row(snapshot, 'o3 High')!.rank).toBe(2);
		expect(row(snapshot, 'o3 Pro High')!.rank).toBe(1);
	});

	it('reads the extraction of the same page to the same ranks and scores, as a third-party capture', () => {
		const html = parseFile(sharedData('html_fixtures/livebench_leaderboard_table_2025-07-24.html')).snapshot;
		const { format, snapshot } = parseFile(sharedData('html_fixtures/livebench_leaderboard_table_2025-07-24.extracted.csv'));
		expect(format).toBe('livebench-rendered-csv');
		expect(snapshot.feed).toBe('third-party');
		const key = (s: ParsedSnapshot) => s.rows.map((r) => [r.model, r.rank, r.score, r.organization]).sort();
		expect(key(snapshot)).toEqual(key(html));
	});

	it('rejects a rendered page that shows no Global Average', () => {
		const text = readFileSync(sharedData('html_fixtures/livebench_leaderboard_table_2025-07-24.html'), 'utf8').replace(/Global Average/g, 'Overall');
		expect(() => format('livebench-rendered-html').parse({ name: 'p.html', path: 'p.html', text, companions: {} })).toThrow(/no column "Global Average"/);
	});

	it('leaves out a rendered row showing no Global Average, and rejects one that is not a number', () => {
		const header = 'Model,Organization,Global Average,Reasoning Average,Coding Average';
		const parse = (text: string) => format('livebench-rendered-csv').parse({ name: '2026-01-01.csv', path: '2026-01-01.csv', text, companions: {} });
		const [s] = parse(`${header}\nModel A,Lab,61.50,70.00,53.00\nModel B,Lab,NaN,80.00,-\nModel C,Lab,65.25,70.50,60.00\n`);
		expect(s.rows.map((r) => [r.model, r.rank])).toEqual([
			['Model C', 1],
			['Model A', 2]
		]);
		expect(s.warnings).toEqual(['left out 1 model(s) with no Global Average: Model B (none shown)']);
		expect(() => parse(`${header}\nModel A,Lab,61.5x,70.00,53.00\n`)).toThrow('line 2: Global Average "61.5x" is not a number');
	});

	it('cuts a footnote leaked into the name out into the footnote extra (franri scrape, 2026-03-13)', () => {
		const { format, snapshot } = parseFile(sharedData('franri3008_scraped_2026/livebench_leaderboard/2026-03-13.csv'));
		expect(format).toBe('livebench-rendered-csv');
		expect(snapshot.rows).toHaveLength(62);
		expect(snapshot.rows[0]).toMatchObject({ rank: 1, model: 'GPT-5.4 Thinking xHigh Effort', score: 80.28, organization: 'OpenAI' });
		const gemini = row(snapshot, 'Gemini 3.1 Pro Preview High')!;
		expect(gemini).toMatchObject({ rowKey: 'Gemini 3.1 Pro Preview High', rank: 2, score: 79.93, organization: 'Google' });
		expect(gemini.extras).toMatchObject({ footnote: '5th rank in unseen questions across all categories' });
		expect(gemini.extras?.display_name).toBeUndefined();
		expect(row(snapshot, 'Grok 4')!.extras?.footnote).toBeUndefined();
	});

	it('leaves no footnote in any name of the 2026 captures, rendered or grouped', () => {
		const files = [
			...readdirSync(sharedData('franri3008_scraped_2026/livebench_leaderboard'))
				.filter((f) => /^\d{4}-\d{2}-\d{2}\.csv$/.test(f))
				.map((f) => sharedData('franri3008_scraped_2026/livebench_leaderboard', f)),
			sharedData('soothsayer_crossboard_2026-03-15/livebench/2026-03-15.csv')
		];
		expect(files.length).toBeGreaterThanOrEqual(9);
		for (const path of files) {
			const { snapshot } = parseFile(path);
			const leaked = snapshot.rows.filter((r) => /\*/.test(r.model) || /\*/.test(r.rowKey));
			expect([path, leaked]).toEqual([path, []]);
			// Every footnote the capture shows is kept, once per row that carries one.
			const shownFootnotes = readFileSync(path, 'utf8').split('\n').filter((l) => /\*\*\S/.test(l)).length;
			const kept = snapshot.rows.filter((r) => typeof r.extras?.footnote === 'string').length;
			expect([path, kept]).toEqual([path, shownFootnotes]);
		}
	});

	it('cuts the footnote out of a page cell as the site renders it (name*, <br>, <small>*note</small>)', () => {
		// main.b0448181.js (html_fixtures/livebench_site_2026-06-30): displayName "Gemini 3.1 Pro Preview High*",
		// note "*5th rank in unseen questions across all categories", rendered after the link as <br><small>.
		const path = sharedData('html_fixtures/livebench_leaderboard_table_2025-07-24.html');
		const text = readFileSync(path, 'utf8').replace('rel="noopener noreferrer">Grok 4</a>', 'rel="noopener noreferrer">Grok 4*</a><br><small>*a note</small>');
		expect(text).toContain('<small>*a note</small>');
		const [snapshot] = format('livebench-rendered-html').parse({ name: 'p.html', path: 'p.html', text, companions: {} });
		expect(row(snapshot, 'Grok 4')).toMatchObject({ rank: 4, score: 72.11, extras: { footnote: 'a note', url: 'https://docs.x.ai/docs/models/grok-4-0709' } });
	});

	it('recomputes the Global Average from task scores in the grouped capture, leaving out models missing a category (2026-03-15)', () => {
		const { format, snapshot } = parseFile(sharedData('soothsayer_crossboard_2026-03-15/livebench/2026-03-15.csv'));
		expect(format).toBe('livebench-grouped-csv');
		expect(snapshot.feed).toBe('third-party');
		expect(snapshot.rows).toHaveLength(52);
		expect(snapshot.warnings[0]).toMatch(/^left out 21 model\(s\)/);
		expect(row(snapshot, 'Gemini 3.1 Pro Preview High')).toMatchObject({ rank: 1, score: 79.93, extras: { footnote: '5th rank in unseen questions across all categories' } });
		// From the shown category averages this would be 60.00; the tasks give the site's 59.99.
		expect(row(snapshot, 'Grok 4.1 Fast')!.score).toBe(59.99);
		expect(row(snapshot, 'GPT-5.4 Thinking xHigh Effort')).toBeUndefined();
	});
});

describe('LiveBench import of the recorded history', () => {
	let t: TempDb;
	beforeEach(() => {
		t = tempDb();
	});
	afterEach(() => t.cleanup());

	it('imports every release folder: purge held, newer release in force on a shared date, no rejections', () => {
		const { counts, files } = importFiles(t.db, livebench, [sharedData('livebench')], { now: () => new Date('2026-07-01T00:00:00Z') });
		expect(files.filter((f) => f.outcome === 'rejected')).toEqual([]);
		expect(counts).toMatchObject({ added: 77, unchanged: 2, held: 1, superseded: 0, skipped: 18, rejected: 0 });

		const all = listSnapshots(t.db, 'livebench', { all: true });
		// Releases share 2025-05-30, 2025-12-01, 2026-06-30 and 2026-08-22: the older release's table stays, superseded.
		expect(all.filter((s) => s.status === 'superseded').map((s) => [s.as_of, s.method_version])).toEqual([
			['2025-05-30', '2025-04-25'],
			['2025-12-01', '2025-05-30'],
			['2026-06-30', '2025-12-23'],
			['2026-08-22', '2026-01-08']
		]);
		const held = all.find((s) => s.status === 'held')!;
		expect(held).toMatchObject({ as_of: '2025-10-06', row_count: 36, method_version: '2025-05-30' });
		expect(snapshotInForce(t.db, 'livebench', '2025-10-06')!.as_of).toBe('2025-09-17');

		const jul22 = snapshotInForce(t.db, 'livebench', '2025-07-22')!;
		expect(entriesOf(t.db, jul22.id).find((e) => e.model === 'grok-4-0709')).toMatchObject({ rank: 4, score: 72.11 });
		expect(snapshotInForce(t.db, 'livebench', '2025-12-01')!.method_version).toBe('2025-11-25');
		expect(snapshotInForce(t.db, 'livebench', '2025-05-30')!.method_version).toBe('2025-05-17');
	});
});

describe('LiveBench live fetch through real HTTP', () => {
	let t: TempDb;
	let server: RecordingServer;
	let env: NodeJS.ProcessEnv;
	const http = createHttpClient({ backoffMs: 10, timeoutMs: 2000 });
	const now = () => new Date('2026-02-01T06:00:00Z');
	const tableBytes = readFileSync(table('2025_11_25', '2025-12-24'));
	const catsBytes = readFileSync(sharedData('livebench/table_2025_11_25/categories_2025_11_25.json'));
	const site = (day: string) => sharedData('html_fixtures', `livebench_site_${day}`);
	const bundleOf = (day: string) => readdirSync(site(day)).find((f) => f.endsWith('.js'))!;

	/** A recorded site as deployed: its page and the bundle the page loads. */
	function serveSite(day: string) {
		server.route('/', serveBytes(readFileSync(join(site(day), 'index.html'))));
		server.route(`/static/js/${bundleOf(day)}`, serveBytes(readFileSync(join(site(day), bundleOf(day))), 'application/javascript'));
	}
	function serveRelease(release: string, tableFile: string) {
		const folder = sharedData('livebench', `table_${release}`);
		server.route(`/table_${release}.csv`, serveBytes(readFileSync(join(folder, tableFile)), 'text/csv'));
		server.route(`/categories_${release}.json`, serveBytes(readFileSync(join(folder, `categories_${release}.json`)), 'application/json'));
	}
	const tablesAsked = () => [...server.hits.keys()].filter((k) => k.startsWith('/table_'));

	beforeEach(async () => {
		t = tempDb();
		server = await startRecordingServer();
		env = { RANKDRIFT_URL_LIVEBENCH_SITE: `${server.url}/` };
	});
	afterEach(async () => {
		await server.close();
		t.cleanup();
	});

	it('reads the release list from both recorded site bundles, never a model version date', () => {
		const releases = ['2024-06-24', '2024-07-26', '2024-08-31', '2024-11-25', '2025-04-02', '2025-04-25', '2025-05-30', '2025-11-25', '2025-12-23', '2026-01-08'];
		const oldCode = readFileSync(join(site('2026-06-30'), bundleOf('2026-06-30')), 'utf8');
		const newCode = readFileSync(join(site('2026-08-22'), bundleOf('2026-08-22')), 'utf8');
		expect(releaseList(oldCode)).toEqual(releases);
		expect(releaseList(newCode)).toEqual([...releases, '2026-06-25']);
		// Both bundles carry model dates newer than their newest release: a date scan would have picked those.
		expect(oldCode).toContain('"2026-06-09"');
		expect(newCode).toContain('"2026-07-22"');
		// The hand-written bundle: its list, not the notice date, the banner date or the future one beside it.
		expect(releaseList(readFileSync(fixture('livebench/main.5e1f2a7c.js'), 'utf8'))).toEqual(['2024-11-25', '2025-04-02', '2025-05-30', '2025-11-25']);
	});

	it('the site since July 2026: fetches release 2026-06-25, the newest in its list', async () => {
		serveSite('2026-08-22');
		serveRelease('2026_06_25', '2026-08-22.csv');
		const [r] = await scrapeSource(t.db, livebench, { http, config: config(env), now: () => new Date('2026-09-01T06:00:00Z') });
		expect(r).toMatchObject({ endpoint: 'site', outcome: 'added', httpStatus: 200 });
		const [snap] = listSnapshots(t.db, 'livebench');
		expect(snap).toMatchObject({ as_of: '2026-09-01', as_of_basis: 'fetch-date', feed: 'live-page', method_version: '2026-06-25', row_count: parseFile(table('2026_06_25', '2026-08-22')).snapshot.rows.length });
		expect(snap.origin).toBe(`${server.url}/table_2026_06_25.csv`);
		expect(tablesAsked()).toEqual(['/table_2026_06_25.csv']);
		// Every row kept; those the page hides by default (its model list read from the bundle) say so, and why.
		const extras = entriesOf(t.db, snap.id).map((e) => ({ model: e.model, ...JSON.parse(e.extras ?? '{}') }));
		expect(extras.every((e) => typeof e.hidden_by_default === 'boolean')).toBe(true);
		const hidden = extras.filter((e) => e.hidden_by_default);
		expect(hidden.length).toBeGreaterThan(0);
		expect(hidden.length).toBeLessThan(extras.length / 4);
		expect(hidden.every((e) => typeof e.hidden_reason === 'string' && e.hidden_reason.length > 0)).toBe(true);
		expect(hidden.map((e) => e.model)).toContain('smaug-agentic');
		expect(hidden.find((e) => e.model === 'smaug-agentic')!.hidden_reason).toMatch(/fine-tune/);
		// The new site states its data licence.
		expect(sourceOverviews(testContext(t.db)).find((x) => x.id === 'livebench')).toMatchObject({
			license: 'CC BY-SA 4.0',
			license_url: 'https://creativecommons.org/licenses/by-sa/4.0/',
			attribution: 'Data: LiveBench (livebench.ai), CC BY-SA 4.0'
		});
	});

	it('the site until June 2026: fetches release 2026-01-08 from the slider list, not the newer model dates', async () => {
		serveSite('2026-06-30');
		serveRelease('2026_01_08', '2026-06-30.csv');
		const [r] = await scrapeSource(t.db, livebench, { http, config: config(env), now: () => new Date('2026-06-30T06:00:00Z') });
		expect(r.outcome).toBe('added');
		expect(listSnapshots(t.db, 'livebench')[0]).toMatchObject({ method_version: '2026-01-08', row_count: parseFile(table('2026_01_08', '2026-06-30')).snapshot.rows.length });
		expect(tablesAsked()).toEqual(['/table_2026_01_08.csv']);
		// The old page also showed one variant per listed model: gpt-5.5-high sits below gpt-5.5-xhigh.
		const snap = listSnapshots(t.db, 'livebench')[0];
		const high = entriesOf(t.db, snap.id).find((e) => e.model === 'gpt-5.5-high')!;
		expect(JSON.parse(high.extras!)).toMatchObject({ hidden_by_default: true, hidden_reason: 'the site shows a better-scoring variant of gpt-5.5: gpt-5.5-xhigh' });
	});

	describe('on the hand-written site', () => {
		beforeEach(() => {
			server.route('/', serveBytes(readFileSync(fixture('livebench/site-index.html'))));
			server.route('/static/js/main.5e1f2a7c.js', serveBytes(readFileSync(fixture('livebench/main.5e1f2a7c.js')), 'application/javascript'));
		});

		it('falls back to the next listed release when the newest has no table yet (the host answers with its page)', async () => {
			server.route('/table_2025_11_25.csv', serveBytes(readFileSync(fixture('livebench/site-index.html'))));
			serveRelease('2025_05_30', '2025-12-01.csv');
			const [r] = await scrapeSource(t.db, livebench, { http, config: config(env), now });
			expect(r.outcome).toBe('added');
			expect(listSnapshots(t.db, 'livebench')[0]).toMatchObject({ as_of: '2026-02-01', method_version: '2025-05-30' });
			expect(tablesAsked()).toEqual(['/table_2025_11_25.csv', '/table_2025_05_30.csv']);
		});

		it('rejects the table when its categories file is missing', async () => {
			server.route('/table_2025_11_25.csv', serveBytes(tableBytes, 'text/csv'));
			const [r] = await scrapeSource(t.db, livebench, { http, config: config(env), now });
			expect(r.outcome).toBe('rejected');
			expect(r.reason).toMatch(/^missing companion categories_2025_11_25\.json/);
			expect(listSnapshots(t.db, 'livebench', { all: true })).toHaveLength(0);
		});

		it('rejects with a reason when no listed release has a table, after a bounded number of tries', async () => {
			const [r] = await scrapeSource(t.db, livebench, { http, config: config(env), now });
			expect(r.outcome).toBe('rejected');
			expect(r.reason).toMatch(/no table_YYYY_MM_DD\.csv that could be fetched/);
			expect(tablesAsked()).toEqual(['/table_2025_11_25.csv', '/table_2025_05_30.csv', '/table_2025_04_02.csv']);
		});

		it('fails (to retry later) when the table request errors', async () => {
			server.route('/table_2025_11_25.csv', (_req, res) => {
				res.writeHead(503).end('busy');
			});
			const [r] = await scrapeSource(t.db, livebench, { http, config: config(env), now });
			expect(r).toMatchObject({ outcome: 'failed', httpStatus: 503 });
			expect(server.hits.get('/table_2025_11_25.csv')).toBe(3);
		});

		it('stores the newest listed release with its categories', async () => {
			server.route('/table_2025_11_25.csv', serveBytes(tableBytes, 'text/csv'));
			server.route('/categories_2025_11_25.json', serveBytes(catsBytes, 'application/json'));
			const [r] = await scrapeSource(t.db, livebench, { http, config: config(env), now });
			expect(r).toMatchObject({ outcome: 'added', httpStatus: 200 });
			expect(listSnapshots(t.db, 'livebench')[0]).toMatchObject({ method_version: '2025-11-25', row_count: 65 });
		});
	});
});
