/**
 * Model identity: raw leaderboard names → family / release / variant tags, via the curated
 * crosswalk (crosswalk.yaml beside this module). Pure functions; the only I/O is loadCrosswalk.
 */
export type {
	Crosswalk,
	Decision,
	DecisionMap,
	FamilyEntry,
	OrganizationEntry,
	ReleaseEntry,
	ReleaseKind,
	Resolution,
	ResolveContext,
	Suggestion
} from './types';
export { loadCrosswalk, parseCrosswalk, crosswalkVersion, crosswalkPath, listFamilies, CrosswalkError } from './crosswalk';
export { resolveName, decisionKey, needsReview, REVIEW_THRESHOLD } from './resolve';
export { normalizeName, cleanArtefacts } from './normalize';
export { parseDateAt, type PartialDate } from './dates';
export { evaluatePairs, type LabelledPair, type PairReport } from './evaluate';
