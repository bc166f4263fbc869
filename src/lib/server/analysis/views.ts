import type { Db } from '../db/connection';
import { activeSnapshotIds, resolvedNames, viewEntryTuples, type ResolvedNameRow } from '../db/analysis';
import { getSnapshot, snapshotInForce, type SnapshotRow } from '../db/snapshots';
import { identityScope } from '../db/versions';
import { LruCache } from '../../lru-cache';
import { countAbove } from '../../sorted-counts';
import type { AnalysisEntry, SnapshotView } from '../../analysis/types';
import { withUncertainty } from '../../analysis/uncertainty';
import { uncertaintyRuleOf } from '../../catalogue';

/** Variant tags that say how a release was run (each its own row on a board); the others label the release. */
const RUN_SETTING = /^(thinking|no-thinking|effort:|precision:)/;

/** Splits a resolution's variant tags; Aider's edit format says how the benchmark was driven, not the model, and is dropped. */
export function splitVariants(variants: string[]): { labelTags: string[]; configTags: string[] } {
	const own = variants.filter((v) => !v.startsWith('edit:'));
	return { labelTags: own.filter((v) => !RUN_SETTING.test(v)), configTags: own.filter((v) => RUN_SETTING.test(v)) };
}

/** What a stored name contributes to every row that shows it, shared by all those rows. */
type NameFacts = Pick<AnalysisEntry, 'name' | 'family' | 'release' | 'releaseKind' | 'labelTags' | 'configTags' | 'organization'>;

const NO_TAGS = { labelTags: [], configTags: [] };

function factsOf(r: ResolvedNameRow): NameFacts {
	const tags = !r.variants || r.variants === '[]' ? NO_TAGS : splitVariants(JSON.parse(r.variants) as string[]);
	return { name: r.raw_name, family: r.family, release: r.release, releaseKind: r.release_kind, ...tags, organization: r.organization };
}

/**
 * Resolved names' facts by database and identity epoch: a resolved name's facts change only with a
 * re-resolution or a decision, which moves the epoch. A name not resolved yet is read again each time
 * (`pending`): its first resolution, which a new name gets after its snapshot is stored, does not.
 */
const namesByScope = new LruCache<string, Map<number, NameFacts>>(4);

function nameFacts(db: Db, scope: string, ids: (number | null)[]): { known: Map<number, NameFacts>; pending: Map<number, NameFacts> | null } {
	let known = namesByScope.get(scope);
	if (!known) namesByScope.set(scope, (known = new Map()));
	const missing = [...new Set(ids.filter((id): id is number => id !== null && !known.has(id)))];
	let pending: Map<number, NameFacts> | null = null;
	if (missing.length)
		for (const r of resolvedNames(db, missing)) {
			if (r.resolved) known.set(r.name_id, factsOf(r));
			else (pending ??= new Map()).set(r.name_id, factsOf(r));
		}
	return { known, pending };
}

const UNNAMED: Omit<NameFacts, 'name'> = { family: null, release: null, releaseKind: null, ...NO_TAGS, organization: null };

/** A snapshot's view; `complete` when every name in it was resolved (only then may it be kept by the epoch). */
function toView(db: Db, scope: string, s: SnapshotRow): { view: SnapshotView; complete: boolean } {
	const rows = viewEntryTuples(db, s.id);
	const { known, pending } = nameFacts(db, scope, rows.map((r) => r[0]));
	const stored = rows.map(([nameId, model, organization, rank, rankLower, rankUpper, score, ciLower, ciUpper, position]): AnalysisEntry => {
		const n = (nameId !== null && (known.get(nameId) ?? pending?.get(nameId))) || { ...UNNAMED, name: model ?? '' };
		return {
			name: n.name,
			family: n.family,
			release: n.release,
			releaseKind: n.releaseKind,
			labelTags: n.labelTags,
			configTags: n.configTags,
			organization: organization ?? n.organization,
			rank,
			rankLower,
			rankUpper,
			score,
			ciLower,
			ciUpper,
			position,
			nameId
		};
	});
	const { entries, source } = withUncertainty(stored, uncertaintyRuleOf(s.board_id));
	const view: SnapshotView = {
		id: s.id,
		board: s.board_id,
		asOf: s.as_of,
		feed: s.feed,
		rankSemantics: s.rank_semantics,
		adjustment: s.adjustment,
		methodVersion: s.method_version,
		uncertaintySource: source,
		entries
	};
	return { view, complete: pending === null };
}

/**
 * Views recently used by any page or pass of this process, by snapshot id and identity epoch. A pass
 * over a day's snapshots reads about five of each board's latest (the step, the noise window, the
 * partners in force): 40 views made a pass at the scale set (20 boards × 2,000 rows) load again half
 * of those it had loaded before; held to 200,000 rows (35 MB measured), the few views of large boards are kept.
 */
