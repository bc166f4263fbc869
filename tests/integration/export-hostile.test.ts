import { parse as parseCsv } from 'csv-parse/sync';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';
import { fixture } from '../helpers/paths';
import { tempDb, type TempDb } from '../helpers/temp-db';
import { startAppServer, type AppServer } from '../helpers/app-server';
import { openDatabase, type Db } from '../../src/lib/server/db/connection';
import { boardRanking } from '../../src/lib/server/services/board-page';
import { listSnapshots } from '../../src/lib/server/db/snapshots';
import { listEvents } from '../../src/lib/server/db/analysis';
import { identityList } from '../../src/lib/server/db/identity';
import { neutraliseFormula } from '../../src/lib/server/export/csv';

// Model names a board could publish that break naive CSV, spreadsheets, feeds and pages (see the fixture).
const FIXTURE = fixture('export');
const DATE = '2025-02-01';
const HOSTILE_STARTS = ['=', '+', '-', '@', '\t', '\r'];

let t: TempDb;
let db: Db;
let app: AppServer;

beforeAll(async () => {
	t = tempDb();
	t.db.close();
	const imported = await cli(['import', 'lmarena-text', FIXTURE, '--db', t.path]);
	expect(imported.code, imported.stderr).toBe(0);
	db = openDatabase(t.path);
	app = await startAppServer(t.path);
}, 60_000);

afterAll(async () => {
	await app?.stop();
	db?.close();
	t?.cleanup();
});

const csvRows = (text: string) => parseCsv(text, { columns: true, relax_quotes: false }) as Record<string, string>[];
const asCell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'string' ? (neutraliseFormula(v) as string) : String(v));

