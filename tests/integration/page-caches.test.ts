import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliProcess } from '../helpers/cli';
import { fixture } from '../helpers/paths';
import { recordedDbCopy } from '../helpers/recorded-db';
import type { Db } from '../../src/lib/server/db/connection';
import { acceptHeldSnapshot } from '../../src/lib/server/db/snapshots';
import { clearAnalysis } from '../../src/lib/server/db/analysis';
import { dataVersion, pageVersion } from '../../src/lib/server/db/versions';
import { finishRun, startRun } from '../../src/lib/server/db/runs';
import { latestSnapshotDate } from '../../src/lib/server/db/snapshots';
import { familyHistory, recentSnapshots } from '../../src/lib/server/db/history';
import { boardDashboard, DEFAULT_SHOWN_ROWS } from '../../src/lib/server/services/board-page';
import { clearAllCaches } from '../../src/lib/lru-cache';
import { familyHistoryCache, familyHistoryUpTo } from '../../src/lib/server/services/family-history';
import { comparePage } from '../../src/lib/server/services/dashboard-compare';
import { modelPage } from '../../src/lib/server/services/dashboard-model';
import { overview } from '../../src/lib/server/services/dashboard-overview';
import { setSourceEnabled } from '../../src/lib/server/db/source-state';
import { testContext } from '../helpers/context';
import { lmarenaText } from '../helpers/sources';
import { storeSnapshots } from '../../src/lib/server/ingest/ingest';
import { resolveStoredNames } from '../../src/lib/server/identity/service';
import { addDays } from '../../src/lib/dates';
import { ViewCache } from '../../src/lib/server/analysis/views';
import { saveResolutions, type ResolutionRow } from '../../src/lib/server/db/identity';
import type { SnapshotView } from '../../src/lib/analysis/types';

// Whole pages are cached until the data changes, and the server is not the only writer: an import
// from the CLI, in another process, must make the server's next page reflect it.

let rec: Awaited<ReturnType<typeof recordedDbCopy>>;
let db: Db;
const DATE = '2025-02-01';

beforeAll(async () => {
	rec = await recordedDbCopy();
	db = rec.db;
});

afterAll(() => rec?.cleanup());

const compare = () => comparePage(testContext(db), 'lmarena-text', 'livebench', DATE);
const model = () => modelPage(testContext(db), 'gpt-4o', { date: DATE, view: 'rank', scope: 'headline', with: null });