const recent = new LruCache<string, SnapshotView>(120, { weigh: (v) => v.entries.length, maxWeight: 200_000 });

/**
 * A snapshot's view from the shared cache, or built (and shared when all its names are resolved, unless
 * `share` is false); null for no such snapshot.
 */
function loadView(db: Db, scope: string, id: number, share = true): { view: SnapshotView; shared: boolean } | null {
	const key = `${id}|${scope}`;
	const shared = recent.get(key);
	if (shared) return { view: shared, shared: true };
	const s = getSnapshot(db, id);
	if (!s) return null;
	const built = toView(db, scope, s);
	if (built.complete && share) recent.set(key, built.view);
	return { view: built.view, shared: built.complete };
}

/**
 * Snapshot views, loaded once each. A snapshot's rows never change once stored; what they resolve to
 * can, so views are shared across requests under the identity epoch — once all their names are
 * resolved: a new model name resolved for the latest snapshot leaves every older view as it was (the
 * analysis pass after each scrape reloaded all the views it compares) — and within one pass (a
 * request, an analysis run) kept whatever the shared cache drops.
 */
export class ViewCache {
	/** Each view this pass used, and whether it may be shared (all its names resolved). */
	private views = new Map<number, { view: SnapshotView; shared: boolean }>();
	/** Per board: asked once (null), then its active snapshots in force order, as this pass read them. */
	private inForceOrder = new Map<string, InForceOrder | null>();
	private scope: string;
	constructor(private db: Db) {
		this.scope = identityScope(db);
	}

	byId(id: number): SnapshotView | null {
		const mine = this.views.get(id);
		// The shared cache is asked every time, so the views a pass uses last (each board's latest, which
		// the next pass starts from) are the ones it keeps, not those the pass happened to load last.
		if (mine?.shared) recent.set(`${id}|${this.scope}`, mine.view);
		if (mine) return mine.view;
		const loaded = loadView(this.db, this.scope, id);
		if (loaded) this.views.set(id, loaded);
		return loaded?.view ?? null;
	}

	/**
	 * The view in force on the board at the date. A page asks this once or twice per board, and one query
	 * answers; a pass asks it for every board at every date it walks (one query each took a tenth of the
	 * analysis of the recorded history), so from a board's second ask its active snapshots are read once
	 * and searched.
	 */
	inForce(board: string, date: string): SnapshotView | null {
		let order = this.inForceOrder.get(board);
		if (order === undefined) {
			this.inForceOrder.set(board, null);
			const s = snapshotInForce(this.db, board, date);
			return s ? this.byId(s.id) : null;
		}
		if (order === null) this.inForceOrder.set(board, (order = new InForceOrder(this.db, board)));
		const index = order.indexAt(date);
		return index < 0 ? null : this.byId(order.ids[index]);
	}
}

/** A board's active snapshots in the order the one in force is chosen (see `snapshotInForce`), searched by date. */
class InForceOrder {
	readonly ids: number[];
	/** Their dates, ascending. */
	readonly dates: string[];
	constructor(db: Db, board: string) {
		const active = activeSnapshotIds(db, board);
		this.ids = active.map((s) => s.id);
		this.dates = active.map((s) => s.as_of);
	}

	/** The index of the snapshot in force at the date, -1 before the first. */
	indexAt(date: string): number {
		return this.dates.length - countAbove(this.dates, date) - 1;
	}
}

/**
 * The views in force on one board at dates asked in ascending order, holding only the current one: a
 * walk over a board's whole history (a model's percentile chart) through a ViewCache kept every view it
 * passed, gigabytes at the scale set.
 */
export class InForceWalk {
	private order: InForceOrder;
	private current: { index: number; view: SnapshotView | null } = { index: -1, view: null };
	private scope: string;
	constructor(
		private db: Db,
		board: string
	) {
		this.order = new InForceOrder(db, board);
		this.scope = identityScope(db);
	}

	/** The board's change dates (dates with an active snapshot), ascending. */
	get dates(): readonly string[] {
		return this.order.dates;
	}

	at(date: string): SnapshotView | null {
		const index = this.order.indexAt(date);
		if (index < 0) return null;
		// Not shared: a walk's views would push out every view pages use, and each kept by the cache lives
		// long enough to be promoted, which made major collections a sixth of a walk's time.
		if (index !== this.current.index) this.current = { index, view: loadView(this.db, this.scope, this.order.ids[index], false)?.view ?? null };
		return this.current.view;
	}
}
