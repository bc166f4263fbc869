import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { createHttpClient } from '../../scrapers/http';
import { scrapeSource } from '../../src/lib/server/ingest/scrape';
import { backfillConfig, backfillTargets } from '../../src/lib/server/ingest/backfill';
import { worldOf } from '../../src/lib/catalogue';
import { sourceDefinitions } from '../../src/sources';
import { lmarenaImage, lmarenaText, lmarenaVision } from '../helpers/sources';
import type { SourceDefinition } from '../../src/lib/catalogue/contract';
import { entriesOf, listSnapshots, snapshotInForce } from '../../src/lib/server/db/snapshots';
import { divergenceReport } from '../../src/lib/server/analysis/reports';
import { afterSnapshotsAdded } from '../../src/lib/server/pipeline';
import { serveBytes, startRecordingServer, type RecordingServer } from '../helpers/recording-server';
import { tempDb, type TempDb } from '../helpers/temp-db';
import { testContext } from '../helpers/context';
import { config } from '../../src/lib/server/config';

// LMArena's official dataset as its parquet files are documented: one row per model, category and
// publish date (model_name, organization, license, rating, rating_lower, rating_upper, variance,
// vote_count, rank, category, leaderboard_publish_date). Written here, served over real HTTP.

interface Row {
	model: string;
	rating: number;
	rank: number;
	category: string;
	date: string;
}

function parquet(rows: Row[]): Uint8Array {
	const col = <T>(name: string, type: string, f: (r: Row) => T) => ({ name, type, data: rows.map(f) });
	const buffer = parquetWriteBuffer({
		columnData: [
			col('model_name', 'STRING', (r) => r.model),
			col('organization', 'STRING', (r) => (r.model.startsWith('gemini') ? 'Google' : 'Lab')),
			col('license', 'STRING', () => 'Proprietary'),
			col('rating', 'DOUBLE', (r) => r.rating),
			col('rating_lower', 'DOUBLE', (r) => r.rating - 6),
			col('rating_upper', 'DOUBLE', (r) => r.rating + 6),
			col('variance', 'DOUBLE', () => 9),
			col('vote_count', 'INT64', () => 12000n),
			col('rank', 'INT64', (r) => BigInt(r.rank)),
			col('category', 'STRING', (r) => r.category),
			col('leaderboard_publish_date', 'STRING', (r) => r.date)
		] as never
	});
	return new Uint8Array(buffer);
}

const REAL = ['gemini-2.5-pro', 'gpt-4o-2024-05-13', 'claude-3-opus-20240229', 'grok-4-0709', 'o3-2025-04-16', 'deepseek-r1', 'llama-3.1-405b-instruct', 'qwen3-235b-a22b', 'mistral-large-2407', 'claude-3-5-sonnet-20241022', 'gemini-1.5-pro-002', 'gpt-4.1-2025-04-14'];

/** A board of `n` models (`#` in the name is the row; REAL for real model keys) in each of the dataset's own category keys (`multi_turn`, `hard_prompts`). */
function board(date: string, name: string, n = 12, categories = ['overall', 'multi_turn', 'hard_prompts', 'instruction_following']): Row[] {
	return categories.flatMap((category) =>
		Array.from({ length: n }, (_, i) => ({ model: name === 'REAL' ? REAL[i] : name.replace('#', String(i)), rating: 1400 - 10 * i, rank: i + 1, category, date }))
	);
}

const only = (source: SourceDefinition, name: string): SourceDefinition => ({ ...source, endpoints: source.endpoints.filter((e) => e.name === name) });
const http = createHttpClient({ backoffMs: 5, timeoutMs: 2_000, maxRetryAfterMs: 1_000 });
const now = () => new Date('2026-09-10T10:00:00Z');
const file = (config: string, split: string) => `/datasets/lmarena-ai/leaderboard-dataset/resolve/main/${config}/${split}-00000-of-00001.parquet`;

let t: TempDb;
let server: RecordingServer;
let env: NodeJS.ProcessEnv;

