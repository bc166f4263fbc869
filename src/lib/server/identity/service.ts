import type { Db } from '../db/connection';
import { config } from '../config';
import {
	activeDecisions,
	addDecision,
	allNames,
	namesToResolve,
	saveResolutions,
	type DecisionAction,
	type DecisionRow,
	type NameRow
} from '../db/identity';
import { hintExtras } from '../../snapshots/identity-hint';
import {
	crosswalkVersion,
	decisionKey,
	listFamilies,
	loadCrosswalk,
	resolveName,
	type Crosswalk,
	type Decision,
	type Resolution
} from '../../identity';

export interface CrosswalkInfo {
	crosswalk: Crosswalk;
	version: string;
	releaseKinds: Map<string, 'public' | 'checkpoint'>;
	families: ReturnType<typeof listFamilies>;
}

let loaded: CrosswalkInfo | null = null;

/** The curated crosswalk, read once per process (`RANKDRIFT_CROSSWALK` names another file). */
export function crosswalkInfo(): CrosswalkInfo {
	if (!loaded) {
		const crosswalk = loadCrosswalk(config().RANKDRIFT_CROSSWALK);
		const families = listFamilies(crosswalk);
		loaded = {
			crosswalk,
			version: crosswalkVersion(crosswalk),
			families,
			releaseKinds: new Map(families.flatMap((f) => f.releases.map((r) => [r.id, r.kind] as const)))
		};
	}
	return loaded;
}

/** Analysts' standing rulings, newest winning, keyed the way the resolver looks them up. */
export function decisionMap(db: Db): Map<string, Decision> {
	const map = new Map<string, Decision>();
	for (const d of activeDecisions(db)) {
		if (d.action === 'rename') continue;
		const key = decisionKey(d.raw_name, d.source_id);
		if (map.has(key)) continue;
		map.set(key, { family: d.action === 'reject' ? null : d.family, release: d.action === 'reject' ? null : d.release, note: d.reason });
	}
	return map;
}

function resolveRow(n: NameRow, info: CrosswalkInfo, decisions: Map<string, Decision>): Resolution {
	return resolveName(n.raw_name, { source: n.source_id, date: n.first_seen, extras: hintExtras(n.hint) }, info.crosswalk, decisions);
}

/**
 * Resolves names against the crosswalk and decisions and stores the results; entries are never touched.
 * By default only names never resolved or resolved against another crosswalk version.
 */
export function resolveStoredNames(db: Db, now: Date, opts: { all?: boolean; names?: NameRow[] } = {}): number {
	const info = crosswalkInfo();
	const todo = opts.names ?? (opts.all ? allNames(db) : namesToResolve(db, info.version));
	if (todo.length === 0) return 0;
	const decisions = decisionMap(db);
	saveResolutions(
		db,
		todo.map((n) => {
			const r = resolveRow(n, info, decisions);
			return {
				name_id: n.id,
				family: r.family,
				release: r.release,
				release_kind: r.release ? (info.releaseKinds.get(r.release) ?? null) : null,
				variants: JSON.stringify(r.variants),
				organization: r.organization,
				confidence: r.confidence,
				method: r.method,
				normalized: r.normalized,
				suggestions: JSON.stringify(r.suggestions),
				crosswalk_version: info.version
			};
		}),
		now
	);
	return todo.length;
}

/** `rankdrift resolve`: names resolved without touching the database's names (works on an empty one). */
export function resolveAdHoc(db: Db | null, names: string[], source: string | null) {
	const info = crosswalkInfo();
	const decisions = db ? decisionMap(db) : new Map<string, Decision>();
	return names.map((name) => {
		const r = resolveName(name, { source }, info.crosswalk, decisions);
		return { name, source, family: r.family, release: r.release, variants: r.variants, confidence: r.confidence, method: r.method };
	});
}

export interface DecisionInput {
	sourceId: string | null;
	rawName: string;
	action: DecisionAction;
	family?: string | null;
	release?: string | null;
	label?: string | null;
	reason?: string | null;
	actor: string;
}

export class DecisionError extends Error {}

/** Records an analyst's decision (append-only audit) and re-resolves the names it governs. */
export function recordDecision(db: Db, input: DecisionInput, now: Date): DecisionRow['id'] {
	const info = crosswalkInfo();
	const family = input.family?.trim() || null;
	const release = input.release?.trim() || null;
	if (input.action === 'merge' || input.action === 'accept') {
		if (!family) throw new DecisionError(`${input.action} needs the family to attach the name to`);
		if (!info.families.some((f) => f.id === family)) throw new DecisionError(`unknown family "${family}"`);
		if (release && !info.releaseKinds.has(release)) throw new DecisionError(`unknown release "${release}"`);
	}
	if (input.action === 'rename' && (!family || !input.label?.trim())) throw new DecisionError('rename needs the family and its new label');
	if (input.action === 'split' && family && info.families.some((f) => f.id === family))
		throw new DecisionError(`split moves a name out to a family of its own: "${family}" already exists (use merge to attach it)`);
	return db.transaction(() => {
		const id = addDecision(db, {
			source_id: input.sourceId,
			raw_name: input.rawName,
			action: input.action,
			family,
			release: input.action === 'split' ? null : release,
			label: input.label?.trim() || null,
			reason: input.reason?.trim() || null,
			actor: input.actor,
			created_at: now.toISOString()
		});
		const affected = allNames(db).filter((n) => n.raw_name === input.rawName && (!input.sourceId || n.source_id === input.sourceId));
		resolveStoredNames(db, now, { names: affected });
		return id;
	})();
}
