import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/lib/server/ingest/import-files';
import { storeSnapshots } from '../../src/lib/server/ingest/ingest';
import { setSourceEnabled } from '../../src/lib/server/db/source-state';
import { bumpDataVersion } from '../../src/lib/server/db/versions';
import { lmarenaText } from '../helpers/sources';
import { startAppServer, type AppServer } from '../helpers/app-server';
import { sharedData } from '../helpers/paths';
import { tempDb, type TempDb } from '../helpers/temp-db';

// The built server keeps a history page it rendered until the data, the sources' health or the day
// changes. What is checked: a kept page is what a new rendering would send (a nonce of its own
// included), and every change the page shows reaches it, written by another connection as a scrape or
// a CLI import would.

let t: TempDb;
let app: AppServer;
const BOARD = `/boards/lmarena-text?date=2030-01-01`;

beforeAll(async () => {
	t = tempDb();
	importFiles(t.db, lmarenaText, [sharedData('lmarena_fboulnois/hfspace_text')]);
	app = await startAppServer(t.path);
}, 60_000);

afterAll(async () => {
	await app?.stop();
	t?.cleanup();
});

async function get(path: string): Promise<{ body: string; headers: Headers }> {
	const res = await fetch(app.url + path);
	expect(res.status).toBe(200);
	return { body: await res.text(), headers: res.headers };
}

const nonceOf = (headers: Headers) => headers.get('content-security-policy')!.match(/'nonce-([^']+)'/)![1];

function latestRows(): { model: string; score: number }[] {
	const latest = t.db.prepare("SELECT id FROM snapshots WHERE board_id = 'lmarena-text' AND status = 'active' ORDER BY as_of DESC LIMIT 1").get() as { id: number };
	return t.db.prepare('SELECT model, score FROM entries WHERE snapshot_id = ? ORDER BY position').all(latest.id) as { model: string; score: number }[];
}

describe('rendered history pages', () => {
	it('are answered again as first rendered, each answer with a nonce of its own in its header and scripts', async () => {
		const first = await get(BOARD);
		const again = await get(BOARD);
		const [a, b] = [nonceOf(first.headers), nonceOf(again.headers)];
		expect(b).not.toBe(a);
		expect(again.body).toBe(first.body.replaceAll(a, b));
		expect(again.body).toContain(`nonce="${b}"`);
		// Kit's ETag hashes the body with its old nonce: it cannot stand for the new one.
		expect(again.headers.get('etag')).toBeNull();
	});

	it('show only what their data version stands for: a write that does not move it is not seen until it moves', async () => {
		expect((await get(BOARD)).body).not.toContain('method behind-the-back');
		// Behind the storage layer's back: no version moves, so the page kept is still the answer. (Not a
		// snapshot's rows: stored rows never change, and the board page keeps them past data versions.)
		t.db
			.prepare("UPDATE snapshots SET method_version = ? WHERE id = (SELECT id FROM snapshots WHERE board_id = 'lmarena-text' AND status = 'active' ORDER BY as_of DESC LIMIT 1)")
			.run('behind-the-back');
		expect((await get(BOARD)).body).not.toContain('method behind-the-back');
		bumpDataVersion(t.db);
		expect((await get(BOARD)).body).toContain('method behind-the-back');
	});

	it('show a snapshot stored by another connection at once', async () => {
		const rows = latestRows();
		const before = await get(BOARD);
		expect(before.body).not.toContain('page-cache-probe-model');
		const models = ['page-cache-probe-model', ...rows.map((r) => r.model)];
		const stored = storeSnapshots(t.db, lmarenaText, [
			{
				board: 'lmarena-text',
				publishedAsOf: '2029-12-31',
				feed: 'official-dataset',
				rankSemantics: 'ordinal',
				adjustment: null,
				methodVersion: null,
				warnings: [],
				rows: models.map((model, i) => ({ rowKey: model, rank: i + 1, model, score: 3000 - i }))
			}
		], { origin: 'test', fetchedAt: new Date(), fallbackDate: null, runId: null, payloadId: null });
		expect(stored.addedSnapshotIds).toHaveLength(1);
		const after = await get(BOARD);
		expect(after.body).toContain('page-cache-probe-model');
		expect(after.body).toContain('2029-12-31');
		expect((await get('/?date=2030-01-01')).body).toContain('2029-12-31');
	});

	it("follow the sources' health, which moves no data version: a source switched off shows in the overview's data", async () => {
		const data = '/__data.json?date=2030-01-01&x-sveltekit-invalidated=01';
		const disabled = (body: string) => body.split('"disabled"').length - 1;
		const before = await get(data);
		expect((await get(data)).body).toBe(before.body);
		setSourceEnabled(t.db, 'lmarena-text', false, new Date());
		const after = await get(data);
		expect(disabled(after.body)).toBeGreaterThan(disabled(before.body));
	});
});
