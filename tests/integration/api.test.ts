import { parse as parseCsv } from 'csv-parse/sync';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';
import { recordedDbCopy } from '../helpers/recorded-db';
import { startAppServer, type AppServer } from '../helpers/app-server';
import type { Db } from '../../src/lib/server/db/connection';
import { config } from '../../src/lib/server/config';
import { boardRanking } from '../../src/lib/server/services/board-page';
import { boardsAsOf } from '../../src/lib/server/services/board-list';
import { flatRankingRow } from '../../src/lib/server/services/ranking-rows';
import { familyHistory, familySummaries, iterateBoardHistory, organizationSummaries, type HistoryRow } from '../../src/lib/server/db/history';
import { agreementAt, listAgreement, listEvents, listMismatches } from '../../src/lib/server/db/analysis';
import { divergenceContractRow, divergenceReport, eventContractRow, mismatchContractRow } from '../../src/lib/server/analysis/reports';
import { identityList } from '../../src/lib/server/db/identity';
import { listRuns } from '../../src/lib/server/db/runs';
import { getSource, sourceOfBoard } from '../../src/lib/catalogue';
import { neutraliseFormula } from '../../src/lib/server/export/csv';
import { flattenRecord } from '../../src/lib/server/export/flatten';
import { testContext } from '../helpers/context';

let rec: Awaited<ReturnType<typeof recordedDbCopy>>;
let db: Db;
let app: AppServer;

beforeAll(async () => {
	rec = await recordedDbCopy();
	db = rec.db;
	app = await startAppServer(rec.path);
}, 60_000);

afterAll(async () => {
	await app?.stop();
	rec?.cleanup();
});

const DATE = '2025-04-11';
type Json = Record<string, unknown>;

/**
 * fetch, after one turn of the event loop. Comparing tens of thousands of rows blocks this process for
 * seconds; meanwhile the server may close an idle keep-alive socket (5 s), and unless the client sees
 * that close first it reuses the dead socket ("other side closed"). The turn lets it see the close.
 */
async function get(path: string, init?: RequestInit): Promise<Response> {
	await new Promise((resolve) => setImmediate(resolve));
	return fetch(`${app.url}${path}`, init);
}

async function getJson(path: string): Promise<Json & { data: Json[]; next_cursor?: string | null }> {
	const res = await get(path);
	expect(res.status, `${path}: ${res.status}`).toBe(200);
	expect(res.headers.get('content-type')).toMatch(/^application\/json/);
	return res.json();
}

async function getCsv(path: string): Promise<{ text: string; rows: Record<string, string>[]; disposition: string | null }> {
	const res = await get(`${path}${path.includes('?') ? '&' : '?'}format=csv`);
	expect(res.status, path).toBe(200);
	expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
	const text = await res.text();
	return { text, rows: parseCsv(text, { columns: true }) as Record<string, string>[], disposition: res.headers.get('content-disposition') };
}

