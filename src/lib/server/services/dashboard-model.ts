import type { Db } from '../db/connection';
import { boardDates, listEvents, listMismatches, type EventRow, type MismatchRow } from '../db/analysis';
import { familyNames, type HistoryRow, type NameSeen } from '../db/history';
import { familyHistoryUpTo } from './family-history';
import { familyLabels } from '../db/identity';
import { dataVersion } from '../db/versions';
import { LruCache } from '../../lru-cache';
import { snapshotInForce } from '../db/snapshots';
import { familyExists, familyFirstSeen, familyOrganization } from '../db/dashboard-queries';
import { headlineBoards } from '../analysis/analyze';
import { InForceWalk } from '../analysis/views';
import { crosswalkInfo } from '../identity/service';
import { commonSet, pctInterval, rankOneInCommonSet } from '../../analysis/common-set';
import { percentile, round } from '../../analysis/ranking';
import type { SnapshotView } from '../../analysis/types';
import type { LineChartData, Marker, Series, SeriesPoint } from '../../components/charts/types';
import { packChart, type PackedLineChartData } from '../../components/charts/packed';
import { chartAnnotations } from './chart-annotations';
import { spreadOverTime, type SpreadOverTime } from '../../analysis/spread-over-time';
import { NotFoundError } from '../errors';
import { listFindings } from '../analysis/findings';
import type { Finding } from '../../analysis/findings';
import { boardColour, boardDash } from '../../components/charts/palette';
import { primaryBoards } from '../../catalogue';
import { freshness, isStale } from '../../analysis/freshness';
import { staleDaysOf, type AppContext } from '../context';

export type ModelChartView = 'rank' | 'pct';
export type ModelBoardScope = 'headline' | 'all';

export interface ModelQuery {
	date: string;
	view: ModelChartView;
	scope: ModelBoardScope;
	/** Boards whose common set the percentile view uses; null = the default pair. */
	with: string[] | null;
}

export interface CurrentPosition {
	board: string;
	headline: boolean;
	/** The snapshot in force at the page's date. */
	asOf: string | null;
	ageDays: number | null;
	stale: boolean;
	rows: number | null;
	/** The family's best row in that snapshot (null when it is not listed there). */
	name: string | null;
	rank: number | null;
	rankLower: number | null;
	rankUpper: number | null;
	score: number | null;
	/** How many rows of the family the snapshot lists (releases, settings). */
	entries: number;
	lastSeen: string;
}

export interface PercentileInfo {
	/** Boards whose common set is used, in board order. */
	boards: string[];
	/** Headline boards listing the model, to pick from. */
	candidates: string[];
	/** Dates where all chosen boards were fresh and listed the model but the common set did not contain it. */
	unmatchedDates: number;
	chart: PackedLineChartData | null;
}

export interface RankSpreadInfo {
	chart: PackedLineChartData;
	latest: SpreadOverTime;
	widest: SpreadOverTime;
}

/** Not a board's colour (those are taken site-wide): the spread is the boards' disagreement, not one of them. */
const SPREAD_COLOUR = '#6a3d9a';

function spreadChart(spread: SpreadOverTime[], until: string): LineChartData {
	const where = (p: SpreadOverTime['best']) => `#${p.rank} on ${p.board}`;
	const note = (p: SpreadOverTime) => `best ${where(p.best)}, worst ${where(p.worst)}: ${p.worst.rank - p.best.rank} places across ${p.boards} boards`;
	return {
		series: [
			{ key: 'range', label: 'best to worst', colour: SPREAD_COLOUR, kind: 'gap', points: spread.map((p) => ({ date: p.date, y: null, lo: p.best.rank, hi: p.worst.rank, note: note(p) })) },
			{ key: 'best', label: 'best board', colour: SPREAD_COLOUR, points: spread.map((p) => ({ date: p.date, y: p.best.rank, lo: null, hi: null, note: where(p.best) })) },
			{ key: 'worst', label: 'worst board', colour: SPREAD_COLOUR, dash: [5, 3], points: spread.map((p) => ({ date: p.date, y: p.worst.rank, lo: null, hi: null, note: where(p.worst) })) }
		],
		markers: [],
		scale: 'rank',
		yTitle: 'rank on the board (1 = top)',
		until
	};
}