describe('page caches', () => {
	it("key a family's history on the snapshot in force for the date, not the date: another day of the same span is a hit", () => {
		// The recorded history has snapshots dated 2025-01-24 and 2025-01-28, none between.
		expect(latestSnapshotDate(db, '2025-01-27')).toBe('2025-01-24');
		expect(latestSnapshotDate(db, '2025-01-28')).toBe('2025-01-28');
		const page = (date: string) => modelPage(testContext(db), 'gpt-4o', { date, view: 'rank', scope: 'headline', with: null });
		const start = { ...familyHistoryCache };
		const first = page('2025-01-24');
		expect(familyHistoryCache.misses).toBe(start.misses + 1);
		const later = page('2025-01-27');
		expect(familyHistoryCache).toEqual({ hits: start.hits + 1, extended: start.extended, misses: start.misses + 1 });
		// What the page says about its own date still follows the date.
		expect(later.date).toBe('2025-01-27');
		expect(later.current.map((c) => c.asOf)).toEqual(first.current.map((c) => c.asOf));
		expect(later.current.map((c) => c.ageDays)).toEqual(first.current.map((c) => (c.ageDays === null ? null : c.ageDays + 3)));
		// The same rows the query reads for that day; the dataset (to=…) reads through the same cache.
		expect(familyHistoryUpTo(db, { family: 'gpt-4o', to: '2025-01-26' })).toEqual(familyHistory(db, { family: 'gpt-4o', to: '2025-01-26' }));
		expect(familyHistoryCache.misses).toBe(start.misses + 1);
		// The next snapshot's day is another span: made from the last history and that day's snapshots, read for it alone.
		page('2025-01-28');
		expect(familyHistoryCache).toMatchObject({ extended: start.extended + 1, misses: start.misses + 1 });
		expect(familyHistoryUpTo(db, { family: 'gpt-4o', to: '2025-01-28' })).toEqual(familyHistory(db, { family: 'gpt-4o', to: '2025-01-28' }));
		// Back to an earlier day: the snapshots after it leave the history.
		expect(familyHistoryUpTo(db, { family: 'gpt-4o', to: '2024-06-30' })).toEqual(familyHistory(db, { family: 'gpt-4o', to: '2024-06-30' }));
		expect(familyHistoryCache.misses).toBe(start.misses + 1);
	});

	it("cut a family's percentile chart at any date from the whole series, as computing it for that date alone does", () => {
		const pct = (date: string) => modelPage(testContext(db), 'gpt-4o', { date, view: 'pct', scope: 'headline', with: null }).percentile!;
		const dates = ['2025-01-27', '2025-04-15', '2025-08-12'];
		const alone = dates.map((d) => {
			clearAllCaches();
			return pct(d);
		});
		clearAllCaches();
		// The latest first: the earlier dates are cut from the series it computed.
		const cut = [...dates].reverse().map(pct).reverse();
		expect(cut).toEqual(alone);
		// Not vacuous: each later chart has more to say than the one before.
		const points = alone.map((p) => p.chart!.series[0].notes.length);
		expect(points[0]).toBeGreaterThan(0);
		expect(points[1]).toBeGreaterThan(points[0]);
		expect(points[2]).toBeGreaterThan(points[1]);
	});

	it("draw a board's top-N history from the rows kept of earlier views as it would from the whole window", () => {
		const dates = recentSnapshots(db, 'lmarena-text', '2025-06-30', 16).map((s) => s.as_of);
		const board = (date: string, top: number) =>
			boardDashboard(db, 'lmarena-text', { date, sort: 'rank', dir: 'asc', q: null, org: null, license: null, open: null, top, show: DEFAULT_SHOWN_ROWS })!.history;
		clearAllCaches();
		// One date after another, as a dashboard meets new snapshots, and back to an earlier one.
		const views = [...dates, dates[3]].flatMap((date) => [5, 10].map((top) => ({ date, top, history: board(date, top) })));
		for (const v of views) {
			clearAllCaches();
			const whole = board(v.date, v.top);
			expect(whole?.series.length, `${v.date} top ${v.top}`).toBe(v.top);
			expect(v.history, `${v.date} top ${v.top}`).toEqual(whole);
		}
	});

	it('serve the same page while nothing changes', () => {
		expect(model()).toBe(model());
		const a = compare();
		const b = compare();
		expect(b.rows).toBe(a.rows);
	});

	it('are invalidated by an import in another process, and by putting a held snapshot in force', { timeout: 60_000 }, async () => {
		const before = dataVersion(db);
		const shownBefore = compare();
		const modelBefore = model();
		const listed = () => overview(testContext(db), DATE).boards.find((b) => b.id === 'lmarena-text')!;
		const listedBefore = listed();
		// A 14-row board file dated 2025-02-01 next to boards of ~170 rows: stored, but held by the row-count rule.
		const r = await cliProcess(['import', 'lmarena-text', fixture('export'), '--db', rec.path]);
		expect(r.code, r.stderr).toBe(0);
		expect(r.stdout).toMatch(/held/);
		const afterImport = dataVersion(db);
		expect(afterImport).not.toBe(before);
		// Held: the pages are recomputed, and show what they showed; the overview's board list counts it.
		const listedHeld = listed();
		expect(listedHeld.held).toBeGreaterThan(listedBefore.held);
		expect(listedHeld).toEqual({ ...listedBefore, held: listedHeld.held });
		const modelAfter = model();
		expect(modelAfter).not.toBe(modelBefore);
		expect(modelAfter).toEqual(modelBefore);
		expect(compare().sides![0].asOf).toBe(shownBefore.sides![0].asOf);

		expect(acceptHeldSnapshot(db, 'lmarena-text', DATE, new Date())).not.toBeNull();
		expect(dataVersion(db)).not.toBe(afterImport);
		// The snapshot put in force takes the place of the one in force before: the family's history, made
		// from the last one, is what a whole read gives.
		const extended = familyHistoryCache.extended;
		const history = familyHistoryUpTo(db, { family: 'gpt-4o', to: DATE });
		expect(familyHistoryCache.extended).toBe(extended + 1);
		expect(history).toEqual(familyHistory(db, { family: 'gpt-4o', to: DATE }));
		expect(history.some((r) => r.board_id === 'lmarena-text' && r.as_of === DATE)).toBe(true);
		const shownAfter = compare();
		expect(shownAfter.sides![0].asOf).toBe(DATE);
		expect(shownAfter.sides![0].rows).toBe(14);
		expect(listed()).toMatchObject({ snapshots: listedBefore.snapshots + 1, held: listedHeld.held - 1, as_of: DATE, rows: 14 });
	});

	it("keep the overview's board counts until the data changes, but not its sources' health", () => {
		const version = dataVersion(db);
		const page = pageVersion(db);
		const status = () => overview(testContext(db), DATE).boards.find((b) => b.id === 'yupp')!.source_status;
		expect(status()).toBe('enabled');
		setSourceEnabled(db, 'yupp', false, new Date());
		try {
			expect(dataVersion(db)).toBe(version);
			expect(status()).toBe('disabled');
			// Rendered pages show it: they key on the health too.
			expect(pageVersion(db)).not.toBe(page);
		} finally {
			setSourceEnabled(db, 'yupp', true, new Date());
		}
	});

	it("move rendered pages' version, not the data's, with every scrape run that starts or ends", () => {
		const version = dataVersion(db);
		const before = pageVersion(db);
		const run = startRun(db, { sourceId: 'yupp', kind: 'scrape', origin: 'test', feed: null, startedAt: new Date() });
		const started = pageVersion(db);
		expect(started).not.toBe(before);
		finishRun(db, run, { outcome: 'failed', reason: 'test: connection refused', finishedAt: new Date() });
		expect(pageVersion(db)).not.toBe(started);
		expect(dataVersion(db)).toBe(version);
	});

	it("make a family's history whole once the names of a snapshot read before their resolution are resolved", () => {
		// A scrape stores its snapshots, then resolves their new names: a page read in between has no rows
		// for them, and the history made from that read must not stay without them.
		const latest = db.prepare("SELECT id, as_of FROM snapshots WHERE board_id = 'lmarena-text' AND status = 'active' ORDER BY as_of DESC LIMIT 1").get() as { id: number; as_of: string };
		const rows = db.prepare('SELECT model, score FROM entries WHERE snapshot_id = ? ORDER BY position').all(latest.id) as { model: string; score: number }[];
		const date = addDays(latest.as_of, 1);
		// Known as gpt-4o on WebDev, new to this board.
		const newcomer = 'gpt-4o-2024-11-20';
		expect(rows.some((r) => r.model === newcomer)).toBe(false);
		familyHistoryUpTo(db, { family: 'gpt-4o', to: date });
		const models = [...rows.map((r) => r.model), newcomer];
		const stored = storeSnapshots(db, lmarenaText, [
			{
				board: 'lmarena-text',
				publishedAsOf: date,
				feed: 'official-dataset',
				rankSemantics: 'ordinal',
				adjustment: null,
				methodVersion: null,
				warnings: [],
				rows: models.map((model, i) => ({ rowKey: model, rank: i + 1, model, score: 2000 - i }))
			}
		], { origin: 'test', fetchedAt: new Date(), fallbackDate: null, runId: null, payloadId: null });
		expect(stored.addedSnapshotIds).toHaveLength(1);
		const [added] = stored.addedSnapshotIds;
		const newcomerIn = (view: SnapshotView | null) => view!.entries.find((e) => e.name === newcomer)!;
		// The snapshot's view read before its names are resolved is not kept past them.
		expect(newcomerIn(new ViewCache(db).byId(added)).family).toBeNull();
		const unresolved = familyHistoryUpTo(db, { family: 'gpt-4o', to: date });
		expect(unresolved.filter((r) => r.as_of === date).map((r) => r.model)).not.toContain(newcomer);
		resolveStoredNames(db, new Date());
		const resolved = familyHistoryUpTo(db, { family: 'gpt-4o', to: date });
		expect(resolved.filter((r) => r.as_of === date).map((r) => r.model)).toContain(newcomer);
		expect(resolved).toEqual(familyHistory(db, { family: 'gpt-4o', to: date }));
		expect(newcomerIn(new ViewCache(db).byId(added)).family).toBe('gpt-4o');
	});

	it("keep snapshot views across new names' first resolutions, and not across a re-resolution that changes what a view shows", () => {
		const old = db.prepare("SELECT id FROM snapshots WHERE board_id = 'lmarena-text' AND status = 'active' AND as_of <= ? ORDER BY as_of DESC LIMIT 1").get(DATE) as { id: number };
		const view = new ViewCache(db).byId(old.id)!;
		const entry = view.entries.find((e) => e.family !== null && e.nameId !== null)!;
		// A name first resolved (as a scrape's new names are) leaves the old snapshot's view as it was.
		const name = db.prepare("INSERT INTO names (source_id, raw_name, first_seen) VALUES ('lmarena-text', 'view-cache-probe-model', ?) RETURNING id").get(DATE) as { id: number };
		resolveStoredNames(db, new Date());
		expect(db.prepare('SELECT 1 FROM name_resolutions WHERE name_id = ?').get(name.id)).toBeTruthy();
		expect(new ViewCache(db).byId(old.id)).toBe(view);
		// Only the organization of one of its names changes: the view is made again and shows it.
		const resolution = db.prepare('SELECT * FROM name_resolutions WHERE name_id = ?').get(entry.nameId) as Omit<ResolutionRow, 'resolved_at'>;
		saveResolutions(db, [{ ...resolution, organization: 'Probe Org' }], new Date());
		const again = new ViewCache(db).byId(old.id)!;
		expect(again).not.toBe(view);
		expect(again.entries.find((e) => e.nameId === entry.nameId)!.organization).toBe(
			db.prepare('SELECT organization FROM entries WHERE snapshot_id = ? AND name_id = ?').pluck().get(old.id, entry.nameId) ?? 'Probe Org'
		);
		saveResolutions(db, [resolution], new Date());
	});

	it('are invalidated when the analysis is cleared for a rebuild', () => {
		const before = dataVersion(db);
		const page = model();
		expect(page.events.length).toBeGreaterThan(0);
		clearAnalysis(db);
		expect(dataVersion(db)).not.toBe(before);
		expect(model()).not.toBe(page);
		expect(model().events).toEqual([]);
	});
});
