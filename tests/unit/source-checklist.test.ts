import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allSources } from '../../src/lib/catalogue';
import type { SourceModule } from '../../src/lib/catalogue/contract';
import { sourceModules } from '../../scrapers';
import { projectRoot } from '../helpers/paths';

/** The README's "Adding a source" checklist, held for every registered source and every source folder. */

const sourcesDir = join(projectRoot, 'scrapers', 'sources');
const folders = readdirSync(sourcesDir, { withFileTypes: true })
	.filter((d) => d.isDirectory())
	.map((d) => d.name);

function isModule(value: unknown): value is SourceModule {
	return typeof value === 'object' && value !== null && typeof (value as SourceModule).id === 'string' && Array.isArray((value as SourceModule).formats);
}

/** The source ids a folder's index exports modules for. */
async function idsOf(folder: string): Promise<string[]> {
	const exports = (await import(join(sourcesDir, folder, 'index.ts'))) as Record<string, unknown>;
	return Object.values(exports)
		.flatMap((v) => (Array.isArray(v) ? v : [v]))
		.filter(isModule)
		.map((m) => m.id);
}

const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
const sourcesTable = readme.slice(readme.indexOf('## Sources'), readme.indexOf('\n## ', readme.indexOf('## Sources') + 1));

describe('adding a source: the checklist', () => {
	it('every catalogue entry has exactly one module in scrapers/index.ts, and no module is unregistered', () => {
		const catalogued = allSources().map((s) => s.id);
		expect(sourceModules.map((m) => m.id).sort()).toEqual([...catalogued].sort());
	});

	it.each(folders)('scrapers/sources/%s exports registered modules, has fixtures, a formats test and README rows', async (folder) => {
		const ids = await idsOf(folder);
		expect(ids.length, `${folder}/index.ts exports no SourceModule`).toBeGreaterThan(0);
		for (const id of ids) expect(sourceModules.some((m) => m.id === id), `${id} is not in scrapers/index.ts`).toBe(true);
		const fixtures = join(projectRoot, 'tests', 'fixtures', folder);
		expect(existsSync(fixtures) && readdirSync(fixtures).length > 0, `no recorded sample in tests/fixtures/${folder}`).toBe(true);
		expect(existsSync(join(projectRoot, 'tests', 'integration', `${folder}-formats.test.ts`)), `no tests/integration/${folder}-formats.test.ts`).toBe(true);
		for (const id of ids) expect(sourcesTable, `no row for \`${id}\` in the README's Sources table`).toMatch(new RegExp(`^\\|[^\\n]*\`${id}\``, 'm'));
	});

	it('every registered source lives in some folder', async () => {
		const inFolders = (await Promise.all(folders.map(idsOf))).flat();
		for (const s of allSources()) expect(inFolders, `${s.id} has no folder under scrapers/sources`).toContain(s.id);
	});
});