export interface ModelPageData {
	family: string;
	label: string;
	organization: string | null;
	date: string;
	query: ModelQuery;
	headline: string[];
	current: CurrentPosition[];
	/** Boards drawn on the rank chart. */
	shownBoards: string[];
	rankChart: PackedLineChartData | null;
	/** How far apart the fresh headline boards placed the family, date by date; null when fewer than two ever did at once. */
	spread: RankSpreadInfo | null;
	percentile: PercentileInfo | null;
	/** Every name seen up to the page's date. */
	names: (NameSeen & { variantList: string[] })[];
	/** When no board had listed the family by the page's date, the date one first did (the page points there); otherwise null. */
	firstSeen: string | null;
	events: EventRow[];
	mismatches: MismatchRow[];
	/** Per board, the widest gap between a checkpoint and the public release listed beside it. */
	widestGaps: CheckpointGap[];
	card: ReportCard;
	labels: Record<string, string>;
}

export interface ReportCard {
	best: { board: string; rank: number; rows: number | null } | null;
	worst: { board: string; rank: number; rows: number | null } | null;
	/** Fresh headline boards that list the model. */
	boards: number;
	checkpoint: CheckpointGap | null;
	lastFinding: Finding | null;
}

type BoardStyle = Pick<Series, 'colour' | 'dash'>;

/** Best row first: rank, then the board's own order. */
function bestRow(rows: HistoryRow[]): HistoryRow {
	return rows.reduce((a, b) => (b.rank < a.rank ? b : a));
}

function groupBy<T, K>(items: T[], key: (t: T) => K): Map<K, T[]> {
	const out = new Map<K, T[]>();
	for (const it of items) {
		const list = out.get(key(it));
		if (list) list.push(it);
		else out.set(key(it), [it]);
	}
	return out;
}

/** Headline boards first (in the catalogue's order), then the others alphabetically: each board's colour follows. */
function boardOrder(boards: string[], headline: string[]): string[] {
	return [...headline.filter((b) => boards.includes(b)), ...boards.filter((b) => !headline.includes(b)).sort()];
}

/** The best of `rows` at each of the board's dates from its first to its last listing, with gaps where a snapshot did not list it. */
function rankPoints(rows: HistoryRow[], dates: string[]): SeriesPoint[] {
	const bySnapshot = groupBy(rows, (r) => r.as_of);
	const first = rows[0]?.as_of;
	const last = rows[rows.length - 1]?.as_of;
	return dates
		.filter((d) => first && d >= first && d <= last!)
		.map((d) => {
			const list = bySnapshot.get(d);
			if (!list) return { date: d, y: null, lo: null, hi: null, note: 'not listed' };
			const r = bestRow(list);
			const interval = r.rank_lower !== null && r.rank_upper !== null ? ` (interval ${r.rank_lower}–${r.rank_upper})` : '';
			return { date: d, y: r.rank, lo: r.rank_lower, hi: r.rank_upper, note: `${r.model}: #${r.rank} of ${r.row_count}${interval}` };
		});
}

/** Where a board ranked a pre-release checkpoint and the public release on the same snapshot. */
export interface CheckpointGap {
	board: string;
	date: string;
	checkpoint: string;
	checkpointRank: number;
	release: string;
	releaseRank: number;
}

const CHECKPOINT_DASH = [5, 4];
const checkpointKey = (board: string) => `${board} (checkpoint)`;