describe('hostile model names', () => {
	it('the fixture really is hostile: every formula prefix, quotes, commas, line breaks and HTML, stored as published', () => {
		const names = ['2025-01-01', DATE].flatMap((date) => boardRanking(db, 'lmarena-text', { date, sort: 'rank', dir: 'asc', q: null, org: null, license: null, open: null })!.rows.map((r) => r.model));
		for (const start of HOSTILE_STARTS) expect(names.some((n) => n.startsWith(start)), `a name starting with ${JSON.stringify(start)}`).toBe(true);
		expect(names.some((n) => n.includes('"'))).toBe(true);
		expect(names.some((n) => n.includes(','))).toBe(true);
		expect(names.some((n) => n.includes('\n'))).toBe(true);
		expect(names.some((n) => n.includes('<script>'))).toBe(true);
	});

	it('the board CSV (CLI export) parses back to what the board page shows, text neutralised, numbers untouched', async () => {
		for (const date of ['2025-01-01', DATE]) {
			const r = await cli(['export', 'board', 'lmarena-text', '--date', date, '--db', t.path]);
			expect(r.code, r.stderr).toBe(0);
			const page = boardRanking(db, 'lmarena-text', { date, sort: 'rank', dir: 'asc', q: null, org: null, license: null, open: null })!;
			const parsed = csvRows(r.stdout);
			expect(parsed).toHaveLength(page.rows.length);
			parsed.forEach((row, i) => {
				const shown = page.rows[i];
				expect(row.model).toBe(asCell(shown.model));
				expect(row.organization).toBe(asCell(shown.organization));
				expect(row.license).toBe(asCell(shown.license));
				expect(Number(row.score)).toBe(shown.score);
				expect(Number(row.ci_upper)).toBe(shown.ci_upper);
				expect(Number(row.votes)).toBe(shown.votes);
				expect(row.rank).toBe(String(shown.rank));
				for (const cell of Object.values(row)) expect(cell, 'no cell may start a formula').not.toMatch(/^[=+@\t\r]|^-(?!\d+(\.\d+)?$)/);
			});
			// Neutralising is reversible: strip the apostrophe we added and the published name is back.
			expect(parsed.map((p, i) => (p.model === page.rows[i].model ? p.model : p.model.slice(1)))).toEqual(page.rows.map((x) => x.model));
		}
	});

	it('the HTTP CSV has the very same bytes, and the JSON has the names exactly as published', async () => {
		const cliCsv = (await cli(['export', 'board', 'lmarena-text', '--date', DATE, '--db', t.path])).stdout;
		const res = await fetch(`${app.url}/api/boards/lmarena-text?date=${DATE}&format=csv`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-disposition')).toBe(`attachment; filename="lmarena-text_${DATE}.csv"`);
		expect(await res.text()).toBe(cliCsv);
		const json = await (await fetch(`${app.url}/api/boards/lmarena-text?date=${DATE}`)).json();
		const page = boardRanking(db, 'lmarena-text', { date: DATE, sort: 'rank', dir: 'asc', q: null, org: null, license: null, open: null })!;
		expect(json.data.map((d: { model: string }) => d.model)).toEqual(page.rows.map((r) => r.model));
		expect(json.data.map((d: { organization: string }) => d.organization)).toEqual(page.rows.map((r) => r.organization));
	});

	it('the CLI board --format csv and report … --format csv neutralise too', async () => {
		const board = csvRows((await cli(['board', 'lmarena-text', '--date', DATE, '--format', 'csv', '--db', t.path])).stdout);
		const page = boardRanking(db, 'lmarena-text', { date: DATE, sort: 'rank', dir: 'asc', q: null, org: null, license: null, open: null })!;
		expect(board.map((r) => r.model)).toEqual(page.rows.map((r) => asCell(r.model)));
		const events = listEvents(db, {});
		expect(events.length).toBeGreaterThan(0);
		const report = csvRows((await cli(['report', 'events', '--format', 'csv', '--db', t.path])).stdout);
		expect(report.map((r) => r.detail)).toEqual(events.map((e) => asCell(e.detail)));
		expect(report.map((r) => r.model)).toEqual(events.map((e) => asCell(e.model ?? e.previous_model)));
		const identities = csvRows((await cli(['identities', '--format', 'csv', '--db', t.path])).stdout);
		expect(identities.map((r) => r.name).sort()).toEqual(identityList(db).map((r) => asCell(r.raw_name)).sort());
	});

	it('every other export with names in it parses back neutralised: history, events, identities, model', async () => {
		const history = csvRows(await (await fetch(`${app.url}/api/boards/lmarena-text/history?format=csv`)).text());
		expect(history.length).toBe(listSnapshots(db, 'lmarena-text').reduce((n, s) => n + s.row_count, 0));
		expect(history.filter((r) => r.as_of === DATE).map((r) => r.model)).toEqual(
			boardRanking(db, 'lmarena-text', { date: DATE, sort: 'rank', dir: 'asc', q: null, org: null, license: null, open: null })!.rows.map((r) => asCell(r.model))
		);
		const events = csvRows(await (await fetch(`${app.url}/api/events?format=csv`)).text());
		expect(events.map((r) => r.detail)).toEqual(listEvents(db, {}).map((e) => asCell(e.detail)));
		const identities = csvRows(await (await fetch(`${app.url}/api/identities?format=csv`)).text());
		expect(identities.map((r) => r.name)).toEqual(identityList(db).map((r) => asCell(r.raw_name)));
		for (const r of [...history, ...events, ...identities]) expect(r.attribution).toMatch(/^Data: LMArena/);
	});

	it('the Atom feed escapes every name: well-formed XML whose text reads back as published, no markup injected', async () => {
		const res = await fetch(`${app.url}/feed.xml`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
		const xml = await res.text();
		expect(xml).not.toContain('<script>');
		expect(xml).not.toContain('<b>');
		expect(xml).toContain('&lt;script&gt;');
		const $ = cheerio.load(xml, { xml: true });
		const events = listEvents(db, { limit: 50 });
		const entries = $('feed > entry');
		expect(entries.length).toBe(events.length);
		entries.each((i, el) => {
			const entry = $(el);
			expect(entry.find('title').text()).toBe(events[i].detail);
			expect(entry.find('title').attr('type')).toBe('text');
			expect(entry.find('summary').text().startsWith(events[i].detail)).toBe(true);
			expect(entry.find('link[rel="alternate"]').attr('href')).toBe(`${app.url}/boards/lmarena-text?date=${events[i].date}`);
			expect(entry.find('rights').text()).toContain('Data: LMArena');
			expect(entry.children('script, b, i').length).toBe(0);
		});
		expect($('feed > rights').text()).toContain('CC BY 4.0');
	});
});
