import type { AppContext } from '../context';
import type { Db } from '../db/connection';
import type { Settings } from '../../catalogue';
import { sourceRunSummaries } from '../db/runs';
import { boardSources, snapshotCountsBySource } from '../db/snapshots';
import { dataVersion } from '../db/versions';
import { LruCache } from '../../lru-cache';
import { sourceEnabledMap } from '../db/source-state';
import { allSources, missingApiKey, notRunnableReason } from '../../catalogue';
import type { SourceInfo } from '../../catalogue/contract';

export type SourceStatus = 'enabled' | 'disabled' | 'retired';

export interface SourceOverview {
	id: string;
	name: string;
	boards: string[];
	status: SourceStatus;
	status_reason: string | null;
	retired_since: string | null;
	last_success: string | null;
	last_error: string | null;
	last_error_at: string | null;
	last_outcome: string | null;
	snapshots: number;
	score_meaning: string;
	rank_note: string;
	license: string;
	license_url: string | null;
	attribution: string;
	terms: string | null;
	schedule: string | null;
	homepage: string;
}

/** A source's status now, or as of `asOf`: one retired after that date was not retired then. */
export function sourceStatus(
	source: SourceInfo,
	enabledByAnalyst: boolean | undefined,
	settings: Settings,
	asOf: string | null = null
): { status: SourceStatus; reason: string | null } {
	if (source.retired && (!asOf || source.retired.since <= asOf)) return { status: 'retired', reason: notRunnableReason(source, settings) };
	const blocked = missingApiKey(source, settings);
	if (blocked) return { status: 'disabled', reason: blocked };
	if (enabledByAnalyst === false) return { status: 'disabled', reason: 'switched off by an administrator' };
	return { status: 'enabled', reason: null };
}

// Counting every snapshot is most of this at the scale set; it changes only with the data. Health does not wait.
const snapshotCounts = new LruCache<string, Map<string, number>>(4);

function countsBySource(db: Db): Map<string, number> {
	const key = dataVersion(db);
	let found = snapshotCounts.get(key);
	if (!found) snapshotCounts.set(key, (found = snapshotCountsBySource(db)));
	return found;
}

/**
 * Every source with its boards, health and what its numbers mean: the sources page and `rankdrift sources`.
 * With `asOf`, the status (and retirement) is the one the source had on that date.
 */
export function sourceOverviews(ctx: AppContext, asOf: string | null = null): SourceOverview[] {
	const { db } = ctx;
	const runs = new Map(sourceRunSummaries(db).map((r) => [r.source_id, r]));
	const counts = countsBySource(db);
	const enabled = sourceEnabledMap(db);
	const boardsBySource = new Map<string, string[]>();
	for (const b of boardSources(db)) {
		const list = boardsBySource.get(b.source_id) ?? [];
		list.push(b.id);
		boardsBySource.set(b.source_id, list);
	}
	return allSources().map((s) => {
		const r = runs.get(s.id);
		const { status, reason } = sourceStatus(s, enabled.get(s.id), ctx.config, asOf);
		const boards = [...new Set([...s.boards.map((b) => b.id), ...(boardsBySource.get(s.id) ?? [])])].sort();
		return {
			id: s.id,
			name: s.name,
			boards,
			status,
			status_reason: reason,
			retired_since: status === 'retired' ? s.retired!.since : null,
			last_success: r?.last_success ?? null,
			last_error: r?.last_error ?? null,
			last_error_at: r?.last_error_at ?? null,
			last_outcome: r?.last_outcome ?? null,
			snapshots: counts.get(s.id) ?? 0,
			score_meaning: s.scoreMeaning,
			rank_note: s.rankNote,
			license: s.license.name,
			license_url: s.license.url,
			attribution: s.attribution,
			terms: s.terms ?? null,
			schedule: s.retired ? null : s.schedule,
			homepage: s.homepage
		};
	});
}
