import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/lib/server/ingest/import-files';
import { yupp } from '../helpers/sources';
import { lmarenaText } from '../helpers/sources';
import { decisionLog, identityList } from '../../src/lib/server/db/identity';
import { recordDecision, resolveStoredNames, DecisionError } from '../../src/lib/server/identity/service';
import { revokeDecision } from '../../src/lib/server/db/identity';
import { afterSnapshotsAdded } from '../../src/lib/server/pipeline';
import { cli } from '../helpers/cli';
import { sharedData } from '../helpers/paths';
import { tempDb, type TempDb } from '../helpers/temp-db';
import { testContext } from '../helpers/context';

const now = new Date('2026-04-01T00:00:00Z');
let t: TempDb;
beforeEach(() => {
	t = tempDb();
	importFiles(t.db, yupp, [sharedData('yupp/2026-03-15.csv')]);
	importFiles(t.db, lmarenaText, [sharedData('soothsayer_crossboard_2026-03-15/lmarena/2026-03-15.csv')]);
	// The pipeline every import path runs: names resolved, then the analysis catches up with the new snapshots.
	afterSnapshotsAdded(testContext(t.db, { now }), []);
});
afterEach(() => t.cleanup());

const rowOf = (source: string, name: string) => identityList(t.db).find((r) => r.source_id === source && r.raw_name === name)!;

describe('stored identities', () => {
	it('links every stored name to a resolution, the five spellings of Maverick to one family', () => {
		const list = identityList(t.db);
		expect(list.every((r) => r.method !== null)).toBe(true);
		expect(rowOf('yupp', 'Llama4 Maverick')).toMatchObject({ family: 'llama-4-maverick' });
		expect(rowOf('lmarena-text', 'llama-4-maverick-17b-128e-instruct')).toMatchObject({ family: 'llama-4-maverick' });
		expect(rowOf('yupp', 'Llama4 Maverick').boards!.split(',').sort()).toEqual(['yupp', 'yupp/coding']);
	});

	it('an analyst decision wins over the rules, survives re-import and re-resolution, and is audited', () => {
		const unresolved = identityList(t.db, { unresolved: true });
		expect(unresolved.length).toBeGreaterThan(0);
		const target = unresolved.find((r) => r.family === null)!;
		recordDecision(t.db, { sourceId: target.source_id, rawName: target.raw_name, action: 'merge', family: 'gpt-5.4', reason: 'checked the lab page', actor: 'analyst' }, now);
		expect(rowOf(target.source_id, target.raw_name)).toMatchObject({ family: 'gpt-5.4', method: 'decision', confidence: 1 });
		// Re-importing the same files and re-resolving everything keeps the decision in force.
		importFiles(t.db, yupp, [sharedData('yupp/2026-03-15.csv')]);
		resolveStoredNames(t.db, now, { all: true });
		expect(rowOf(target.source_id, target.raw_name)).toMatchObject({ family: 'gpt-5.4', method: 'decision' });
		const [logged] = decisionLog(t.db, 5);
		expect(logged).toMatchObject({ action: 'merge', raw_name: target.raw_name, actor: 'analyst', reason: 'checked the lab page' });
		// Revoked, the rules decide again.
		revokeDecision(t.db, logged.id, now);
		resolveStoredNames(t.db, now, { all: true });
		expect(rowOf(target.source_id, target.raw_name).method).not.toBe('decision');
	});

	it('a reject keeps a name apart (unknown) whatever the rules say', () => {
		recordDecision(t.db, { sourceId: 'yupp', rawName: 'Llama4 Maverick', action: 'reject', actor: 'analyst' }, now);
		expect(rowOf('yupp', 'Llama4 Maverick')).toMatchObject({ family: null, method: 'decision' });
	});

	it('refuses decisions that name unknown families or releases', () => {
		expect(() => recordDecision(t.db, { sourceId: null, rawName: 'x', action: 'merge', family: 'no-such-family', actor: 'a' }, now)).toThrow(DecisionError);
		expect(() => recordDecision(t.db, { sourceId: null, rawName: 'x', action: 'merge', family: 'gpt-4o', release: 'gpt-4o@1999-01-01', actor: 'a' }, now)).toThrow(/unknown release/);
	});
});

describe('rankdrift resolve and identities', () => {
	it('resolve answers in input order on an empty database, creating nothing', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'rankdrift-resolve-'));
		const db = join(dir, 'absent.db');
		try {
			const r = await cli(['resolve', '--source', 'yupp', 'Llama4 Maverick', 'Llama-4-Maverick-03-26-Experimental', 'no such model at all', '--format', 'json', '--db', db]);
			expect(r.code).toBe(0);
			const rows = JSON.parse(r.stdout);
			expect(rows.map((x: { name: string }) => x.name)).toEqual(['Llama4 Maverick', 'Llama-4-Maverick-03-26-Experimental', 'no such model at all']);
			expect(Object.keys(rows[0]).sort()).toEqual(['confidence', 'family', 'method', 'name', 'release', 'source', 'variants']);
			expect(rows[0]).toMatchObject({ source: 'yupp', family: 'llama-4-maverick' });
			expect(rows[1].release).not.toBe(rows[0].release);
			expect(rows[1].variants).toContain('experimental');
			expect(rows[2]).toMatchObject({ family: null, release: null, method: 'unresolved' });
			expect(existsSync(db)).toBe(false);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('identities lists the crosswalk with provenance, --unresolved the review queue', async () => {
		const all = JSON.parse((await cli(['identities', '--format', 'json', '--db', t.path])).stdout);
		const maverick = all.find((r: { name: string }) => r.name === 'Llama4 Maverick');
		expect(maverick).toMatchObject({ source: 'yupp', family: 'llama-4-maverick', first_as_of: '2026-03-15' });
		expect(maverick.boards.sort()).toEqual(['yupp', 'yupp/coding']);
		const queue = JSON.parse((await cli(['identities', '--unresolved', '--format', 'json', '--db', t.path])).stdout);
		expect(queue.length).toBeLessThan(all.length);
		expect(queue.every((r: { family: string | null; confidence: number }) => r.family === null || r.confidence < 0.8)).toBe(true);
		const csv = (await cli(['identities', '--format', 'csv', '--db', t.path])).stdout;
		expect(csv.split('\r\n')[0]).toMatch(/^source,name,hint,family,release/);
	});

	it('a crosswalk change is one command away and leaves entries alone', async () => {
		const before = t.db.prepare('SELECT COUNT(*) AS n, SUM(name_id) AS s FROM entries').get();
		const r = await cli(['identities', '--reresolve', '--db', t.path]);
		expect(r.stdout).toMatch(/^re-resolved \d+ names/);
		expect(t.db.prepare('SELECT COUNT(*) AS n, SUM(name_id) AS s FROM entries').get()).toEqual(before);
	});
});
