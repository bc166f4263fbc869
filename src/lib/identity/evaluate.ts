/**
 * Scores resolutions against labelled pairs (same family? same release?). Pure: shared by the
 * unit test and scripts/identity-eval.ts. An unresolved side (null) never counts as a merge.
 */
import { resolveName } from './resolve';
import type { Crosswalk, DecisionMap, Resolution } from './types';

export interface PairSide {
	name: string;
	source: string | null;
	date: string | null;
}

export interface LabelledPair {
	a: PairSide;
	b: PairSide;
	sameFamily: boolean;
	sameRelease: boolean;
}

export interface PairOutcome {
	a: PairSide;
	b: PairSide;
	ra: Resolution;
	rb: Resolution;
}

export interface PairReport {
	total: number;
	familyPositives: number;
	familyHits: number;
	familyRecall: number;
	releasePositives: number;
	releaseHits: number;
	releaseRecall: number;
	falseFamilyMerges: PairOutcome[];
	falseReleaseMerges: PairOutcome[];
	familyMisses: PairOutcome[];
	releaseMisses: PairOutcome[];
}

const same = (x: string | null, y: string | null) => x !== null && x === y;

export function evaluatePairs(pairs: readonly LabelledPair[], crosswalk: Crosswalk, decisions?: DecisionMap): PairReport {
	const report: PairReport = {
		total: pairs.length,
		familyPositives: 0,
		familyHits: 0,
		familyRecall: 1,
		releasePositives: 0,
		releaseHits: 0,
		releaseRecall: 1,
		falseFamilyMerges: [],
		falseReleaseMerges: [],
		familyMisses: [],
		releaseMisses: []
	};
	for (const p of pairs) {
		const ra = resolveName(p.a.name, { source: p.a.source, date: p.a.date }, crosswalk, decisions);
		const rb = resolveName(p.b.name, { source: p.b.source, date: p.b.date }, crosswalk, decisions);
		const o: PairOutcome = { a: p.a, b: p.b, ra, rb };
		const famMerged = same(ra.family, rb.family);
		const relMerged = same(ra.release, rb.release);
		if (p.sameFamily) {
			report.familyPositives++;
			if (famMerged) report.familyHits++;
			else report.familyMisses.push(o);
		} else if (famMerged) report.falseFamilyMerges.push(o);
		if (p.sameRelease) {
			report.releasePositives++;
			if (relMerged) report.releaseHits++;
			else report.releaseMisses.push(o);
		} else if (relMerged) report.falseReleaseMerges.push(o);
	}
	report.familyRecall = report.familyPositives ? report.familyHits / report.familyPositives : 1;
	report.releaseRecall = report.releasePositives ? report.releaseHits / report.releasePositives : 1;
	return report;
}
