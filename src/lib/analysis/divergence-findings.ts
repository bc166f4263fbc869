import { createHash } from 'node:crypto';
import type { DivergenceFacts, DivergenceRow } from './divergence';
import type { Severity } from './types';

/**
 * When two boards' disagreement about a model is a story. Judged over the whole recorded history
 * (2024–2026, 27 cross-source pairs of headline boards): 65 findings, at most 8 for a pair in a month,
 * each a gap a reader would notice. A significant gap of 0.3 would fire 76 times, and any percentile
 * gap of 0.3 (significant or not) 231 times, mostly in the middle of the tables.
 */
export const DIVERGENCE_RULE = {
	/** Percentiles of fewer shared models move in big steps: one place in a set of 8 is 12 points. */
	minCommonSet: 10,
	/** A common-set percentile gap this large with the rank intervals apart (significant). */
	gap: 0.4,
	/**
	 * Or at the top of the boards, for a model in the top 5 of one board and outside the top 10 of the
	 * other (board ranks, as readers see them): a common-set top gap of 1.5 (rank ratio 2.8: #2 vs #6,
	 * #4 vs #12), so the gap is not only made of models the other board does not list.
	 */
	topGap: 1.5,
	topRank: 5,
	outsideRank: 10,
	/** High severity: a model in the top 10 of one board (every pair compared is of headline boards). */
	highRank: 10
} as const;

/** The story each pair and model is about: its release, else its family. */
export const subjectOf = (r: Pick<DivergenceRow, 'release' | 'family'>) => r.release ?? `family:${r.family}`;

function bestAndWorst(r: Pick<DivergenceRow, 'boards' | 'ranks'>): [number, number] {
	const ranks = r.boards.map((b) => r.ranks[b]);
	return [Math.min(...ranks), Math.max(...ranks)];
}

/** Whether a row is above the threshold: a significant percentile gap, or a large gap at the top. */
export function crosses(r: DivergenceFacts): boolean {
	if (r.commonSetSize < DIVERGENCE_RULE.minCommonSet) return false;
	if (r.significant && Math.abs(r.divergence) >= DIVERGENCE_RULE.gap) return true;
	const [best, worst] = bestAndWorst(r);
	// Intervals known to overlap say the top gap is within the boards' own noise.
	const notWithinNoise = r.significant || !r.uncertaintyKnown;
	return notWithinNoise && best <= DIVERGENCE_RULE.topRank && worst > DIVERGENCE_RULE.outsideRank && r.topGap >= DIVERGENCE_RULE.topGap;
}

/**
 * Whether a story is over: both gaps under half their threshold. The margin keeps a gap hovering at
 * the threshold (significance comes and goes from one snapshot to the next) from being told again
 * and again.
 */
export function fellBack(r: Pick<DivergenceRow, 'divergence' | 'topGap'>): boolean {
	return Math.abs(r.divergence) < DIVERGENCE_RULE.gap / 2 && r.topGap < DIVERGENCE_RULE.topGap / 2;
}

/** A divergence story of one pair of boards, with the facts of the day it crossed. */
export interface DivergenceStory {
	id: string;
	/** The pair, the board the model ranks better on first. */
	boards: [string, string];
	subject: string;
	family: string;
	release: string | null;
	organization: string | null;
	date: string;
	/** The first date it was seen fallen back; null while it lasts. */
	ended: string | null;
	names: [string, string];
	ranks: [number, number];
	asOf: [string, string];
	divergence: number;
	topGap: number;
	significant: boolean;
	commonSetSize: number;
	severity: Severity;
	detail: string;
}

function storyOf(r: DivergenceRow, date: string): DivergenceStory {
	const [a, b] = [...r.boards].sort((x, y) => r.ranks[x] - r.ranks[y] || x.localeCompare(y));
	const pair = [...r.boards].sort();
	const gap = Math.abs(r.divergence);
	return {
		id: createHash('sha1').update(['divergence', ...pair, subjectOf(r), date].join('|')).digest('hex').slice(0, 16),
		boards: [a, b],
		subject: subjectOf(r),
		family: r.family,
		release: r.release,
		organization: r.organization,
		date,
		ended: null,
		names: [r.names[a], r.names[b]],
		ranks: [r.ranks[a], r.ranks[b]],
		asOf: [r.asOf[a], r.asOf[b]],
		divergence: gap,
		topGap: r.topGap,
		significant: r.significant,
		commonSetSize: r.commonSetSize,
		severity: bestAndWorst(r)[0] <= DIVERGENCE_RULE.highRank ? 'high' : 'medium',
		detail:
			`${r.names[a]} is #${r.ranks[a]} on ${a} but #${r.ranks[b]} on ${b} (percentile gap ${gap.toFixed(2)}, top gap ` +
			`${r.topGap.toFixed(1)} over ${r.commonSetSize} shared models; ` +
			`${r.significant ? 'rank intervals apart' : r.uncertaintyKnown ? 'rank intervals overlap' : 'uncertainty unknown'})`
	};
}

/** One step of a pair's history: the divergence of its two snapshots in force at a date. */
export interface PairStep {
	date: string;
	rows: DivergenceRow[];
}

/**
 * One pair's walk through its steps, oldest first. `open` holds the subjects above the threshold
 * before the first step. A story starts when a subject crosses and is not told again while it stays
 * above; a subject absent from a step (not listed, or a board stale) keeps its state. `stories` holds
 * the stories started, `closed` the date each story open at the start fell back.
 */
export class PairWalk {
	readonly stories: DivergenceStory[] = [];
	readonly closed = new Map<string, string>();
	private readonly above: Map<string, DivergenceStory | null>;

	constructor(open: Set<string>) {
		this.above = new Map([...open].map((s) => [s, null]));
	}

	/**
	 * Whether a row of the next step can change the walk: it crosses, or it may end a story under way.
	 * A step lists each subject once, so the rest can be left out of it.
	 */
	readonly matters = (r: DivergenceFacts): boolean => crosses(r) || (fellBack(r) && this.above.has(subjectOf(r)));

	step({ date, rows }: PairStep): void {
		for (const r of rows) {
			const subject = subjectOf(r);
			if (!this.above.has(subject)) {
				if (!crosses(r)) continue;
				const story = storyOf(r, date);
				this.stories.push(story);
				this.above.set(subject, story);
			} else if (fellBack(r)) {
				const story = this.above.get(subject);
				if (story) story.ended = date;
				else this.closed.set(subject, date);
				this.above.delete(subject);
			}
		}
	}
}
