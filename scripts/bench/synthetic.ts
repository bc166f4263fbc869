import type { ParsedSnapshot } from '../../src/lib/snapshots/snapshot';
import { listFamilies, loadCrosswalk } from '../../src/lib/identity';

/**
 * A deterministic synthetic leaderboard history at scale: boards × models × days. Each board changes
 * on about a third of days (the first board every day, so one board's history passes a million rows),
 * models enter and leave as each board's window slides over the pool, scores drift, and names are real
 * families from the crosswalk with run settings, spelled the way different boards spell them — so
 * identity resolution and cross-board matching do real work.
 */
export interface SyntheticOptions {
	boards: string[];
	models: number;
	days: number;
	start: string;
	seed?: number;
}

export interface SyntheticDay {
	date: string;
	snapshots: ParsedSnapshot[];
}

function rng(seed: number) {
	let s = seed >>> 0;
	return () => {
		s = (s * 1664525 + 1013904223) >>> 0;
		return s / 2 ** 32;
	};
}

const SETTINGS = ['', ' (high)', ' Thinking', ' (low)'];

/** Model pool: every crosswalk family × a few run settings (about 2,200 distinct models). */
function modelPool(): string[] {
	const families = listFamilies(loadCrosswalk());
	return SETTINGS.flatMap((s) => families.map((f) => `${f.name}${s}`));
}

/** Board `b`'s spelling of a model: display names, API-style keys, or keys with underscores. */
function spell(name: string, b: number): string {
	switch (b % 3) {
		case 0:
			return name;
		case 1:
			return name.toLowerCase().replace(/[()]/g, '').trim().replace(/\s+/g, '-');
		default:
			return name.toLowerCase().replace(/[()]/g, '').trim().replace(/\s+/g, '_');
	}
}

/** Yields one day at a time (only the boards that changed that day), so the history never sits in memory. */
export function* syntheticHistory(o: SyntheticOptions): Generator<SyntheticDay> {
	const random = rng(o.seed ?? 42);
	const pool = modelPool();
	const size = Math.min(o.models, pool.length);
	const start = Date.parse(`${o.start}T00:00:00Z`);
	const state = o.boards.map((board, b) => ({
		board,
		b,
		offset: Math.floor(random() * pool.length),
		scores: pool.map((_, m) => 1000 + 500 * random() + (m % 97))
	}));
	for (let d = 0; d < o.days; d++) {
		const date = new Date(start + d * 86_400_000).toISOString().slice(0, 10);
		const snapshots: ParsedSnapshot[] = [];
		for (const s of state) {
			if (d > 0 && s.b > 0 && random() > 1 / 3) continue;
			if (random() < 0.05) s.offset += 1 + Math.floor(random() * 3);
			for (let k = 0; k < 25; k++) s.scores[Math.floor(random() * pool.length)] += (random() - 0.5) * 12;
			const ids = Array.from({ length: size }, (_, i) => (i + s.offset) % pool.length);
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
					const model = spell(pool[m], s.b);
					return {
						rowKey: model,
						rank: i + 1,
						rankLower: Math.max(1, i - 2),
						rankUpper: i + 4,
						model,
						organization: `Org ${m % 23}`,
						license: m % 4 ? 'Proprietary' : 'MIT',
						score,
						ciLower: score - 4,
						ciUpper: score + 4,
						votes: 1000 + m * 7
					};
				}),
				warnings: []
			});
		}
		yield { date, snapshots };
	}
}
