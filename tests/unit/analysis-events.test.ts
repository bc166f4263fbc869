import { describe, expect, it } from 'vitest';
import { boardEvents, boardHistoryEvents, jumpThreshold, noiseModel, NoiseWindow, rankRegion, regionThreshold, stepMoves, stepNoise, DEFAULT_EVENT_OPTIONS, RANK_REGIONS, type StepMoves } from '../../src/lib/analysis/events';
import { newcomerTest, seenKeys } from '../../src/lib/analysis/identity-keys';
import { crossBoardMismatches, firstSightings, retractionMismatches, sameBoardMismatches } from '../../src/lib/analysis/mismatches';
import { entry, scored, view } from '../helpers/analysis-builders';

const names = (n: number, prefix = 'm') => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(n > 100 ? 3 : 2, '0')}`);
const kinds = (events: { kind: string }[]) => events.map((e) => e.kind).sort();

describe('events on one board', () => {
	it('a board shrinking because old models were de-listed fires no jumps (ranks below "improve" by the number removed)', () => {
		const all = scored(names(60));
		const prev = view('b', '2025-01-01', all, { rankSemantics: 'ub' });
		// Ten models dropped from the middle: everyone below moves up ten places with identical scores.
		const kept = all.filter((_, i) => i < 20 || i >= 30).map((e, i) => ({ ...e, rank: i + 1, position: i + 1 }));
		const next = view('b', '2025-01-08', kept, { rankSemantics: 'ub' });
		const events = boardEvents(prev, next, newcomerTest(new Set()));
		expect(events.filter((e) => e.kind === 'jump')).toEqual([]);
		expect(events.filter((e) => e.kind === 'delisted')).toHaveLength(10);
		expect(events.find((e) => e.kind === 'delisted')!.detail).toMatch(/no longer listed/);
	});

	it('a new model debuting as sole #1 is a new leader and a new entrant', () => {
		const prev = view('b', '2025-01-01', scored(names(20)));
		const next = view('b', '2025-01-08', scored(['newcomer', ...names(20)]));
		const events = boardEvents(prev, next, newcomerTest(new Set(prev.entries.flatMap(seenKeys))));
		const leader = events.find((e) => e.kind === 'new-leader')!;
		expect(leader).toMatchObject({ model: 'newcomer', previousModel: 'm00', toRank: 1, severity: 'high' });
		expect(events.find((e) => e.kind === 'new-entrant')).toMatchObject({ model: 'newcomer', toRank: 1 });
		expect(events.filter((e) => e.kind === 'jump')).toEqual([]);
	});

	it('a jump needs a rank change over the threshold among shared models and, with CIs, a significant score change', () => {
		const before = scored(names(30), { half: 3 });
		const mover = { ...before[20], score: 1500 + 5, ciLower: 1502, ciUpper: 1508 };
		const after = [mover, ...before.filter((_, i) => i !== 20)].map((e, i) => ({ ...e, rank: i + 1, position: i + 1 }));
		const events = boardEvents(view('b', 'd1', before), view('b', 'd2', after), newcomerTest(new Set()));
		const jump = events.find((e) => e.kind === 'jump')!;
		expect(jump).toMatchObject({ model: 'm20', fromRank: 21, toRank: 1, scoreChange: 205 });
		expect(jump.z).toBeGreaterThan(3);
		// The same move with wide intervals is noise, not a jump.
		const noisy = after.map((e) => ({ ...e, ciLower: e.score! - 400, ciUpper: e.score! + 400 }));
		const wideBefore = before.map((e) => ({ ...e, ciLower: e.score! - 400, ciUpper: e.score! + 400 }));
		expect(boardEvents(view('b', 'd1', wideBefore), view('b', 'd2', noisy), newcomerTest(new Set())).filter((e) => e.kind === 'jump')).toEqual([]);
	});

	it('the default threshold scales with board size', () => {
		expect(jumpThreshold(20, DEFAULT_EVENT_OPTIONS)).toBe(2);
		expect(jumpThreshold(250, DEFAULT_EVENT_OPTIONS)).toBe(10);
	});

	it('without CIs a move over the threshold is a jump (no score test possible)', () => {
		const prev = view('b', 'd1', names(10));
		const next = view('b', 'd2', ['m09', ...names(9)]);
		const jump = boardEvents(prev, next, newcomerTest(new Set())).find((e) => e.kind === 'jump')!;
		expect(jump).toMatchObject({ model: 'm09', fromRank: 10, toRank: 1, z: null });
	});

	it('a rename (same release, new label) is a rename, not a new model and not a jump', () => {
		const prev = view('b', 'd1', [entry('Gemini 2.5 Pro exp-03-25', 1, { family: 'gemini-2.5-pro', release: 'gemini-2.5-pro@exp-03-25', labelTags: ['exp'], score: 72.9 }), ...scored(names(5), { top: 60 }).map((e, i) => ({ ...e, rank: i + 2 }))]);
		const next = view('b', 'd2', [entry('Gemini 2.5 Pro Preview 03-25', 1, { family: 'gemini-2.5-pro', release: 'gemini-2.5-pro@exp-03-25', labelTags: ['preview'], score: 72.9 }), ...prev.entries.slice(1)]);
		const events = boardEvents(prev, next, newcomerTest(new Set(prev.entries.flatMap(seenKeys))));
		expect(kinds(events)).toEqual(['renamed']);
		expect(events[0]).toMatchObject({ model: 'Gemini 2.5 Pro Preview 03-25', previousModel: 'Gemini 2.5 Pro exp-03-25' });
	});

	it('an unresolved name spelled anew (case, spacing) is the same row: no rename, no de-listing', () => {
		const unresolved = (name: string, rank: number) => entry(name, rank, { family: null, release: null });
		const prev = view('b', 'd1', [...names(3), unresolved('Mystery Model', 4)]);
		const next = view('b', 'd2', [...names(3), unresolved('mystery-model', 4)]);
		expect(boardEvents(prev, next, () => false)).toEqual([]);
	});

	it('a change of method (style control, LiveBench release) is an event and no jumps are computed across it', () => {
		const prev = view('b', 'd1', names(10), { methodVersion: '2025-04-25' });
		const next = view('b', 'd2', [...names(10)].reverse(), { methodVersion: '2025-05-30' });
		const events = boardEvents(prev, next, newcomerTest(new Set()));
		expect(kinds(events)).toContain('methodology');
		expect(events.filter((e) => e.kind === 'jump')).toEqual([]);
		const sc = boardEvents(view('b', 'd1', names(5), { adjustment: 'none' }), view('b', 'd2', names(5), { adjustment: 'style-control' }), newcomerTest(new Set()));
		expect(sc.find((e) => e.kind === 'methodology')!.detail).toMatch(/none → style-control/);
	});

	it('ids are stable: the same history gives the same event ids', () => {
		const history = [view('b', 'd1', names(10)), view('b', 'd2', ['m09', ...names(9)]), view('b', 'd3', ['new', 'm09', ...names(9)])];
		const again = history.map((v) => ({ ...v, id: v.id + 1000 }));
		expect(boardHistoryEvents(history).map((e) => e.id)).toEqual(boardHistoryEvents(again).map((e) => e.id));
		expect(kinds(boardHistoryEvents(history))).toEqual(['jump', 'new-entrant', 'new-leader', 'new-leader']);
	});
});

/** `order` as a board: each name at its position in the list. */
const ranked = (order: string[]) => order.map((n, i) => entry(n, i + 1));
/** The list with the item at `from` moved to `to` (0-based). */
const moved = (order: string[], from: number, to: number) => {
	const out = [...order];
	out.splice(to, 0, ...out.splice(from, 1));
	return out;
};
const jumps = <E extends { kind: string }>(events: E[]) => events.filter((e) => e.kind === 'jump');

describe('events judged against each series and its noise', () => {
	it('compares a snapshot only with the previous one of its series: two feeds interleaved on one board are not moves', () => {
		const order = names(30);
		const other = [...order].reverse();
		const history = [
			view('b', '2025-01-01', ranked(order), { feed: 'hf-space', rankSemantics: 'computed' }),
			view('b', '2025-01-03', ranked(other), { feed: 'hf-space', rankSemantics: 'ub' }),
			view('b', '2025-01-05', ranked(order), { feed: 'hf-space', rankSemantics: 'computed' }),
			view('b', '2025-01-07', ranked(other), { feed: 'hf-space', rankSemantics: 'ub' })
		];
		const events = boardHistoryEvents(history);
		expect(jumps(events)).toEqual([]);
		// The second series starting is told once, as a change of method.
		expect(events.map((e) => [e.kind, e.date])).toEqual([['methodology', '2025-01-03']]);
		expect(events[0].detail).toMatch(/rank semantics computed → ub/);
	});

	it('tells no moves or de-listings across a long gap, but still the new leader and entrants', () => {
		const prev = view('b', '2025-01-01', ranked(names(30)));
		const next = view('b', '2025-06-01', ranked(['newcomer', ...moved(names(30), 20, 0).slice(0, 25)]));
		const events = boardEvents(prev, next, newcomerTest(new Set(prev.entries.flatMap(seenKeys))));
		expect(kinds(events)).toEqual(['new-entrant', 'new-leader']);
		expect(events.find((e) => e.kind === 'new-leader')!.detail).toMatch(/first snapshot after 151 days/);
		// The same step a week apart tells the move and the de-listings.
		const week = boardEvents(prev, { ...next, asOf: '2025-01-08' }, newcomerTest(new Set(prev.entries.flatMap(seenKeys))));
		expect(kinds(week)).toContain('jump');
		expect(kinds(week)).toContain('delisted');
	});

	it('a board-wide shift is one recalibration, not a jump per model', () => {
		const order = names(40);
		// Everyone moves: the board was re-fitted.
		const shuffled = order.map((_, i) => order[(i * 7) % 40]);
		const prev = view('b', 'd1', ranked(order));
		const seen = newcomerTest(new Set(prev.entries.flatMap(seenKeys)));
		const events = boardEvents(prev, view('b', 'd2', ranked(shuffled)), seen);
		expect(kinds(events)).toEqual(['recalibration']);
		expect(events[0].detail).toMatch(/of the 40 models listed on both dates moved/);
		// Half the rows pruned at once is a shift too, not twenty de-listings.
		const pruned = boardEvents(prev, view('b', 'd2', ranked(order.slice(0, 20))), seen);
		expect(kinds(pruned)).toEqual(['recalibration']);
		expect(pruned[0].detail).toMatch(/20 of 40 rows were dropped/);
	});

	it('learns how far each rank region usually moves, and needs a move far outside it', () => {
		const order = names(100);
		// A tail that shuffles by about six places every step, a top that never moves.
		const churn = (k: number) => [...order.slice(0, 50), ...order.slice(50).map((_, i, tail) => tail[(i + 6 * (k % 2 ? 1 : -1) + 50) % 50])];
		const history = Array.from({ length: 6 }, (_, k) => view('b', `2025-01-${String(k + 1).padStart(2, '0')}`, ranked(churn(k))));
		const noise = noiseModel(history.slice(1).map((v, i) => stepMoves(history[i], v)));
		// Ranks 1–3 give too few moves to learn from; ranks 4–10 never moved; ranks 51–100 churn.
		expect(noise[0]).toBeNull();
		expect(noise[1]).toBe(0);
		expect(noise[4]).toBeGreaterThan(5);
		// The default needs 4 places of 100; in the churning tail 2 × its usual move, at the quiet top the default.
		expect(regionThreshold(80, 100, noise, DEFAULT_EVENT_OPTIONS)).toBeGreaterThan(10);
		expect(regionThreshold(2, 100, noise, DEFAULT_EVENT_OPTIONS)).toBe(jumpThreshold(100, DEFAULT_EVENT_OPTIONS));
		// Without history a region falls back to the board-size default.
		expect(regionThreshold(80, 100, noiseModel([]), DEFAULT_EVENT_OPTIONS)).toBe(4);
	});

	it('the sliding noise window gives the 95th percentile of exactly the last steps it holds', () => {
		let seed = 7;
		const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
		const step = (): StepMoves => ({
			moved: new Map(Array.from({ length: 300 }, (_, i) => [`k${i}`, { fromRank: i + 1, moved: Math.round((random() - 0.5) * 40) / 2 }])),
			gone: 0,
			before: 300
		});
		const steps = Array.from({ length: 35 }, step);
		const window = new NoiseWindow();
		steps.forEach((s) => window.push(stepNoise(s)));
		// The oracle: every move of the last 20 steps per region, sorted, read at 95% with linear interpolation.
		const last = steps.slice(-DEFAULT_EVENT_OPTIONS.noiseSteps);
		const expected = RANK_REGIONS.map((_, r) => {
			const moves = last.flatMap((s) => [...s.moved.values()].filter((m) => rankRegion(m.fromRank) === r).map((m) => Math.abs(m.moved))).sort((a, b) => a - b);
			if (moves.length < DEFAULT_EVENT_OPTIONS.noiseMinSamples) return null;
			const at = (moves.length - 1) * 0.95;
			const lo = Math.floor(at);
			return moves[lo] + (moves[Math.min(lo + 1, moves.length - 1)] - moves[lo]) * (at - lo);
		});
		expect(window.model()).toEqual(expected);
		expect(noiseModel(steps)).toEqual(expected);
	});

	it('a jump undone by the next snapshot is kept as a blip; one that holds is not', () => {
		const order = names(30);
		const up = moved(order, 20, 2);
		const undone = boardHistoryEvents([view('b', 'd1', ranked(order)), view('b', 'd2', ranked(up)), view('b', 'd3', ranked(order))]);
		const first = undone.find((e) => e.kind === 'jump' && e.date === 'd2')!;
		expect(first).toMatchObject({ model: 'm20', fromRank: 21, toRank: 3, blip: true });
		const held = boardHistoryEvents([view('b', 'd1', ranked(order)), view('b', 'd2', ranked(up)), view('b', 'd3', ranked(up))]);
		expect(held.find((e) => e.kind === 'jump' && e.date === 'd2')).toMatchObject({ model: 'm20', blip: false });
	});

	it('rates a move by where it happens: the top of a headline board is high, a long move deep in the table is low', () => {
		const order = names(400);
		const deep = boardEvents(view('b', 'd1', ranked(order)), view('b', 'd2', ranked(moved(order, 294, 357))), newcomerTest(new Set()), DEFAULT_EVENT_OPTIONS, { headline: true });
		expect(jumps(deep)[0]).toMatchObject({ fromRank: 295, toRank: 358, severity: 'low' });
		const top = boardEvents(view('b', 'd1', ranked(order)), view('b', 'd2', ranked(moved(order, 30, 1))), newcomerTest(new Set()), DEFAULT_EVENT_OPTIONS, { headline: true });
		expect(jumps(top).find((e) => e.model === 'm030')).toMatchObject({ fromRank: 31, toRank: 2, severity: 'high' });
		// The same move on a category board is worth telling, not a headline.
		const category = boardEvents(view('b', 'd1', ranked(order)), view('b', 'd2', ranked(moved(order, 30, 1))), newcomerTest(new Set()));
		expect(jumps(category).find((e) => e.model === 'm030')!.severity).toBe('medium');
	});
});

describe('variant mismatches', () => {
	const maverickExp = (rank: number, over = {}) =>
		entry('Llama-4-Maverick-03-26-Experimental', rank, { family: 'llama-4-maverick', release: 'llama-4-maverick@03-26-experimental', releaseKind: 'checkpoint', labelTags: ['experimental'], organization: 'Meta', ...over });
	const maverick = (rank: number, over = {}) =>
		entry('Llama-4-Maverick-17B-128E-Instruct', rank, { family: 'llama-4-maverick', release: 'llama-4-maverick@2025-04-05', organization: 'Meta', ...over });

	it('same board: an experimental checkpoint ranked far above its public release, naming both', () => {
		const others = names(40).map((n, i) => entry(n, i + 3));
		const v = view('lmarena-text', '2025-04-11', [entry('top', 1), maverickExp(2, { rankLower: 2, rankUpper: 3 }), ...others, maverick(38, { rankLower: 30, rankUpper: 40 })], { rankSemantics: 'ub' });
		const [m] = sameBoardMismatches(v);
		expect(m).toMatchObject({ kind: 'same-board', family: 'llama-4-maverick', gap: 36, significant: true, severity: 'high' });
		expect(m.checkpoint.name).toBe('Llama-4-Maverick-03-26-Experimental');
		expect(m.release.name).toBe('Llama-4-Maverick-17B-128E-Instruct');
	});

	it('same board: overlapping intervals make it insignificant; a small gap is no mismatch at all', () => {
		const others = names(40).map((n, i) => entry(n, i + 2));
		const wide = view('b', 'd', [maverickExp(1, { rankLower: 1, rankUpper: 35 }), ...others, maverick(30, { rankLower: 20, rankUpper: 40 })]);
		expect(sameBoardMismatches(wide)[0].significant).toBe(false);
		const close = view('b', 'd', [maverickExp(1), maverick(2), ...names(40).map((n, i) => entry(n, i + 3))]);
		expect(sameBoardMismatches(close)).toEqual([]);
	});

	it('cross-board: one board ranks the family via a checkpoint, another its public release, far lower', () => {
		const shared = names(20);
		const a = view('lmarena-text', 'd', [maverickExp(1), ...shared.map((n, i) => entry(n, i + 2))]);
		const b = view('livebench', 'd', [...shared.slice(0, 18).map((n, i) => entry(n, i + 1)), maverick(19), ...shared.slice(18).map((n, i) => entry(n, i + 20))]);
		const [m] = crossBoardMismatches(a, b, 'd');
		expect(m).toMatchObject({ kind: 'cross-board', family: 'llama-4-maverick', commonSetSize: 21 });
		expect(m.checkpoint).toMatchObject({ board: 'lmarena-text', name: 'Llama-4-Maverick-03-26-Experimental' });
		expect(m.release).toMatchObject({ board: 'livebench', name: 'Llama-4-Maverick-17B-128E-Instruct' });
		expect(m.gap).toBeGreaterThan(0.8);
	});

	it('retraction: a checkpoint vanishing soon after its public release appears lower', () => {
		const others = names(30).map((n, i) => entry(n, i + 3));
		const h = [
			view('b', '2025-04-06', [entry('top', 1), maverickExp(2), ...others]),
			view('b', '2025-04-08', [entry('top', 1), maverickExp(2), ...others, maverick(33)]),
			view('b', '2025-04-13', [entry('top', 1), ...others.map((e) => ({ ...e, rank: e.rank - 1 })), maverick(32)])
		];
		const [m] = retractionMismatches(h);
		expect(m).toMatchObject({ kind: 'retraction', date: '2025-04-13', gap: 30 });
		expect(m.checkpoint.date).toBe('2025-04-08');
		// The same disappearance where a different feed took over is a change of spelling, not a retraction.
		expect(retractionMismatches([h[0], h[1], { ...h[2], feed: 'third-party' }])).toEqual([]);
	});

	it('a mismatch seen on many snapshots is one mismatch with its first date and its last sighting', () => {
		const others = names(40).map((n, i) => entry(n, i + 3));
		const day = (d: string) => view('b', d, [entry('top', 1), maverickExp(2, { rankLower: 2, rankUpper: 3 }), ...others, maverick(38, { rankLower: 35, rankUpper: 40 })]);
		const all = firstSightings([...sameBoardMismatches(day('2025-04-20')), ...sameBoardMismatches(day('2025-04-06')), ...sameBoardMismatches(day('2025-04-13'))]);
		expect(all).toHaveLength(1);
		expect(all[0]).toMatchObject({ date: '2025-04-06', lastSeen: '2025-04-20', sightings: 3 });
	});
});