/** Every date where a board listed both a checkpoint and a public release of the family: the checkpoint's best row against the release's. */
function checkpointGaps(board: string, publics: HistoryRow[], checkpoints: HistoryRow[]): CheckpointGap[] {
	const pubByDate = groupBy(publics, (r) => r.as_of);
	return [...groupBy(checkpoints, (r) => r.as_of)].flatMap(([date, list]) => {
		const pub = pubByDate.get(date);
		if (!pub) return [];
		const [c, p] = [bestRow(list), bestRow(pub)];
		return [{ board, date, checkpoint: c.model, checkpointRank: c.rank, release: p.model, releaseRank: p.rank }];
	});
}

/**
 * The family's best rank on each board at each snapshot. Where a board listed a pre-release checkpoint
 * beside the public release, each is its own line (the checkpoint dashed) and the area between them is
 * shaded: one "best row" line would zig-zag between the two as feeds list or drop the checkpoint.
 */
function rankSeries(db: Db, history: HistoryRow[], boards: string[], style: (b: string) => BoardStyle, date: string): { series: Series[]; gaps: CheckpointGap[] } {
	const byBoard = groupBy(history, (r) => r.board_id);
	const gaps: CheckpointGap[] = [];
	const series = boards.flatMap((board): Series[] => {
		const rows = byBoard.get(board) ?? [];
		const dates = boardDates(db, board).filter((d) => d <= date);
		const checkpoints = rows.filter((r) => r.release_kind === 'checkpoint');
		const publics = rows.filter((r) => r.release_kind !== 'checkpoint');
		if (!checkpoints.length || !publics.length) return [{ key: board, label: board, ...style(board), points: rankPoints(rows, dates) }];
		const both = checkpointGaps(board, publics, checkpoints);
		gaps.push(...both);
		const byDate = new Map(both.map((g) => [g.date, g]));
		return [
			{ key: board, label: `${board} (public)`, ...style(board), points: rankPoints(publics, dates) },
			{ key: checkpointKey(board), label: checkpointKey(board), ...style(board), dash: CHECKPOINT_DASH, points: rankPoints(checkpoints, dates) },
			{
				key: `${board} (gap)`,
				label: `${board}: checkpoint vs public`,
				...style(board),
				kind: 'gap',
				points: dates
					.filter((d) => d >= both[0]?.date && d <= both[both.length - 1]?.date)
					.map((d) => {
						const g = byDate.get(d);
						return g
							? { date: d, y: null, lo: g.checkpointRank, hi: g.releaseRank, note: `checkpoint ${g.checkpoint} #${g.checkpointRank} vs public ${g.release} #${g.releaseRank}` }
							: { date: d, y: null, lo: null, hi: null, note: '' };
					})
			}
		];
	});
	return { series, gaps };
}

/** Where a marker sits on a series: the series' value at the latest point on or before the date. */
function valueAt(series: Series | undefined, date: string): number | null {
	if (!series) return null;
	let v: number | null = null;
	for (const p of series.points) {
		if (p.date > date) break;
		if (p.y !== null) v = p.y;
	}
	return v;
}

/** Findings on the chart, each on its lead board (a variant mismatch on the checkpoint's line where it has one). */
function markers(series: Series[], findings: Finding[], byRank: boolean): Marker[] {
	const bySeries = new Map(series.map((s) => [s.key, s]));
	return findings.flatMap((f): Marker[] => {
		const board = f.boards.find((b) => bySeries.has(b) || bySeries.has(checkpointKey(b)));
		if (!board) return [];
		const key = f.kind === 'mismatch' && bySeries.has(checkpointKey(board)) ? checkpointKey(board) : board;
		const y = byRank ? (f.to_rank ?? f.from_rank ?? valueAt(bySeries.get(key), f.date)) : valueAt(bySeries.get(key), f.date);
		if (y === null) return [];
		return [{ series: key, date: f.date, y, kind: f.kind === 'mismatch' ? 'mismatch' : 'finding', label: `${f.kind} (${f.severity}): ${f.summary}` }];
	});
}

