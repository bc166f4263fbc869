import { mkdtempSync, rmSync, writeFileSync, readFileSync, truncateSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles, MAX_IMPORT_BYTES } from '../../src/lib/server/ingest/import-files';
import { sourceDefinitions } from '../../src/sources';
import { fixture, sharedData } from '../helpers/paths';
import { tempDb, type TempDb } from '../helpers/temp-db';

let dir: string;
let t: TempDb;
beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'rankdrift-bad-'));
	t = tempDb();
});
afterAll(() => {
	t.cleanup();
	rmSync(dir, { recursive: true, force: true });
});

function file(name: string, content: string | Buffer): string {
	const p = join(dir, name);
	writeFileSync(p, content);
	return p;
}

/** Real files of every source, to damage in the ways downloads and copies get damaged. */
const samples: Record<string, string> = {
	'lmarena-text': sharedData('lmarena_fboulnois/hfspace_text/2025-03-01.csv'),
	'lmarena-webdev': sharedData('webdev_arena/2025-08-12.csv'),
	'lmarena-vision': sharedData('lmarena_fboulnois/pkl_vision/2025-07-27.csv'),
	'lmarena-image': sharedData('lmarena_fboulnois/pkl_image/2025-07-27.csv'),
	// Nothing of these arenas is recorded: the official dataset's rows are their live format.
	'lmarena-search': fixture('lmarena/dataset-rows-text.json'),
	'lmarena-document': fixture('lmarena/dataset-rows-text.json'),
	'lmarena-video': fixture('lmarena/dataset-rows-text.json'),
	yupp: sharedData('yupp/2026-03-15.csv'),
	livebench: sharedData('franri3008_scraped_2026/livebench_leaderboard/2026-02-03.csv'),
	'aider-polyglot': sharedData('aider/polyglot/2025-07-11.yml'),
	swebench: sharedData('swebench_leaderboards/2025-08-11.json'),
	'artificial-analysis': sharedData('franri3008_scraped_2026/aa_models_leaderboard/2026-02-03.csv')
};

describe('malformed imports are rejected with a reason and store nothing', () => {
	for (const source of sourceDefinitions) {
		const sample = samples[source.id];
		it(`${source.id}: binary, HTML where data is expected, truncated, emptied`, () => {
			const original = readFileSync(sample);
			const cases: [string, string | Buffer, RegExp][] = [
				['binary', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), original.subarray(0, 500)]), /binary/],
				['html', '<!DOCTYPE html><html><head><title>Page not found</title></head><body><h1>404</h1></body></html>', /unrecognised content|no table|layout changed|not a/i],
				['truncated', original.subarray(0, Math.floor(original.length * 0.37)), /truncated|not readable|not valid|layout|columns|is not a|missing|unexpected|ends/i],
				['empty', '', /^empty/],
				['whitespace', '\n\n   \n', /empty|unrecognised|not readable/i]
			];
			const before = t.db.prepare('SELECT COUNT(*) AS n FROM snapshots').get() as { n: number };
			for (const [kind, content, reason] of cases) {
				const ext = sample.slice(sample.lastIndexOf('.'));
				const r = importFiles(t.db, source, [file(`${source.id}-${kind}-2025-01-01${ext}`, content)]);
				expect(r.files[0].outcome, `${source.id} ${kind}: ${r.files[0].reason}`).toBe('rejected');
				expect(r.files[0].reason, `${source.id} ${kind}`).toMatch(reason);
			}
			expect(t.db.prepare('SELECT COUNT(*) AS n FROM snapshots').get()).toEqual(before);
		});
	}

	it('a file over the size limit is refused before it is read', () => {
		const p = join(dir, 'huge-2025-01-01.csv');
		copyFileSync(samples['lmarena-text'], p);
		truncateSync(p, MAX_IMPORT_BYTES + 1);
		const r = importFiles(t.db, sourceDefinitions[0], [p]);
		expect(r.files[0]).toMatchObject({ outcome: 'rejected' });
		expect(r.files[0].reason).toMatch(/over the \d+-byte import limit/);
	});

	it('text in another encoding is read as Windows-1252, not rejected or garbled', () => {
		const latin = Buffer.from(readFileSync(sharedData('soothsayer_crossboard_2026-03-15/lmarena/2026-03-15.csv')));
		const r = importFiles(t.db, sourceDefinitions[0], [file('latin-2026-03-15.csv', latin)]);
		expect(r.files[0].outcome).toBe('added');
	});
});
