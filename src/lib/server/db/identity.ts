import type { Db } from './connection';
import { stmt } from './statements';
import { bumpIdentityEpoch, bumpResolutionsVersion } from './versions';
import { REVIEW_THRESHOLD } from '../../identity';

export interface NameRow {
	id: number;
	source_id: string;
	raw_name: string;
	hint: string;
	first_seen: string;
}

export interface ResolutionRow {
	name_id: number;
	family: string | null;
	release: string | null;
	release_kind: 'public' | 'checkpoint' | null;
	variants: string;
	organization: string | null;
	confidence: number;
	method: string;
	normalized: string | null;
	suggestions: string;
	crosswalk_version: string;
	resolved_at: string;
}

export type DecisionAction = 'accept' | 'reject' | 'merge' | 'split' | 'rename';

export interface DecisionRow {
	id: number;
	source_id: string | null;
	raw_name: string;
	action: DecisionAction;
	family: string | null;
	release: string | null;
	label: string | null;
	reason: string | null;
	actor: string;
	created_at: string;
	revoked_at: string | null;
}

/** Names never resolved, or resolved against another crosswalk version. */
export function namesToResolve(db: Db, crosswalkVersion: string): NameRow[] {
	return stmt(
		db,
		`SELECT n.* FROM names n LEFT JOIN name_resolutions r ON r.name_id = n.id
		 WHERE r.name_id IS NULL OR r.crosswalk_version <> ? ORDER BY n.id`
	).all(crosswalkVersion) as NameRow[];
}

export function allNames(db: Db): NameRow[] {
	return stmt(db, 'SELECT * FROM names ORDER BY id').all() as NameRow[];
}

// What a snapshot's view shows of a name's resolution: a change to any of them moves the identity epoch,
// by which views of old snapshots are kept (analysis/views.ts).
const SHOWN_FIELDS = ['family', 'release', 'release_kind', 'variants', 'organization'] as const;

export function saveResolutions(db: Db, rows: Omit<ResolutionRow, 'resolved_at'>[], now: Date): void {
	const upsert = stmt(
		db,
		`INSERT INTO name_resolutions (name_id, family, release, release_kind, variants, organization, confidence, method, normalized,
		   suggestions, crosswalk_version, resolved_at)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		 ON CONFLICT (name_id) DO UPDATE SET family = excluded.family, release = excluded.release, release_kind = excluded.release_kind,
		   variants = excluded.variants, organization = excluded.organization, confidence = excluded.confidence, method = excluded.method,
		   normalized = excluded.normalized, suggestions = excluded.suggestions, crosswalk_version = excluded.crosswalk_version,
		   resolved_at = excluded.resolved_at`
	);
	const before = stmt(db, `SELECT ${SHOWN_FIELDS.join(', ')} FROM name_resolutions WHERE name_id = ?`);
	const at = now.toISOString();
	db.transaction(() => {
		let changed = false;
		for (const r of rows) {
			const old = before.get(r.name_id) as Pick<ResolutionRow, (typeof SHOWN_FIELDS)[number]> | undefined;
			if (old && SHOWN_FIELDS.some((f) => old[f] !== r[f])) changed = true;
			upsert.run(r.name_id, r.family, r.release, r.release_kind, r.variants, r.organization, r.confidence, r.method, r.normalized, r.suggestions, r.crosswalk_version, at);
		}
		bumpResolutionsVersion(db);
		if (changed) bumpIdentityEpoch(db);
		// Immediate: it reads before it writes, and a deferred transaction whose read another writer has
		// overtaken cannot wait for the lock (SQLITE_BUSY at once, past the busy timeout).
	}).immediate();
}

/** Unrevoked decisions, newest first. */
export function activeDecisions(db: Db): DecisionRow[] {
	return stmt(db, 'SELECT * FROM identity_decisions WHERE revoked_at IS NULL ORDER BY id DESC').all() as DecisionRow[];
}