export interface PercentilePoint {
	/** The matched model standing for the family: its common-set percentile per board, with interval. */
	pct: Record<string, number>;
	interval: Record<string, [number, number] | null>;
	names: Record<string, string>;
	ranks: Record<string, number>;
	n: number;
}

/**
 * The family's common-set percentile among `views` (every board's order re-ranked inside the models
 * all of them list; ties share the mean rank; percentile = (rank − 0.5) / |S|, as the divergence
 * analysis computes it). When the family matches several times (one per release), its best
 * showing (lowest mean percentile) stands for it. Null when the common set does not contain it.
 */
export function familyPercentile(views: SnapshotView[], family: string): PercentilePoint | null {
	const matched = commonSet(views);
	const n = matched.length;
	const candidates = matched.flatMap((m, i) => (m.family === family ? [{ i, ...rankOneInCommonSet(views, matched, i) }] : []));
	if (candidates.length === 0) return null;
	const mean = (c: (typeof candidates)[number]) => c.ranks.reduce((s, r) => s + r, 0);
	const { i, ranks, intervals } = candidates.reduce((a, b) => (mean(b) < mean(a) ? b : a));
	const pick = <T>(f: (b: number) => T) => Object.fromEntries(views.map((v, b) => [v.board, f(b)]));
	return {
		pct: pick((b) => round(percentile(ranks[b], n))),
		interval: pick((b) => {
			if (!intervals[b]) return null;
			const [lo, hi] = pctInterval(intervals[b], ranks[b], n);
			return [round(lo), round(hi)] as [number, number];
		}),
		names: pick((b) => matched[i].entries[b].name),
		ranks: pick((b) => ranks[b]),
		n
	};
}

/** A family's percentile lines from its first listing to the boards' latest snapshot, and the dates the common set left it out. */
interface PercentileSeries {
	series: Series[];
	unmatched: string[];
}

function percentileSeries(db: Db, family: string, boards: string[], first: string, staleDays: number, style: (b: string) => BoardStyle): PercentileSeries {
	const walks = boards.map((b) => new InForceWalk(db, b));
	const dates = [...new Set(walks.flatMap((w) => w.dates))].filter((d) => d >= first).sort();
	const series: Series[] = boards.map((b) => ({ key: b, label: b, ...style(b), points: [] }));
	const unmatched: string[] = [];
	// A date with no percentile breaks the lines (once), so no line is drawn across a gap.
	const gap = (d: string) => {
		for (const s of series) if (s.points.length && s.points[s.points.length - 1].y !== null) s.points.push({ date: d, y: null, lo: null, hi: null, note: 'no common-set percentile' });
	};
	for (const d of dates) {
		const views = walks.map((w) => w.at(d));
		if (views.some((v) => !v || isStale(v.asOf, d, staleDays) || !v.entries.some((e) => e.family === family))) {
			gap(d);
			continue;
		}
		const p = familyPercentile(views as SnapshotView[], family);
		if (!p) {
			unmatched.push(d);
			gap(d);
			continue;
		}
		boards.forEach((b, k) => {
			const iv = p.interval[b];
			series[k].points.push({
				date: d,
				y: p.pct[b],
				lo: iv ? iv[0] : null,
				hi: iv ? iv[1] : null,
				note: `${p.names[b]}: common-set rank ${p.ranks[b]} of ${p.n}, percentile ${Math.round(p.pct[b] * 100)}% (snapshot ${views[k]!.asOf})`
			});
		});
	}
	return { series, unmatched };
}

// Every point depends only on the snapshots in force at its own date, so the chart as of any date is a
// cut of the whole series: stepping through dates (or several readers at different dates) computes it
// once per data version. At the scale set one series walks ~1,500 snapshots of 2,000 rows.
const seriesCache = new LruCache<string, PercentileSeries>(8);