beforeEach(async () => {
	t = tempDb();
	server = await startRecordingServer();
	env = {
		RANKDRIFT_URL_LMARENA_TEXT_DATASET: server.url + file('text', 'latest'),
		RANKDRIFT_URL_LMARENA_TEXT_DATASET_STYLE_CONTROL: server.url + file('text_style_control', 'latest'),
		RANKDRIFT_URL_LMARENA_VISION_DATASET: server.url + file('vision', 'latest'),
		RANKDRIFT_URL_LMARENA_IMAGE_DATASET: server.url + file('text_to_image', 'latest'),
		RANKDRIFT_URL_LMARENA_IMAGE_DATASET_EDIT: server.url + file('image_edit', 'latest'),
		RANKDRIFT_LMARENA_ROWS_URL: `${server.url}/rows?dataset=lmarena-ai%2Fleaderboard-dataset`
	};
});
afterEach(async () => {
	await server.close();
	t.cleanup();
});

describe("LMArena's official dataset", () => {
	it('reads a config in one parquet request, every category from the data under one board per category whatever its spelling', async () => {
		const type = 'application/vnd.apache.parquet';
		server.route(file('text', 'latest'), serveBytes(parquet(board('2026-09-08', 'm-#')), type));
		const [r] = await scrapeSource(t.db, only(lmarenaText, 'dataset'), { http, config: config(env), now });
		expect(r).toMatchObject({ outcome: 'added', httpStatus: 200 });
		expect(server.hits.size).toBe(1);
		expect(r.snapshots.map((s) => s.board).sort()).toEqual(['lmarena-text', 'lmarena-text/hard_6', 'lmarena-text/if', 'lmarena-text/multiturn']);
		const s = snapshotInForce(t.db, 'lmarena-text/multiturn', '2026-09-08')!;
		expect(s).toMatchObject({ as_of: '2026-09-08', feed: 'official-dataset', adjustment: 'none', rank_semantics: 'ub' });
		expect(entriesOf(t.db, s.id)[0]).toMatchObject({ model: 'm-0', rank: 1, votes: 12000, ci_lower: 1394, ci_upper: 1406 });
	});

	it('keeps the style-controlled config in its own series', async () => {
		server.route(file('text_style_control', 'latest'), serveBytes(parquet(board('2026-09-08', 'm-#', 12, ['overall', 'multi_turn'])), 'application/octet-stream'));
		const [r] = await scrapeSource(t.db, only(lmarenaText, 'dataset-style-control'), { http, config: config(env), now });
		expect(r.snapshots.map((s) => s.board).sort()).toEqual(['lmarena-text/style-control', 'lmarena-text/style-control/multiturn']);
		expect(listSnapshots(t.db, 'lmarena-text')).toEqual([]);
		expect(snapshotInForce(t.db, 'lmarena-text/style-control', '2026-09-08')!.adjustment).toBe('style-control');
	});

	it('falls back to the rows pages when the parquet file cannot be had, and says so', async () => {
		const rows = board('2026-09-08', 'm-#', 3, ['overall', 'multi_turn']).map((r, i) => ({
			row_idx: i,
			row: { model_name: r.model, rating: r.rating, rating_lower: r.rating - 6, rating_upper: r.rating + 6, vote_count: 100, rank: r.rank, category: r.category, leaderboard_publish_date: r.date }
		}));
		server.route('/rows', (req, res) => {
			const u = new URL(req.url!, 'http://x');
			const offset = Number(u.searchParams.get('offset'));
			expect(u.searchParams.get('config')).toBe('text');
			res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ rows: rows.slice(offset, offset + 100), num_rows_total: rows.length }));
		});
		const [r] = await scrapeSource(t.db, only(lmarenaText, 'dataset'), { http, config: config(env), now });
		expect(r.outcome).toBe('added');
		expect(r.snapshots.map((s) => s.board).sort()).toEqual(['lmarena-text', 'lmarena-text/multiturn']);
		const s = snapshotInForce(t.db, 'lmarena-text', '2026-09-08')!;
		expect(JSON.parse(s.warnings!)).toEqual([expect.stringMatching(/^read from the rows pages: the parquet file failed \(HTTP 404/)]);
	});

	it('does not trust a parquet file without the documented columns: the rows pages are tried, and when they fail too nothing is stored', async () => {
		const wrong = parquetWriteBuffer({ columnData: [{ name: 'name', data: ['a'], type: 'STRING' }] as never });
		server.route(file('text', 'latest'), serveBytes(new Uint8Array(wrong), 'application/octet-stream'));
		server.route('/rows', (_req, res) => res.writeHead(503).end('down'));
		const [r] = await scrapeSource(t.db, only(lmarenaText, 'dataset'), { http, config: config(env), now });
		expect(r.outcome).toBe('failed');
		expect(r.reason).toMatch(/503/);
		expect(listSnapshots(t.db, 'lmarena-text')).toEqual([]);
	});

	it('backfills the full split: one request, one snapshot per publish date and category, nothing twice', async () => {
		const history = [...board('2026-08-01', 'old-#'), ...board('2026-09-08', 'm-#')];
		server.route(file('text', 'full'), serveBytes(parquet(history), 'application/octet-stream'));
		const [target] = backfillTargets(sourceDefinitions, config(env), ['text']);
		expect(target.url).toBe(server.url + file('text', 'full'));
		const first = await backfillConfig(t.db, http, target, now());
		expect(first).toMatchObject({ outcome: 'added', dates: 2 });
		expect(first.snapshots.filter((s) => s.outcome === 'added')).toHaveLength(8);
		expect(listSnapshots(t.db, 'lmarena-text').map((s) => s.as_of).sort()).toEqual(['2026-08-01', '2026-09-08']);
		afterSnapshotsAdded(testContext(t.db, { now: now() }), first.addedSnapshotIds);
		const again = await backfillConfig(t.db, http, target, now());
		expect(again.snapshots.every((s) => s.outcome === 'unchanged')).toBe(true);
		expect(server.hits.get(file('text', 'full'))).toBe(2);
	});

	it('gives each arena its boards, and never compares image generators with language models', async () => {
		server.route(file('vision', 'latest'), serveBytes(parquet(board('2026-09-08', 'REAL', 12, ['overall', 'ocr'])), 'application/octet-stream'));
		server.route(file('text_to_image', 'latest'), serveBytes(parquet(board('2026-09-08', 'img-#', 12, ['overall'])), 'application/octet-stream'));
		server.route(file('image_edit', 'latest'), serveBytes(parquet(board('2026-09-08', 'edit-#', 12, ['overall'])), 'application/octet-stream'));
		server.route(file('text', 'latest'), serveBytes(parquet(board('2026-09-08', 'REAL', 12, ['overall'])), 'application/octet-stream'));
		await scrapeSource(t.db, only(lmarenaText, 'dataset'), { http, config: config(env), now });
		const [vision] = await scrapeSource(t.db, only(lmarenaVision, 'dataset'), { http, config: config(env), now });
		expect(vision.snapshots.map((s) => s.board).sort()).toEqual(['lmarena-vision', 'lmarena-vision/ocr']);
		const image = await scrapeSource(t.db, { ...lmarenaImage, endpoints: lmarenaImage.endpoints.filter((e) => e.name.startsWith('dataset')) }, { http, config: config(env), now });
		expect(image.flatMap((r) => r.snapshots.map((s) => s.board)).sort()).toEqual(['lmarena-image', 'lmarena-image/edit']);

		expect([worldOf('lmarena-vision'), worldOf('lmarena-image/edit'), worldOf('lmarena-video')]).toEqual(['llm', 'image', 'video']);
		// The same model on the text and vision arenas is one release, compared like any two boards.
		afterSnapshotsAdded(testContext(t.db, { now: now() }), []);
		const pair = divergenceReport(t.db, { date: '2026-09-08', boards: ['lmarena-text', 'lmarena-vision'], staleDays: 45 });
		expect(pair.rows.length).toBeGreaterThanOrEqual(10);
		expect(pair.rows.find((r) => r.names['lmarena-text'] === 'grok-4-0709')).toMatchObject({ family: 'grok-4', names: { 'lmarena-vision': 'grok-4-0709' } });
		expect(() => divergenceReport(t.db, { date: '2026-09-08', boards: ['lmarena-text', 'lmarena-image'], staleDays: 45 })).toThrow(
			/cannot be compared: lmarena-text ranks language models; lmarena-image ranks image generators/
		);
	});
});
