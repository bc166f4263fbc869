import { MIN_AGREEMENT_SET } from '../../analysis/agreement';
import { DEFAULT_EVENT_OPTIONS, RANK_REGIONS } from '../../analysis/events';
import { DIVERGENCE_RULE } from '../../analysis/divergence-findings';
import { RETELLING_DAYS, TOP_DEBUT_RANK } from '../../analysis/findings';
import { TIER_RULE } from '../../analysis/tiers';
import { DEFAULT_MISMATCH_OPTIONS } from '../../analysis/mismatches';
import { EVENT_KINDS, MISMATCH_KINDS } from '../../analysis/types';
import { REVIEW_THRESHOLD } from '../../identity';
import { allSources } from '../../catalogue';
import { OVERVIEW_DIVERGENT } from './dashboard-overview';
import { LABELLED_OUTLIERS } from './dashboard-compare';
import { QUEUE_MIN_CONFIDENCE } from './dashboard-identities';
import type { Config } from '../config';

/**
 * The numbers the methods page quotes, read from the analysis modules themselves so the page can never
 * drift from what the code does.
 */
export function methodsFacts(config: Config) {
	return {
		staleDays: config.RANKDRIFT_STALE_DAYS,
		minAgreementSet: MIN_AGREEMENT_SET,
		events: {
			kinds: EVENT_KINDS,
			entrantTopK: DEFAULT_EVENT_OPTIONS.entrantTopK,
			minZ: DEFAULT_EVENT_OPTIONS.minZ,
			fixedJumpThreshold: DEFAULT_EVENT_OPTIONS.jumpThreshold ?? null,
			maxGapDays: DEFAULT_EVENT_OPTIONS.maxGapDays,
			shiftShare: DEFAULT_EVENT_OPTIONS.shiftShare,
			shiftMin: DEFAULT_EVENT_OPTIONS.shiftMin,
			noiseSteps: DEFAULT_EVENT_OPTIONS.noiseSteps,
			noiseFactor: DEFAULT_EVENT_OPTIONS.noiseFactor,
			noiseMinSamples: DEFAULT_EVENT_OPTIONS.noiseMinSamples,
			regions: RANK_REGIONS.filter(Number.isFinite)
		},
		findings: { retellingDays: RETELLING_DAYS, topDebutRank: TOP_DEBUT_RANK, divergence: DIVERGENCE_RULE },
		tierRule: TIER_RULE,
		mismatches: { kinds: MISMATCH_KINDS, ...DEFAULT_MISMATCH_OPTIONS },
		headline: allSources().map((s) => ({ source: s.id, name: s.name, boards: s.headlineBoards ?? [s.id] })),
		derivedIntervals: allSources().flatMap((s) => s.boards.flatMap((b) => (b.uncertainty ? [{ board: b.id, title: b.title, tasks: b.uncertainty.tasks, basis: b.uncertainty.basis }] : []))),
		reviewThreshold: REVIEW_THRESHOLD,
		queueMinConfidence: QUEUE_MIN_CONFIDENCE,
		overviewDivergent: OVERVIEW_DIVERGENT,
		labelledOutliers: LABELLED_OUTLIERS
	};
}
