import type { Db } from '../db/connection';
import { decisionLog, type DecisionAction, type DecisionRow, type IdentityListRow } from '../db/identity';
import { identityQueue, identityQueueCount, nameSources } from '../db/dashboard-queries';
import { crosswalkInfo, DecisionError, recordDecision } from '../identity/service';
import { reanalyzeAll } from '../pipeline';
import type { AppContext } from '../context';

export const QUEUE_PAGE_SIZE = 50;
/** Below this confidence a resolved name is still queued for review (as `rankdrift identities --unresolved`). */
export const QUEUE_MIN_CONFIDENCE = 0.9;
export const DECISION_ACTIONS: DecisionAction[] = ['accept', 'reject', 'merge', 'split', 'rename'];

export interface QueueRow extends Omit<IdentityListRow, 'variants' | 'suggestions' | 'boards'> {
	variants: string[];
	suggestions: { family: string; release: string | null; score: number }[];
	boards: string[];
}

export interface IdentitiesQuery {
	q: string | null;
	source: string | null;
	/** Every name, not only the review queue. */
	all: boolean;
	page: number;
}

export interface IdentitiesPageData {
	query: IdentitiesQuery;
	rows: QueueRow[];
	total: number;
	pages: number;
	sources: string[];
	/** Crosswalk families (id, display name) for the decision form. */
	families: { id: string; name: string; releases: string[] }[];
	log: DecisionRow[];
}

export function identitiesPage(db: Db, query: IdentitiesQuery): IdentitiesPageData {
	const filter = { unresolved: !query.all, minConfidence: QUEUE_MIN_CONFIDENCE, q: query.q, source: query.source };
	const total = identityQueueCount(db, { ...filter, limit: -1, offset: 0 });
	const rows = identityQueue(db, { ...filter, limit: QUEUE_PAGE_SIZE, offset: (query.page - 1) * QUEUE_PAGE_SIZE }).map((r) => ({
		...r,
		variants: JSON.parse(r.variants) as string[],
		suggestions: JSON.parse(r.suggestions) as QueueRow['suggestions'],
		boards: r.boards ? r.boards.split(',') : []
	}));
	return {
		query,
		rows,
		total,
		pages: Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE)),
		sources: nameSources(db),
		families: crosswalkInfo().families.map((f) => ({ id: f.id, name: f.name, releases: f.releases.map((r) => r.id) })),
		log: decisionLog(db, 100)
	};
}

export interface DecisionForm {
	rawName: string;
	sourceId: string | null;
	action: DecisionAction;
	family: string | null;
	release: string | null;
	label: string | null;
	reason: string | null;
	actor: string;
}

/**
 * Records an analyst's decision (append-only, shown in the audit list), then re-resolves every name and
 * recomputes the stored analysis so every number follows. Throws DecisionError for an invalid decision.
 */
export function decideIdentity(ctx: AppContext, form: DecisionForm): { id: number; resolved: number; events: number; mismatches: number } {
	if (!form.rawName) throw new DecisionError('name the raw name the decision is about');
	const id = recordDecision(ctx.db, { ...form }, ctx.clock());
	const r = reanalyzeAll(ctx);
	return { id, resolved: r.resolved, events: r.events, mismatches: r.mismatches };
}
