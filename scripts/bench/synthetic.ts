import type { ParsedSnapshot } from '../../src/lib/model/snapshot';

/**
 * A deterministic synthetic leaderboard history at scale: boards × models × days, where each board
 * changes on about a third of days, models enter and leave, scores drift, and names vary the way real
 * boards spell them (case, separators, dates).
 */
export interface SyntheticOptions {
	boards: string[];
	models: number;
	days: number;
	start: string;
	seed?: number;
}

function rng(seed: number) {
	let s = seed >>> 0;
	return () => {
		s = (s * 1664525 + 1013904223) >>> 0;
		return s / 2 ** 32;
	};
}

const FAMILIES = ['gpt-4o', 'claude-3.5-sonnet', 'gemini-2.5-pro', 'llama-4-maverick', 'qwen3-235b-a22b', 'deepseek-v3', 'grok-3', 'mistral-large'];

/** The raw name board `b` uses for model `m`: a few spelling styles, as real boards differ. */
function nameFor(m: number, b: number): string {
	const base = `${FAMILIES[m % FAMILIES.length]}-synth-${m}`;
	switch (b % 3) {
		case 0:
			return base;
		case 1:
			return base.toUpperCase().replace(/-/g, ' ');
		default:
			return `${base.replace(/-/g, '_')} (2025)`;
	}
}

export interface SyntheticDay {
	date: string;
	snapshots: ParsedSnapshot[];
}

/** Yields one day at a time (only the boards that changed that day), so the history never sits in memory. */
export function* syntheticHistory(o: SyntheticOptions): Generator<SyntheticDay> {
	const random = rng(o.seed ?? 42);
	const start = Date.parse(`${o.start}T00:00:00Z`);
	// Each board lists a window of the model pool that slides over time: entries and exits.
	const state = o.boards.map((board, b) => ({
		board,
		b,
		offset: Math.floor(random() * o.models * 0.1),
		scores: Array.from({ length: o.models * 2 }, (_, m) => 1000 + 500 * random() + (m % 97))
	}));
	for (let d = 0; d < o.days; d++) {
		const date = new Date(start + d * 86_400_000).toISOString().slice(0, 10);
		const snapshots: ParsedSnapshot[] = [];
		for (const s of state) {
			if (d > 0 && random() > 1 / 3) continue;
			if (random() < 0.05) s.offset += 1 + Math.floor(random() * 3);
			for (let k = 0; k < 20; k++) {
				const m = Math.floor(random() * s.scores.length);
				s.scores[m] += (random() - 0.5) * 12;
			}
			const ids = Array.from({ length: o.models }, (_, i) => (i + s.offset) % s.scores.length);
			ids.sort((x, y) => s.scores[y] - s.scores[x]);
			snapshots.push({
				board: s.board,
				publishedAsOf: date,
				feed: 'official-dataset',
				rankSemantics: 'ordinal',
				adjustment: null,
				methodVersion: null,
				rows: ids.map((m, i) => {
					const score = Math.round(s.scores[m] * 10) / 10;
					const model = nameFor(m, s.b);
					return { rowKey: model, rank: i + 1, rankLower: Math.max(1, i - 2), rankUpper: i + 4, model, organization: `Org ${m % 23}`, license: m % 4 ? 'Proprietary' : 'MIT', score, ciLower: score - 4, ciUpper: score + 4, votes: 1000 + m * 7 };
				}),
				warnings: []
			});
		}
		yield { date, snapshots };
	}
}
