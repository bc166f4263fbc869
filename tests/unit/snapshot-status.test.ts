import { describe, expect, it } from 'vitest';
import { decideSnapshotStatus, outranks, type StatusCandidate, type StoredNeighbours } from '../../src/lib/snapshots/snapshot-status';

const candidate = (over: Partial<StatusCandidate> = {}): StatusCandidate => ({
	asOf: '2025-06-01',
	feed: 'live-page',
	methodVersion: null,
	fetchedAt: new Date('2025-06-02T00:00:00Z'),
	contentHash: 'new',
	origin: 'table.csv',
	rows: Array.from({ length: 40 }),
	...over
});
const nothing: StoredNeighbours = { identical: null, before: null, rival: null, previous: null };
const rival = (over: Partial<NonNullable<StoredNeighbours['rival']>> = {}): StoredNeighbours['rival'] => ({
	id: 7,
	feed: 'live-page',
	methodVersion: null,
	feedPriority: 3,
	fetchedAt: '2025-06-01T12:00:00.000Z',
	...over
});

describe('a new snapshot’s status', () => {
	it('is active on a board with nothing stored around its date', () => {
		expect(decideSnapshotStatus(candidate(), nothing)).toEqual({ store: true, status: 'active', reason: null, displaces: null });
	});

	it('is not stored when the same date and content is already there, whatever else the board holds', () => {
		const stored = { ...nothing, identical: { id: 3, asOf: '2025-06-01' }, before: { id: 2, asOf: '2025-05-01', contentHash: 'new' }, rival: rival() };
		expect(decideSnapshotStatus(candidate(), stored)).toEqual({ store: false, snapshotId: 3, reason: 'identical to the 2025-06-01 snapshot already stored' });
	});

	it('is not stored when it repeats the content of the board’s previous snapshot', () => {
		const stored = { ...nothing, before: { id: 2, asOf: '2025-05-01', contentHash: 'new' } };
		expect(decideSnapshotStatus(candidate(), stored)).toEqual({ store: false, snapshotId: 2, reason: 'same content as the 2025-05-01 snapshot' });
		expect(decideSnapshotStatus(candidate(), { ...stored, before: { id: 2, asOf: '2025-05-01', contentHash: 'old' } })).toMatchObject({ store: true, status: 'active' });
	});

	it('displaces a rival of the same date it outranks (a later fetch of the same feed)', () => {
		expect(decideSnapshotStatus(candidate(), { ...nothing, rival: rival() })).toEqual({
			store: true,
			status: 'active',
			reason: null,
			displaces: { id: 7, reason: 'replaced by a live-page snapshot of the same date (table.csv)' }
		});
	});

	it('is superseded by a rival of a higher-priority feed', () => {
		const stored = { ...nothing, rival: rival({ feed: 'official-dataset', feedPriority: 5 }) };
		expect(decideSnapshotStatus(candidate(), stored)).toEqual({
			store: true,
			status: 'superseded',
			reason: 'the board already has a official-dataset snapshot for 2025-06-01, which takes precedence',
			displaces: null
		});
	});

	it('is superseded by a rival from a newer method release, whatever the feeds', () => {
		const stored = { ...nothing, rival: rival({ methodVersion: '2025-05-30', feedPriority: 1 }) };
		expect(decideSnapshotStatus(candidate({ methodVersion: '2025-04-25', feed: 'official-dataset' }), stored)).toEqual({
			store: true,
			status: 'superseded',
			reason: "the board's 2025-06-01 snapshot from the newer release 2025-05-30 is in force",
			displaces: null
		});
	});

	it('is held when its rows fall to less than half of the previous snapshot’s, and then leaves a rival in force', () => {
		const stored = { ...nothing, rival: rival({ fetchedAt: '2025-06-01T00:00:00.000Z' }), previous: { asOf: '2025-05-01', rowCount: 81 } };
		expect(decideSnapshotStatus(candidate(), stored)).toEqual({
			store: true,
			status: 'held',
			reason: 'row count fell from 81 (2025-05-01) to 40, more than half: held until accepted',
			displaces: null
		});
		// Exactly half is still a board, not a collapse.
		expect(decideSnapshotStatus(candidate(), { ...stored, previous: { asOf: '2025-05-01', rowCount: 80 } })).toMatchObject({ status: 'active', displaces: { id: 7 } });
	});

	it('is superseded rather than held when a rival outranks it', () => {
		const stored = { ...nothing, rival: rival({ feedPriority: 5, feed: 'official-dataset' }), previous: { asOf: '2025-05-01', rowCount: 500 } };
		expect(decideSnapshotStatus(candidate(), stored)).toMatchObject({ status: 'superseded' });
	});
});

describe('precedence of two snapshots of one date', () => {
	const at = (methodVersion: string | null, feedPriority: number, fetchedAt: string) => ({ methodVersion, feedPriority, fetchedAt });
	it('the newer method generation first, then the feed, then the later fetch (a tie goes to the newcomer)', () => {
		expect(outranks(at('2025-05-30', 1, 'a'), at('2025-04-25', 5, 'b'))).toBe(true);
		expect(outranks(at(null, 1, 'b'), at('2025-04-25', 5, 'a'))).toBe(false);
		expect(outranks(at(null, 3, 'b'), at(null, 3, 'a'))).toBe(true);
		expect(outranks(at(null, 3, 'a'), at(null, 3, 'a'))).toBe(true);
		expect(outranks(at(null, 3, 'a'), at(null, 3, 'b'))).toBe(false);
	});
});
