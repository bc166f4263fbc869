import { describe, expect, it } from 'vitest';
import { collapseDuplicateRows, snapshotContentHash } from '../../src/lib/snapshots/rows';
import type { ParsedRow } from '../../src/lib/snapshots/snapshot';

const rows = (): ParsedRow[] => [
	{ rowKey: 'b', rank: 2, model: 'b', score: 1390.5, votes: 10, extras: { command: 'aider --model b', pass_rate_1: 0.25 } },
	{ rowKey: 'a', rank: 1, model: 'a', score: 1400, organization: 'Org', ciLower: 1395.25, ciUpper: null },
	{ rowKey: 'twin', rank: 3, model: 'twin', score: 1380 },
	{ rowKey: 'twin', rank: 3, model: 'twin', score: 1380 },
	{ rowKey: 'twin', rank: 4, model: 'twin', score: 1370, license: 'MIT' },
	{ rowKey: 'twin', rank: 4, model: 'twin', score: 1370, license: 'MIT' }
];
const settings = { rankSemantics: 'ordinal', adjustment: null, methodVersion: null } as const;
const hashOf = (input: ParsedRow[]) => snapshotContentHash(settings, collapseDuplicateRows(input).rows);

describe('snapshot content hash', () => {
	// Stored hashes decide whether a re-imported file is unchanged: a database written by an earlier
	// release must see the same value, or every re-import would store its snapshots again.
	it('is the value earlier releases stored for the same rows, repeated and renamed ones included', () => {
		expect(hashOf(rows())).toBe('02bbc528c0815b1c51953c00458c2ec185b9e80c0efff5f12990d3c9d1420a4b');
	});

	it('is the value earlier releases stored for a snapshot too long to hash in one piece', () => {
		const big = Array.from({ length: 600 }, (_, i) => ({ rowKey: `model ${i} — ünïcode`, rank: i + 1, model: `model ${i} — ünïcode`, score: 1500 - i / 3, extras: { note: 'x'.repeat(i % 40) } }));
		expect(hashOf(big)).toBe('10693bf6188487ef4bc914834784143177ce4bb68c81e74e49eb3538a5418d7c');
	});

	it('does not depend on the order the page listed its rows in', () => {
		expect(hashOf(rows().reverse())).toBe(hashOf(rows()));
	});

	it('changes with any field of any row', () => {
		const changed = rows();
		changed[4].license = 'Apache-2.0';
		changed[5].license = 'Apache-2.0';
		expect(hashOf(changed)).not.toBe(hashOf(rows()));
	});
});
