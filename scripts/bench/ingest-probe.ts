// Quick probe of the ingest path's speed: `npx tsx scripts/bench/ingest-probe.ts [days]`.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/lib/server/db/connection';
import { storeSnapshots } from '../../scrapers/ingest';
import { validateSnapshot } from '../../scrapers/validate';
import { getSource } from '../../scrapers/registry';
import { syntheticHistory } from './synthetic';

const days = Number(process.argv[2] ?? 30);
const dir = mkdtempSync(join(tmpdir(), 'rankdrift-probe-'));
const db = openDatabase(join(dir, 'probe.db'));
const source = getSource('lmarena-text')!;
const boards = Array.from({ length: 20 }, (_, i) => (i === 0 ? 'lmarena-text' : `lmarena-text/bench-${String(i).padStart(2, '0')}`));
let rows = 0;
const t0 = performance.now();
for (const day of syntheticHistory({ boards, models: 2000, days, start: '2024-01-01' })) {
	for (const s of day.snapshots) validateSnapshot(s);
	const r = storeSnapshots(db, source, day.snapshots, { origin: 'bench', fetchedAt: new Date(), fallbackDate: null, runId: null, payloadId: null });
	rows += r.results.filter((x) => x.outcome === 'added').reduce((n, x) => n + x.rows, 0);
}
const ms = performance.now() - t0;
console.log(`${rows} rows in ${(ms / 1000).toFixed(1)} s: ${Math.round(rows / (ms / 1000))} rows/s (${((ms * 1000) / rows).toFixed(2)} µs/row); db ${dir}`);
