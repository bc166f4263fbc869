import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/main';
import { DATASETS } from '../../src/lib/server/export/datasets';
import { allSources } from '../../src/lib/catalogue';
import { projectRoot } from '../helpers/paths';

/** The README documents every command, dataset and source the code has: a new one without its row fails here. */

const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');

function section(title: string): string {
	const start = readme.indexOf(`\n## ${title}`);
	expect(start, `README has no "## ${title}" section`).toBeGreaterThan(-1);
	const end = readme.indexOf('\n## ', start + 1);
	return readme.slice(start, end === -1 ? undefined : end);
}

/** Table rows whose first cell starts with `name` (a command or dataset, possibly followed by its arguments). */
const rowFor = (text: string, name: string) => new RegExp(`^\\| \`${name.replace(/[-/]/g, '\\$&')}(?=[\` ])`, 'm').test(text);

describe('README', () => {
	it('has a row for every CLI command in its CLI reference', () => {
		const cli = section('CLI reference');
		const missing = commands.map((c) => c.name).filter((name) => !rowFor(cli, name));
		expect(missing).toEqual([]);
	});

	it('has a row for every dataset, with its route, in its CSV and API section', () => {
		const api = section('CSV, JSON API and feeds');
		expect(DATASETS.map((d) => d.name).filter((name) => !rowFor(api, name))).toEqual([]);
		expect(DATASETS.map((d) => d.path).filter((path) => !api.includes(`\`${path}\``))).toEqual([]);
	});

	it('names every source in its Sources table', () => {
		const sources = section('Sources');
		expect(allSources().map((s) => s.id).filter((id) => !new RegExp(`^\\|[^\\n]*\`${id}\``, 'm').test(sources))).toEqual([]);
	});

	it('describes every folder of src/lib, src/lib/server and scrapers in its Layout table', () => {
		const layout = readme.slice(readme.indexOf('\n### Layout'), readme.indexOf('\n### Adding a source'));
		const folders = ['src/lib', 'src/lib/server', 'scrapers'].flatMap((parent) =>
			readdirSync(join(projectRoot, parent), { withFileTypes: true })
				.filter((e) => e.isDirectory())
				.map((e) => `${parent}/${e.name}`)
		);
		expect(folders.length).toBeGreaterThan(10);
		// A folder is described by its own row or by rows for what is inside it (src/lib/server/db, …).
		const described = (folder: string) => layout.includes(`| \`${folder}\``) || layout.includes(`| \`${folder}/`);
		expect(folders.filter((f) => !described(f))).toEqual([]);
	});
});