function percentileChart(
	db: Db,
	family: string,
	boards: string[],
	history: HistoryRow[],
	date: string,
	staleDays: number,
	style: (b: string) => BoardStyle
): { chart: LineChartData; unmatchedDates: number } {
	const listed = history.filter((r) => boards.includes(r.board_id));
	const first = listed.reduce<string | null>((m, r) => (m === null || r.as_of < m ? r.as_of : m), null);
	let whole: PercentileSeries = { series: boards.map((b) => ({ key: b, label: b, ...style(b), points: [] })), unmatched: [] };
	if (first !== null) {
		const key = JSON.stringify([dataVersion(db), family, boards, first, staleDays]);
		const cached = seriesCache.get(key);
		whole = cached ?? percentileSeries(db, family, boards, first, staleDays, style);
		if (!cached) seriesCache.set(key, whole);
	}
	const series = whole.series.map((s) => ({ ...s, points: s.points.filter((p) => p.date <= date) }));
	const unmatchedDates = whole.unmatched.filter((d) => d <= date).length;
	return { chart: { series, markers: [], scale: 'pct', yTitle: 'common-set percentile (top = 0%)', until: date }, unmatchedDates };
}

// A family's whole history is the costliest read of the dashboard (every row of it on every board):
// the page is kept until any data or analysis changes.
const pages = new LruCache<string, ModelPageData>(16);

/** Everything the model page shows, as of `query.date`. Throws NotFoundError for an unknown family. */
export function modelPage(ctx: AppContext, family: string, query: ModelQuery): ModelPageData {
	const { db } = ctx;
	const staleDays = staleDaysOf(ctx);
	if (!familyExists(db, family)) throw new NotFoundError(`no model family "${family.slice(0, 100)}" in this database`);
	const key = JSON.stringify([dataVersion(db), family, query, staleDays]);
	let page = pages.get(key);
	if (!page) pages.set(key, (page = buildModelPage(db, family, query, staleDays)));
	return page;
}

