import { describe, expect, it } from 'vitest';
import { categoryOf, findingsOfEvents, findingsOfMismatches, type FindingEvent, type FindingMismatch } from '../../src/lib/analysis/findings';

const ctx = { sourceOf: (b: string) => b.split('/')[0], headline: new Set(['arena', 'bench']), main: new Set(['arena', 'arena/style-control', 'bench']) };

let n = 0;
function ev(over: Partial<FindingEvent>): FindingEvent {
	return {
		id: `e${n++}`,
		kind: 'jump',
		board_id: 'arena',
		date: '2025-05-10',
		previous_date: '2025-05-03',
		model: 'm',
		previous_model: 'm',
		family: 'fam',
		release: 'fam@1',
		from_rank: 10,
		to_rank: 2,
		z: null,
		severity: 'high',
		detail: 'm rose',
		...over
	};
}

describe('findings from per-board events', () => {
	it('tells one story once across a source’s boards, led by the headline board, listing the categories', () => {
		const found = findingsOfEvents(
			[ev({ board_id: 'arena/spanish', severity: 'medium', detail: 'on spanish' }), ev({ board_id: 'arena', detail: 'on the main board', z: 4 }), ev({ board_id: 'arena/style-control/coding', severity: 'medium' })],
			ctx
		);
		expect(found).toHaveLength(1);
		expect(found[0]).toMatchObject({ kind: 'jump', source: 'arena', severity: 'high', significant: true, boards: ['arena', 'arena/spanish', 'arena/style-control/coding'] });
		expect(found[0].categories).toEqual(['overall', 'spanish', 'style-control/coding']);
		expect(found[0].summary).toMatch(/^on the main board \(on 3 arena boards: overall, spanish, style-control\/coding\)$/);
		expect(found[0].event_ids).toHaveLength(3);
	});

	it('keeps different sources, dates and models apart; a story only on category boards is at most medium', () => {
		const found = findingsOfEvents([ev({ board_id: 'arena/spanish' }), ev({ board_id: 'bench' }), ev({ board_id: 'arena/spanish', date: '2025-05-11' }), ev({ board_id: 'arena/spanish', release: 'other@1' })], ctx);
		expect(found).toHaveLength(4);
		expect(found.filter((f) => f.source === 'arena').every((f) => f.severity === 'medium')).toBe(true);
		expect(found.find((f) => f.source === 'bench')!.severity).toBe('high');
	});

	it('a debut at #1 is one story: the entry and the lead together, as a new leader', () => {
		const found = findingsOfEvents([ev({ kind: 'new-entrant', detail: 'x enters at #1' }), ev({ kind: 'new-leader', detail: 'x is now #1' })], ctx);
		expect(found).toHaveLength(1);
		expect(found[0]).toMatchObject({ kind: 'new-leader', summary: 'x is now #1' });
	});

	it('a new #1 told again by a second feed within 30 days is told once; a later lead is news again', () => {
		const lead = (date: string, board = 'arena') => ev({ kind: 'new-leader', date, previous_date: date, board_id: board });
		const found = findingsOfEvents([lead('2025-03-28'), lead('2025-04-04', 'arena/coding'), lead('2025-06-01')], ctx);
		expect(found.map((f) => f.date).sort()).toEqual(['2025-03-28', '2025-06-01']);
	});

	it('rolls a day of de-listings, renames or low moves up into one finding each', () => {
		const gone = ['a', 'b', 'c'].map((m, i) => ev({ kind: 'delisted', model: null, previous_model: m, release: `${m}@1`, from_rank: 40 + i, to_rank: null, severity: 'low' }));
		const low = ['d', 'e'].map((m) => ev({ kind: 'jump', model: m, release: `${m}@1`, from_rank: 200, to_rank: 260, severity: 'low' }));
		const found = findingsOfEvents([...gone, ...low], ctx);
		expect(found.map((f) => f.kind).sort()).toEqual(['delisted', 'jump']);
		expect(found.find((f) => f.kind === 'delisted')!.summary).toBe('3 models are no longer listed on arena (a (was #40), b (was #41), c (was #42)), on 1 board(s)');
		expect(found.find((f) => f.kind === 'jump')).toMatchObject({ model: null, severity: 'low' });
	});

	it('turns the events of a step across a long gap into one catch-up finding per source and day, but for a debut at the top of a main board', () => {
		const back = { date: '2025-11-05', previous_date: '2025-05-24' };
		const found = findingsOfEvents(
			[
				ev({ ...back, kind: 'new-leader', model: 'g', release: 'g@1' }),
				ev({ ...back, kind: 'new-leader', model: 'k', release: 'k@1', board_id: 'arena/spanish' }),
				ev({ ...back, kind: 'new-entrant', model: 'h', release: 'h@1', to_rank: 6 }),
				ev({ ...back, kind: 'jump', model: 'j', release: 'j@1', board_id: 'arena/spanish' }),
				ev({ ...back, kind: 'jump', board_id: 'bench' })
			],
			ctx
		);
		const back_ = found.find((f) => f.source === 'arena' && f.kind === 'recalibration')!;
		expect(back_).toMatchObject({ severity: 'medium', boards: ['arena', 'arena/spanish'] });
		expect(back_.summary).toBe('arena is back after 165 days without a snapshot on 2 board(s); what changed meanwhile cannot be dated: 1 model(s) new in the top 10 (h)');
		const leader = found.find((f) => f.kind === 'new-leader')!;
		expect(leader).toMatchObject({ model: 'g', boards: ['arena'] });
		expect(leader.summary).toMatch(/first seen after 165 days without a snapshot, so it may have been listed earlier$/);
		expect(found).toHaveLength(3);
	});

	it('names categories by the board path below the source', () => {
		expect(categoryOf('lmarena-text')).toBe('overall');
		expect(categoryOf('lmarena-text/style-control/spanish')).toBe('style-control/spanish');
		expect(categoryOf('swebench/bash-only')).toBe('bash-only');
	});
});

describe('findings from mismatches', () => {
	const mm = (over: Partial<FindingMismatch>): FindingMismatch => ({
		id: `m${n++}`,
		kind: 'cross-board',
		family: 'llama-4-maverick',
		date: '2025-05-06',
		checkpoint_name: 'llama-4-maverick-03-26-experimental',
		checkpoint_board: 'arena',
		checkpoint_rank: 6,
		release_name: 'Llama 4 Maverick',
		release_board: 'bench',
		release_rank: 40,
		significant: 1,
		severity: 'high',
		detail: 'checkpoint vs release',
		...over
	});

	it('one finding per checkpoint and day, listing every board of its comparisons', () => {
		const found = findingsOfMismatches(
			[mm({ kind: 'same-board', release_board: 'arena', severity: 'high' }), mm({ release_board: 'other', severity: 'medium', significant: 0 }), mm({ date: '2025-05-23', kind: 'retraction' })],
			ctx
		);
		expect(found).toHaveLength(2);
		const first = found.find((f) => f.date === '2025-05-06')!;
		expect(first).toMatchObject({ kind: 'mismatch', severity: 'high', significant: true, model: 'llama-4-maverick-03-26-experimental' });
		expect(first.boards.sort()).toEqual(['arena', 'other']);
		expect(first.summary).toMatch(/\(2 comparisons, on /);
	});
});
