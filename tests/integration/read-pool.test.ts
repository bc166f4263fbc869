import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerDataset } from '../../src/lib/server/export/answer';
import { findDataset } from '../../src/lib/server/export/datasets';
import { ReadUnavailableError } from '../../src/lib/server/errors';
import { BadParameter } from '../../src/lib/server/export/params';
import { ReadPool } from '../../src/lib/server/reads/pool';
import { recordedDbCopy } from '../helpers/recorded-db';
import { testContext } from '../helpers/context';

// The read workers run the same dataset code as the server's thread: the same bytes for the same
// request, the same errors; a piece of work past the time limit ends its worker with a retryable error.

let rec: Awaited<ReturnType<typeof recordedDbCopy>>;
let pool: ReadPool;

beforeAll(async () => {
	rec = await recordedDbCopy();
	pool = new ReadPool({ size: 2, dbPath: rec.path, timeoutMs: 0 });
});

afterAll(async () => {
	await pool?.close();
	rec?.cleanup();
});

const REQUESTS: [string, string | null, string][] = [
	['boards', null, '?date=2025-06-01'],
	['board', 'lmarena-text', '?date=2025-06-01'],
	['board', 'lmarena-text', '?date=2025-06-01&format=csv'],
	['board-history', 'lmarena-text', '?from=2025-01-01&to=2025-03-01&format=csv'],
	['model', 'gpt-4o', '?to=2025-06-01&format=csv'],
	['divergence', null, '?date=2025-06-01'],
	['events', null, '?until=2025-06-01&limit=50'],
	['events', null, '?until=2025-06-01&format=csv'],
	['findings', null, '?until=2025-06-01&format=csv']
];

async function inWorker(dataset: string, id: string | null, search: string): Promise<Buffer> {
	const answer = await pool.run(dataset, id, search);
	if (answer.format === 'json') return Buffer.from(answer.body + (answer.next ?? ''));
	return Buffer.from(await new Response(answer.body).arrayBuffer());
}

function inProcess(dataset: string, id: string | null, search: string): Buffer {
	const answer = answerDataset(testContext(rec.db), findDataset(dataset)!, id, new URLSearchParams(search));
	if (answer.format === 'json') return Buffer.from(answer.body + (answer.next ?? ''));
	return Buffer.from([...answer.chunks].join(''));
}

describe('read workers', () => {
	it('answer every dataset with the same bytes as the server thread', { timeout: 120_000 }, async () => {
		const answers = await Promise.all(REQUESTS.map(([d, id, s]) => inWorker(d, id, s)));
		REQUESTS.forEach(([d, id, s], i) => {
			const expected = inProcess(d, id, s);
			expect(expected.length, `${d} ${s}`).toBeGreaterThan(100);
			expect(answers[i].equals(expected), `${d} ${id ?? ''} ${s}`).toBe(true);
		});
		expect(pool.workers).toBe(2);
	});

	it('pass a bad parameter back as the same error', async () => {
		await expect(pool.run('events', null, '?since=2025-13-40')).rejects.toBeInstanceOf(BadParameter);
	});

	it('make a download\'s next chunk ahead without counting a slow reader\'s pauses against the time limit', { timeout: 60_000 }, async () => {
		const limited = new ReadPool({ size: 1, dbPath: rec.path, timeoutMs: 1500 });
		try {
			const [dataset, id, search] = ['board-history', 'lmarena-text', '?from=2024-01-01&to=2025-06-01&format=csv'];
			const answer = await limited.run(dataset, id, search);
			if (answer.format !== 'csv') throw new Error('expected a CSV download');
			const reader = answer.body.getReader();
			const parts: Uint8Array[] = [];
			for (let pause = 0; ; pause++) {
				const { done, value } = await reader.read();
				if (done) break;
				parts.push(value);
				// A reader slower than the limit between chunks: its waits are not the worker's work.
				if (pause < 2) await new Promise((r) => setTimeout(r, 2000));
			}
			expect(parts.length).toBeGreaterThan(3);
			expect(Buffer.concat(parts).equals(inProcess(dataset, id, search))).toBe(true);
			expect(limited.workers).toBe(1);
		} finally {
			await limited.close();
		}
	});

	it('end a worker whose query runs past the time limit, with a retryable error; the next request gets a new worker', { timeout: 60_000 }, async () => {
		const strict = new ReadPool({ size: 1, dbPath: rec.path, timeoutMs: 1 });
		try {
			const error = await strict.run('events', null, '?format=csv').catch((e) => e);
			expect(error).toBeInstanceOf(ReadUnavailableError);
			expect(error.retryAfterS).toBeGreaterThan(0);
			expect(error.message).toMatch(/longer than the server allows one query \(0\.001 s\)/);
			expect(strict.workers).toBe(0);
			await expect(strict.run('divergence', null, '?date=2025-06-01')).rejects.toBeInstanceOf(ReadUnavailableError);
			// Two at once on one worker: the second, not begun when the first ended the worker, is started
			// again on a new one (where it meets the same limit) rather than failed as collateral.
			const both = await Promise.all([strict.run('divergence', null, '?date=2025-05-01'), strict.runPage('model', 'gpt-4o', '?date=2025-05-01')].map((p: Promise<unknown>) => p.then(() => new Error('answered'), (e: Error) => e)));
			for (const e of both) expect(e.message).toMatch(/longer than the server allows one query/);
		} finally {
			await strict.close();
		}
	});
});