function buildModelPage(db: Db, family: string, query: ModelQuery, staleDays: number): ModelPageData {
	const info = crosswalkInfo().families.find((f) => f.id === family);
	const labels = familyLabels(db);
	const headline = headlineBoards(db);
	const history = familyHistoryUpTo(db, { family, to: query.date });
	const seen = boardOrder([...new Set(history.map((r) => r.board_id))], headline);
	const primary = new Set(primaryBoards());
	const style = (b: string): BoardStyle => ({ colour: boardColour(b, primary.has(b)), dash: boardDash(b, primary.has(b)) });

	const current: CurrentPosition[] = seen.map((board) => {
		const rows = history.filter((r) => r.board_id === board);
		const snap = snapshotInForce(db, board, query.date);
		const inSnap = snap ? rows.filter((r) => r.snapshot_id === snap.id) : [];
		const best = inSnap.length ? bestRow(inSnap) : null;
		const { ageDays, stale } = freshness(snap?.as_of ?? null, query.date, staleDays);
		return {
			board,
			headline: headline.includes(board),
			asOf: snap?.as_of ?? null,
			ageDays,
			stale,
			rows: snap?.row_count ?? null,
			name: best?.model ?? null,
			rank: best?.rank ?? null,
			rankLower: best?.rank_lower ?? null,
			rankUpper: best?.rank_upper ?? null,
			score: best?.score ?? null,
			entries: inSnap.length,
			lastSeen: rows[rows.length - 1].as_of
		};
	});

	const events = listEvents(db, { family, until: query.date, limit: 200 });
	const mismatches = listMismatches(db, { family, until: query.date });
	const findings = listFindings(db, { family, until: query.date });

	const headlineSeen = seen.filter((b) => headline.includes(b));
	const shownBoards = query.scope === 'all' || headlineSeen.length === 0 ? seen : headlineSeen;
	let rankChart: PackedLineChartData | null = null;
	let pct: PercentileInfo | null = null;
	const { series, gaps } = rankSeries(db, history, shownBoards, style, query.date);
	const overTime = spreadOverTime(
		new Map(series.filter((s) => headlineSeen.includes(s.key)).map((s) => [s.key, s.points.map((p) => ({ date: p.date, rank: p.y }))])),
		staleDays
	);
	const spread: RankSpreadInfo | null = overTime.length
		? {
				chart: packChart(spreadChart(overTime, query.date)),
				latest: overTime[overTime.length - 1],
				widest: overTime.reduce((w, p) => (p.worst.rank - p.best.rank > w.worst.rank - w.best.rank ? p : w))
			}
		: null;
	if (query.view === 'rank' && shownBoards.length)
		rankChart = packChart({
			series,
			markers: markers(series, findings, true),
			annotations: chartAnnotations(db, shownBoards, query.date),
			scale: 'rank',
			yTitle: 'rank on the board (1 = top)',
			until: query.date
		});
	if (query.view === 'pct') {
		// Default pair: the two headline boards that listed the model on the most dates.
		const dateCount = (b: string) => new Set(history.filter((r) => r.board_id === b).map((r) => r.as_of)).size;
		const byCoverage = [...headlineSeen].sort((a, b) => dateCount(b) - dateCount(a));
		const chosen = (query.with ?? byCoverage.slice(0, 2)).filter((b) => headlineSeen.includes(b));
		const boards = headlineSeen.filter((b) => chosen.includes(b));
		pct = { boards, candidates: headlineSeen, unmatchedDates: 0, chart: null };
		if (boards.length >= 2) {
			const { chart, unmatchedDates } = percentileChart(db, family, boards, history, query.date, staleDays, style);
			chart.markers = markers(chart.series, findings, false);
			chart.annotations = chartAnnotations(db, boards, query.date);
			pct.chart = packChart(chart);
			pct.unmatchedDates = unmatchedDates;
		}
	}

	const names = familyNames(db, family, query.date).map((n) => ({ ...n, variantList: JSON.parse(n.variants || '[]') as string[] }));
	return {
		family,
		label: labels.get(family) ?? info?.name ?? family,
		organization: info?.organization ?? familyOrganization(db, family),
		date: query.date,
		query,
		headline,
		current,
		shownBoards,
		rankChart,
		spread,
		percentile: pct,
		names,
		firstSeen: names.length ? null : familyFirstSeen(db, family),
		events,
		mismatches,
		widestGaps: widestPerBoard(gaps),
		card: reportCard(current, findings, gaps),
		labels: Object.fromEntries(labels)
	};
}

/** Each board's widest checkpoint-vs-release gap: what the chart's shaded area is about, said in words. */
function widestPerBoard(gaps: CheckpointGap[]): CheckpointGap[] {
	const widest = new Map<string, CheckpointGap>();
	for (const g of gaps) {
		const w = widest.get(g.board);
		if (!w || g.releaseRank - g.checkpointRank > w.releaseRank - w.checkpointRank) widest.set(g.board, g);
	}
	return [...widest.values()];
}

/** The page in one line: best and worst fresh board, the spread between them, the checkpoint story, the latest medium or high finding. */
function reportCard(current: CurrentPosition[], findings: Finding[], gaps: CheckpointGap[]): ReportCard {
	const listed = current.filter((c) => c.headline && !c.stale && c.rank !== null);
	const byRank = [...listed].sort((a, b) => a.rank! - b.rank!);
	const best = byRank[0] ?? null;
	const worst = byRank[byRank.length - 1] ?? null;
	return {
		best: best && { board: best.board, rank: best.rank!, rows: best.rows },
		worst: worst && worst !== best ? { board: worst.board, rank: worst.rank!, rows: worst.rows } : null,
		boards: listed.length,
		checkpoint: widestPerBoard(gaps).sort((a, b) => b.releaseRank - b.checkpointRank - (a.releaseRank - a.checkpointRank))[0] ?? null,
		lastFinding: findings.find((f) => f.severity !== 'low') ?? null
	};
}