/** Every page of a paginated route, following next_cursor. */
async function allPages(path: string, limit: number): Promise<{ data: Json[]; pages: number }> {
	const data: Json[] = [];
	let cursor: string | null | undefined = null;
	let pages = 0;
	do {
		const sep = path.includes('?') ? '&' : '?';
		const page = await getJson(`${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
		expect(page.count).toBe(page.data.length);
		data.push(...page.data);
		cursor = page.next_cursor;
		pages++;
	} while (cursor);
	return { data, pages };
}

const cellOf = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'string' ? (neutraliseFormula(v) as string) : String(v));

/**
 * The CSV rows are the JSON rows flattened, text neutralised, with each row's sources' licence and
 * attribution. Compared in one go: a long loop of single assertions would block the event loop for
 * seconds, and the next request could then reuse a keep-alive socket the server has just closed.
 */
function expectCsvMatchesJson(csv: Record<string, string>[], data: Json[], sourcesOf: (row: Json) => string[]) {
	expect(csv).toHaveLength(data.length);
	const expected = data.map((row, i) => {
		const sources = sourcesOf(row).map((id) => getSource(id)!);
		const cells: Record<string, string> = {};
		for (const k of Object.keys(csv[i] ?? {})) cells[k] = csv[i][k];
		for (const [k, v] of Object.entries(flattenRecord(row))) cells[k] = cellOf(v);
		cells.source_license = [...new Set(sources.map((s) => s.license.name))].join(' | ');
		cells.attribution = [...new Set(sources.map((s) => s.attribution))].join(' | ');
		return cells;
	});
	expect(csv).toEqual(expected);
}

const sourceOf = (board: unknown) => sourceOfBoard(String(board))!.id;

function historyJson(r: HistoryRow): Json {
	return {
		board: r.board_id,
		as_of: r.as_of,
		rank: r.rank,
		rank_lower: r.rank_lower,
		rank_upper: r.rank_upper,
		model: r.model,
		family: r.family,
		release: r.release,
		variants: r.variants ? JSON.parse(r.variants) : [],
		organization: r.organization,
		license: r.license,
		score: r.score,
		ci_lower: r.ci_lower,
		ci_upper: r.ci_upper,
		votes: r.votes
	};
}

describe('JSON API and CSV downloads on the recorded history', () => {
	it('/api/boards: every board as of a date, as the overview computes it, with source licence and attribution', async () => {
		const expected = boardsAsOf(testContext(db), DATE).map(({ license: _l, ...b }) => b);
		const body = await getJson(`/api/boards?date=${DATE}`);
		expect(body.data).toEqual(expected);
		expect(Object.keys(body.license as object).sort()).toEqual([...new Set(expected.map((b) => b.source_id))].sort());
		expect((body.attribution as Record<string, string>)['lmarena-text']).toBe(getSource('lmarena-text')!.attribution);
		const csv = await getCsv(`/api/boards?date=${DATE}`);
		expectCsvMatchesJson(csv.rows, body.data, (r) => [String(r.source_id)]);
		expect(csv.disposition).toBe(`attachment; filename="boards_${DATE}.csv"`);
	});

	it('/api/boards/{id}: a board with "/" in its id, with the board page\'s search, filter and sort', async () => {
		const query = { date: DATE, sort: 'score' as const, dir: 'desc' as const, q: 'gemini', org: null, license: null, open: null };
		const page = boardRanking(db, 'lmarena-text/coding', query)!;
		expect(page.rows.length).toBeGreaterThan(1);
		const expected = page.rows.map((r) => ({ board: 'lmarena-text/coding', as_of: page.snapshot!.as_of, ...flatRankingRow(r) }));
		const body = await getJson(`/api/boards/lmarena-text/coding?date=${DATE}&sort=score&dir=desc&q=gemini`);
		expect(body.data).toEqual(expected);
		expect(body.snapshot).toMatchObject({ as_of: page.snapshot!.as_of, row_count: page.snapshot!.row_count });
		expect(body.license).toEqual({ 'lmarena-text': getSource('lmarena-text')!.license });
		const csv = await getCsv(`/api/boards/lmarena-text/coding?date=${DATE}&sort=score&dir=desc&q=gemini`);
		expectCsvMatchesJson(csv.rows, body.data, () => ['lmarena-text']);
		expect(csv.disposition).toBe(`attachment; filename="lmarena-text-coding_${DATE}.csv"`);
		// The model's own licence keeps its name; the source's is source_license.
		expect(csv.text.split('\r\n')[0]).toMatch(/^board,as_of,rank,model,organization,license,score,.*,source_license,attribution$/);
	});

	it('/api/boards/{id}/history: long format, every page in order, the CSV the whole history', async () => {
		const expected = [...iterateBoardHistory(db, 'lmarena-text')].map(historyJson);
		const { data, pages } = await allPages('/api/boards/lmarena-text/history', 7000);
		expect(pages).toBe(Math.ceil(expected.length / 7000));
		expect(data).toEqual(expected);
		const csv = await getCsv('/api/boards/lmarena-text/history');
		expectCsvMatchesJson(csv.rows, expected, (r) => [sourceOf(r.board)]);
		const top = await getJson('/api/boards/swebench/bash-only/history?top=3&from=2025-06-01&limit=10000');
		expect(top.data).toEqual([...iterateBoardHistory(db, 'swebench/bash-only', { maxRank: 3, from: '2025-06-01' })].map(historyJson));
		expect(top.next_cursor).toBeNull();
	});

	it('/api/models/{family} and /api/orgs/{org}: a family across boards, an organization by its slug in any case', async () => {
		const expected = familyHistory(db, { family: 'gpt-4o' }).map((r) => ({ family: r.family, ...historyJson(r) }));
		expect(expected.length).toBeGreaterThan(100);
		expect((await allPages('/api/models/gpt-4o', 100)).data).toEqual(expected);
		const csv = await getCsv('/api/models/gpt-4o');
		expectCsvMatchesJson(csv.rows, expected, (r) => [sourceOf(r.board)]);
		expect(new Set(csv.rows.map((r) => r.source_license)).size).toBeGreaterThan(1);

		const spaced = organizationSummaries(db).find((o) => / /.test(o.organization) && o.families > 0)!;
		const slug = spaced.organization.toLowerCase().replace(/ /g, '-');
		const families = familySummaries(db, { organization: spaced.organization });
		for (const id of [slug, slug.toUpperCase()]) {
			const body = await getJson(`/api/orgs/${encodeURIComponent(id)}`);
			expect(body.organization).toBe(spaced.organization);
			expect(body.data.map((f) => f.family)).toEqual(families.map((f) => f.family));
			expect(body.data.map((f) => f.names)).toEqual(families.map((f) => f.names));
		}
		const orgCsv = await getCsv(`/api/orgs/${slug}`);
		expect(orgCsv.rows.map((r) => r.family)).toEqual(families.map((f) => f.family));
	});

	it('/api/divergence, /api/agreement, /api/agreement/matrix: what the analysis reports compute', async () => {
		const report = divergenceReport(db, { date: DATE, boards: ['lmarena-text', 'livebench'], staleDays: config().RANKDRIFT_STALE_DAYS });
		const body = await getJson(`/api/divergence?date=${DATE}&board=lmarena-text&board=livebench`);
		expect(body.data.map((d) => ({ ...d, organization: undefined, as_of: undefined }))).toEqual(
			report.rows.map((r) => ({ ...divergenceContractRow(r), organization: undefined, as_of: undefined }))
		);
		expect(body.compared).toEqual(report.boards.map((b) => ({ board: b.board, as_of: b.asOf })));
		const csv = await getCsv(`/api/divergence?date=${DATE}&board=lmarena-text&board=livebench`);
		expectCsvMatchesJson(csv.rows, body.data, (r) => (r.boards as string[]).map(sourceOf));
		expect(csv.disposition).toBe(`attachment; filename="divergence_lmarena-text_vs_livebench_${DATE}.csv"`);

		const pairs = await allPages('/api/divergence?date=' + DATE, 50);
		expect(pairs.pages).toBeGreaterThan(1);
		expect(pairs.data.length).toBe(divergenceReport(db, { date: DATE, staleDays: config().RANKDRIFT_STALE_DAYS }).rows.length);

		const agreement = listAgreement(db, { from: '2025-01-01', to: '2025-06-30', boardA: 'lmarena-text' });
		expect(agreement.length).toBeGreaterThan(0);
		const a = await getJson('/api/agreement?from=2025-01-01&to=2025-06-30&board=lmarena-text');
		expect(a.data).toEqual(agreement);
		expectCsvMatchesJson((await getCsv('/api/agreement?from=2025-01-01&to=2025-06-30&board=lmarena-text')).rows, a.data, (r) => [sourceOf(r.board_a), sourceOf(r.board_b)]);

		const matrix = await getJson(`/api/agreement/matrix?date=${DATE}`);
		expect(matrix.data).toEqual(agreementAt(db, DATE));
		expectCsvMatchesJson((await getCsv(`/api/agreement/matrix?date=${DATE}`)).rows, matrix.data, (r) => [sourceOf(r.board_a), sourceOf(r.board_b)]);
	});

	it('/api/events: filters as the events page has them, keyset pages that add up to the whole list', async () => {
		const all = listEvents(db, {}).map(eventContractRow);
		const walked = await allPages('/api/events', 2000);
		expect(walked.data).toEqual(all);
		const filtered = listEvents(db, { board: 'artificial-analysis', kind: 'jump', minSeverity: 'medium', since: '2025-01-01' }).map(eventContractRow);
		expect(filtered.length).toBeGreaterThan(0);
		const body = await getJson('/api/events?board=artificial-analysis&kind=jump&severity=medium&since=2025-01-01&limit=10000');
		expect(body.data).toEqual(filtered);
		const csv = await getCsv('/api/events?board=artificial-analysis&kind=jump&severity=medium&since=2025-01-01');
		expectCsvMatchesJson(csv.rows, filtered, (r) => [sourceOf(r.board)]);
		const openai = listEvents(db, { organization: 'OpenAI' });
		expect((await getJson('/api/events?organization=openai&limit=10000')).data).toHaveLength(openai.length);
	});

	it('/api/mismatches, /api/identities, /api/sources/{id}/runs', async () => {
		const mismatches = listMismatches(db, {}).map(mismatchContractRow);
		const m = await getJson('/api/mismatches');
		expect(m.data).toEqual(mismatches);
		expectCsvMatchesJson((await getCsv('/api/mismatches')).rows, m.data, (r) => [
			...new Set([sourceOf((r.checkpoint as Json).board), sourceOf((r.release as Json).board)])
		]);

		const queue = identityList(db, { unresolved: true });
		const ids = await allPages('/api/identities?unresolved=1', 400);
		expect(ids.data.map((r) => `${r.source}|${r.name}`)).toEqual(queue.map((r) => `${r.source_id}|${r.raw_name}`));
		expect((await getCsv('/api/identities?unresolved=1')).rows.map((r) => r.name)).toEqual(queue.map((r) => cellOf(r.raw_name)));

		const runs = listRuns(db, 'livebench', { limit: 100_000 });
		const walked = await allPages('/api/sources/livebench/runs', 25);
		expect(walked.data.map((r) => r.id)).toEqual(runs.map((r) => r.id));
		expect(walked.data.map((r) => r.outcome)).toEqual(runs.map((r) => r.outcome));
		const csv = await getCsv('/api/sources/livebench/runs');
		expect(csv.rows.map((r) => Number(r.id))).toEqual(runs.map((r) => r.id));
		expect(csv.rows.every((r) => r.attribution === getSource('livebench')!.attribution)).toBe(true);
	});

	it('rankdrift export writes the same bytes as the HTTP download, for every dataset', async () => {
		const pairs: [string[], string][] = [
			[['boards', '--date', DATE], `/api/boards?date=${DATE}`],
			[['board', 'lmarena-text/coding', '--date', DATE, '--sort', 'votes'], `/api/boards/lmarena-text/coding?date=${DATE}&sort=votes`],
			[['board-history', 'livebench', '--from', '2025-01-01', '--top', '10'], '/api/boards/livebench/history?from=2025-01-01&top=10'],
			[['model', 'gpt-4o', '--board', 'lmarena-text'], '/api/models/gpt-4o?board=lmarena-text'],
			[['org', 'openai'], '/api/orgs/openai'],
			[['divergence', '--date', DATE], `/api/divergence?date=${DATE}`],
			[['agreement', '--from', '2025-01-01'], '/api/agreement?from=2025-01-01'],
			[['agreement-matrix', '--date', DATE], `/api/agreement/matrix?date=${DATE}`],
			[['events', '--kind', 'new-leader'], '/api/events?kind=new-leader'],
			[['mismatches', '--since', '2025-01-01'], '/api/mismatches?since=2025-01-01'],
			[['identities', '--unresolved'], '/api/identities?unresolved=1'],
			[['runs', 'lmarena-text'], '/api/sources/lmarena-text/runs']
		];
		for (const [args, path] of pairs) {
			const out = await cli(['export', ...args, '--db', rec.path]);
			expect(out.code, `${args.join(' ')}: ${out.stderr}`).toBe(0);
			const http = await getCsv(path);
			expect(out.stdout, args.join(' ')).toBe(http.text);
			expect(http.rows.length, args.join(' ')).toBeGreaterThan(0);
		}
	});

	it('is open to other origins (CORS) for GET, errors included, and answers the preflight', async () => {
		const ok = await get(`/api/events?limit=1`, { headers: { origin: 'https://notebook.example' } });
		expect(ok.headers.get('access-control-allow-origin')).toBe('*');
		expect(ok.headers.get('link')).toMatch(/^<\/api\/events\?limit=1&cursor=[^>]+>; rel="next"$/);
		const bad = await get(`/api/events?since=soon`, { headers: { origin: 'https://notebook.example' } });
		expect(bad.status).toBe(400);
		expect(bad.headers.get('access-control-allow-origin')).toBe('*');
		const pre = await get(`/api/boards/lmarena-text`, {
			method: 'OPTIONS',
			headers: { origin: 'https://notebook.example', 'access-control-request-method': 'GET' }
		});
		expect(pre.status).toBe(204);
		expect(pre.headers.get('access-control-allow-origin')).toBe('*');
		expect(pre.headers.get('access-control-allow-methods')).toContain('GET');
		const feed = await get(`/feed.xml`, { headers: { origin: 'https://reader.example' } });
		expect(feed.headers.get('access-control-allow-origin')).toBe('*');
		const csv = await get(`/api/events?format=csv&kind=jump`, { headers: { origin: 'https://notebook.example' } });
		expect(csv.headers.get('access-control-expose-headers')).toContain('content-disposition');
	});

	it('bad parameters are 400s and unknown things 404s, each a JSON body that says what was wrong', async () => {
		const cases: [string, number, RegExp][] = [
			['/api/boards?date=2025-02-30', 400, /date must be a real date/],
			['/api/boards/lmarena-text?date=yesterday', 400, /YYYY-MM-DD/],
			['/api/boards/lmarena-text?sort=height', 400, /sort must be one of/],
			['/api/boards/no-such-board', 404, /no board "no-such-board"/],
			['/api/boards/no-such-board/history', 404, /no board/],
			['/api/boards/lmarena-text/history?top=0', 400, /top must be a whole number/],
			['/api/boards/lmarena-text/history?from=2025-05-01&to=2025-01-01', 400, /is after/],
			['/api/boards/lmarena-text/history?cursor=not-a-cursor', 400, /cursor is not one this API gave out/],
			['/api/models/no-such-family', 404, /no model family/],
			['/api/orgs/no-such-org', 404, /no organization/],
			['/api/divergence?board=lmarena-text', 400, /at least two boards/],
			['/api/divergence?board=lmarena-text&board=nope', 400, /no board "nope"/],
			['/api/agreement?board=a&board=b&board=c', 400, /at most 2 times/],
			['/api/events?kind=earthquake', 400, /kind must be one of jump/],
			['/api/events?severity=extreme', 400, /severity must be one of low, medium, high/],
			['/api/events?limit=100000', 400, /limit must be a whole number from 1 to 10000/],
			['/api/events?date=2025-01-01&date=2025-01-02&since=2025-01-01&since=2025-02-01', 400, /since may be given once/],
			['/api/mismatches?kind=other', 400, /kind must be one of same-board/],
			['/api/identities?unresolved=perhaps', 400, /unresolved must be 1 or 0/],
			['/api/sources/no-such-source/runs', 404, /no source/],
			['/api/events?format=xlsx', 400, /format must be one of json, csv/],
			['/feed.xml?kind=earthquake', 400, /kind must be one of/],
			['/feed.xml?limit=1000', 400, /limit must be a whole number from 1 to 500/]
		];
		for (const [path, status, detail] of cases) {
			const res = await get(path);
			expect(res.status, path).toBe(status);
			const body = await res.json();
			expect(body.status, path).toBe(status);
			expect(`${body.message} ${body.detail ?? ''}`, path).toMatch(detail);
			expect(JSON.stringify(body), path).not.toMatch(/at .*\.(ts|js):\d+/);
		}
	});

	it('the findings feed carries the same findings as /api/findings, each story once, linking to its board and model as of its date', async () => {
		const res = await get(`/findings.xml?family=llama-4-maverick&limit=20`);
		expect(res.status).toBe(200);
		const $ = cheerio.load(await res.text(), { xml: true });
		const api = (await getJson('/api/findings?family=llama-4-maverick&limit=20')).data as { id: string; summary: string; date: string }[];
		expect(api.length).toBeGreaterThan(1);
		expect($('feed > entry > id').map((_, el) => $(el).text()).get()).toEqual(api.map((f) => `urn:rankdrift:finding:${f.id}`));
		expect($('feed > entry > title').map((_, el) => $(el).text()).get()).toEqual(api.map((f) => f.summary));
		expect($('feed > entry > link[rel="related"]').first().attr('href')).toBe(`${app.url}/models/llama-4-maverick?date=${api[0].date}`);
		expect((await get(`/findings.xml?kind=rumour`)).status).toBe(400);
	});

	it('the Atom feed lists the filtered events newest first, each linking to its board as of its date', async () => {
		const res = await get(`/feed.xml?board=livebench&kind=new-leader&limit=20`);
		expect(res.status).toBe(200);
		const $ = cheerio.load(await res.text(), { xml: true });
		const expected = listEvents(db, { board: 'livebench', kind: 'new-leader', limit: 20 });
		expect(expected.length).toBeGreaterThan(1);
		expect($('feed > entry > title').map((_, el) => $(el).text()).get()).toEqual(expected.map((e) => e.detail));
		expect($('feed > entry > id').map((_, el) => $(el).text()).get()).toEqual(expected.map((e) => `urn:rankdrift:event:${e.id}`));
		expect($('feed > entry > link[rel="alternate"]').first().attr('href')).toBe(`${app.url}/boards/livebench?date=${expected[0].date}`);
		expect($('feed > link[rel="self"]').attr('href')).toBe(`${app.url}/feed.xml?board=livebench&kind=new-leader`);
		expect($('feed > rights').text()).toContain(getSource('livebench')!.attribution);
		const byOrg = cheerio.load(await (await get(`/feed.xml?organization=openai&family=gpt-4o`)).text(), { xml: true });
		const orgEvents = listEvents(db, { organization: 'OpenAI', family: 'gpt-4o', limit: 50 });
		expect(byOrg('feed > entry').length).toBe(orgEvents.length);
		expect(byOrg('feed > entry > link[rel="related"]').first().attr('href')).toBe(`${app.url}/models/gpt-4o`);
	});
});
