import type { Db } from '../db/connection';
import { viewEntries } from '../db/analysis';
import { getSnapshot, snapshotInForce, type SnapshotRow } from '../db/snapshots';
import { resolutionsVersion } from '../db/identity';
import { LruCache } from '../../lru-cache';
import type { AnalysisEntry, SnapshotView } from '../../analysis/types';

/** Variant tags that say how a release was run (each its own row on a board); the others label the release. */
const RUN_SETTING = /^(thinking|no-thinking|effort:|precision:)/;

/** Splits a resolution's variant tags; Aider's edit format says how the benchmark was driven, not the model, and is dropped. */
export function splitVariants(variants: string[]): { labelTags: string[]; configTags: string[] } {
	const own = variants.filter((v) => !v.startsWith('edit:'));
	return { labelTags: own.filter((v) => !RUN_SETTING.test(v)), configTags: own.filter((v) => RUN_SETTING.test(v)) };
}

// Variant lists repeat across thousands of rows: each distinct stored list is split once.
const splitCache = new Map<string, { labelTags: string[]; configTags: string[] }>();
const NO_TAGS = { labelTags: [], configTags: [] };

function tagsOf(variants: string | null): { labelTags: string[]; configTags: string[] } {
	if (!variants || variants === '[]') return NO_TAGS;
	let tags = splitCache.get(variants);
	if (!tags) splitCache.set(variants, (tags = splitVariants(JSON.parse(variants) as string[])));
	return tags;
}

function toView(db: Db, s: SnapshotRow): SnapshotView {
	const entries = viewEntries(db, s.id).map((r): AnalysisEntry => {
		const tags = tagsOf(r.variants);
		return {
			name: r.model,
			family: r.family,
			release: r.release,
			releaseKind: r.release_kind,
			labelTags: tags.labelTags,
			configTags: tags.configTags,
			organization: r.organization ?? r.r_organization,
			rank: r.rank,
			rankLower: r.rank_lower,
			rankUpper: r.rank_upper,
			score: r.score,
			ciLower: r.ci_lower,
			ciUpper: r.ci_upper,
			position: r.position,
			nameId: r.name_id
		};
	});
	return {
		id: s.id,
		board: s.board_id,
		asOf: s.as_of,
		feed: s.feed,
		rankSemantics: s.rank_semantics,
		adjustment: s.adjustment,
		methodVersion: s.method_version,
		entries
	};
}

/** Views recently used by any page or pass of this process, by snapshot id and resolutions version. */
const recent = new LruCache<string, SnapshotView>(40);

/**
 * Snapshot views, loaded once each. A snapshot's rows never change once stored; what they resolve to
 * can, so views are shared across requests under the resolutions version, and within one pass
 * (a request, an analysis run) kept whatever the shared cache drops.
 */
export class ViewCache {
	private views = new Map<number, SnapshotView>();
	private version: string;
	constructor(private db: Db) {
		this.version = resolutionsVersion(db);
	}

	byId(id: number): SnapshotView | null {
		let v = this.views.get(id) ?? recent.get(`${id}|${this.version}`);
		if (!v) {
			const s = getSnapshot(this.db, id);
			if (!s) return null;
			v = toView(this.db, s);
			recent.set(`${id}|${this.version}`, v);
		}
		this.views.set(id, v);
		return v;
	}

	inForce(board: string, date: string): SnapshotView | null {
		const s = snapshotInForce(this.db, board, date);
		return s ? this.byId(s.id) : null;
	}
}
