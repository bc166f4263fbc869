import { describe, expect, it } from 'vitest';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { fromWire, toWire } from '../../src/cli/prepared-wire';
import type { PreparedFile } from '../../src/lib/server/ingest/import-files';
import type { PreparedRow } from '../../src/lib/snapshots/rows';

const rows: PreparedRow[] = [
	// Every number distinct, so a column read back in the wrong place shows.
	{ rowKey: 'gpt-4o', rank: 5, rankLower: 3, rankUpper: 7, model: 'gpt-4o', organization: 'OpenAI', license: 'Proprietary', score: 1287.25, ciLower: -3.5, ciUpper: 4, votes: 51234, needsReview: false },
	{ rowKey: 'x#2', rank: 2, model: 'x', needsReview: true, fingerprint: 'x\u001f2', extras: { command: 'aider --model x', cost: 0.5, thinking: true, note: null } },
	{ rowKey: 'zero', rank: 3, rankLower: null, model: 'zero', organization: null, score: 0, ciLower: -0, votes: null, needsReview: false }
];

const file: PreparedFile = {
	size: 123,
	payload: { sha256: 'ab', size: 123, gzip: new Uint8Array([1, 2, 3]) },
	parsed: {
		kind: 'snapshots',
		format: 'f',
		fallbackDate: { date: '2025-01-02', basis: 'file-name' },
		snapshots: [
			{ board: 'b', publishedAsOf: null, feed: 'live-page', rankSemantics: 'ordinal', adjustment: null, methodVersion: null, rows, warnings: ['w'], contentHash: 'h' }
		]
	}
};

/** What the writer would store of a row: absent numbers and texts are null either way (saveSnapshot). */
function stored(r: PreparedRow) {
	const { rankLower, rankUpper, organization, license, score, ciLower, ciUpper, votes, ...rest } = r;
	return { ...rest, rankLower: rankLower ?? null, rankUpper: rankUpper ?? null, organization: organization ?? null, license: license ?? null, score: score ?? null, ciLower: ciLower ?? null, ciUpper: ciUpper ?? null, votes: votes ?? null };
}

describe('a prepared file between the parse worker and the writer', () => {
	it('comes through a message port with every row as the writer stores it', () => {
		const { port1, port2 } = new MessageChannel();
		port1.postMessage(toWire(file));
		const back = fromWire(receiveMessageOnPort(port2)!.message);
		port1.close();
		expect(back.size).toBe(123);
		expect(back.parsed.kind).toBe('snapshots');
		const snapshot = back.parsed.kind === 'snapshots' ? back.parsed.snapshots[0] : null;
		expect({ ...snapshot, rows: [] }).toEqual({ ...file.parsed.kind === 'snapshots' && file.parsed.snapshots[0], rows: [] });
		expect(snapshot!.rows).toEqual(rows.map(stored));
		// -0 is a number SQLite keeps; only null-like values become null.
		expect(Object.is(snapshot!.rows[2].ciLower, -0)).toBe(true);
	});

	it('leaves a file without snapshots as it is', () => {
		const rejected: PreparedFile = { size: 0, payload: null, parsed: { kind: 'rejected', format: null, reason: 'empty' } };
		expect(fromWire(toWire(rejected))).toEqual(rejected);
	});
});