export function decisionLog(db: Db, limit: number): DecisionRow[] {
	return stmt(db, 'SELECT * FROM identity_decisions ORDER BY id DESC LIMIT ?').all(limit) as DecisionRow[];
}

export function addDecision(db: Db, d: Omit<DecisionRow, 'id' | 'revoked_at'>): number {
	const info = stmt(
		db,
		`INSERT INTO identity_decisions (source_id, raw_name, action, family, release, label, reason, actor, created_at)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
	).run(d.source_id, d.raw_name, d.action, d.family, d.release, d.label, d.reason, d.actor, d.created_at);
	const id = Number(info.lastInsertRowid);
	if (d.action === 'rename' && d.family && d.label)
		stmt(db, 'INSERT INTO family_labels (family, label, decision_id) VALUES (?, ?, ?) ON CONFLICT (family) DO UPDATE SET label = excluded.label, decision_id = excluded.decision_id').run(
			d.family,
			d.label,
			id
		);
	bumpResolutionsVersion(db);
	bumpIdentityEpoch(db);
	return id;
}

export function revokeDecision(db: Db, id: number, now: Date): DecisionRow | null {
	stmt(db, 'UPDATE identity_decisions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(now.toISOString(), id);
	stmt(db, 'DELETE FROM family_labels WHERE decision_id = ?').run(id);
	bumpResolutionsVersion(db);
	bumpIdentityEpoch(db);
	return (stmt(db, 'SELECT * FROM identity_decisions WHERE id = ?').get(id) as DecisionRow | undefined) ?? null;
}

export function familyLabels(db: Db): Map<string, string> {
	const rows = stmt(db, 'SELECT family, label FROM family_labels').all() as { family: string; label: string }[];
	return new Map(rows.map((r) => [r.family, r.label]));
}

export interface IdentityListRow extends NameRow {
	family: string | null;
	release: string | null;
	release_kind: string | null;
	variants: string;
	organization: string | null;
	confidence: number | null;
	method: string | null;
	suggestions: string;
	entries: number;
	boards: string;
	first_as_of: string | null;
	last_as_of: string | null;
}

/** A name (`n`) with its resolution (`r`) and where it occurs: boards and dates in force, and rows stored. */
export const NAME_LIST_COLUMNS = `n.*, r.family, r.release, r.release_kind, COALESCE(r.variants, '[]') AS variants, r.organization, r.confidence, r.method,
	COALESCE(r.suggestions, '[]') AS suggestions,
	(SELECT COUNT(*) FROM entries e WHERE e.name_id = n.id) AS entries,
	(SELECT COALESCE(group_concat(DISTINCT p.board_id), '') FROM name_presence p WHERE p.name_id = n.id) AS boards,
	(SELECT MIN(p.first_as_of) FROM name_presence p WHERE p.name_id = n.id) AS first_as_of,
	(SELECT MAX(p.last_as_of) FROM name_presence p WHERE p.name_id = n.id) AS last_as_of`;

/**
 * Every name with its resolution and where it occurs (boards, first and last snapshot date).
 * `unresolved` keeps the review queue: no family, or below `minConfidence`.
 */
export function identityList(db: Db, opts: { unresolved?: boolean; minConfidence?: number; limit?: number; offset?: number } = {}): IdentityListRow[] {
	return stmt(
		db,
		`SELECT ${NAME_LIST_COLUMNS}
		 FROM names n LEFT JOIN name_resolutions r ON r.name_id = n.id
		 WHERE (? = 0 OR r.family IS NULL OR r.confidence < ?) AND (? = 0 OR r.method IS NOT 'decision')
		 ORDER BY n.source_id, n.raw_name LIMIT ? OFFSET ?`
	).all(
		opts.unresolved ? 1 : 0,
		opts.minConfidence ?? REVIEW_THRESHOLD,
		opts.unresolved ? 1 : 0,
		opts.limit ?? -1,
		opts.offset ?? 0
	) as IdentityListRow[];
}

