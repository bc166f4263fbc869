import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/paths';

/** The direction of dependencies the README's Layout section promises, read from the source text. */

function filesUnder(dir: string): string[] {
	return readdirSync(join(projectRoot, dir), { withFileTypes: true, recursive: true })
		.filter((e) => e.isFile() && /\.(ts|js|svelte)$/.test(e.name))
		.map((e) => relative(projectRoot, join(e.parentPath, e.name)));
}

/** Every module specifier a file imports: static (also split over lines), re-exports and dynamic imports. */
function importsOf(file: string): string[] {
	const text = readFileSync(join(projectRoot, file), 'utf8');
	const specs = [...text.matchAll(/\b(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm)];
	return specs.map((m) => m[1] ?? m[2] ?? m[3]);
}

/** Where a specifier points inside the project (null for packages). */
function target(file: string, spec: string): string | null {
	if (spec.startsWith('$lib/')) return join('src/lib', spec.slice(5));
	if (spec.startsWith('.')) return relative(projectRoot, resolve(projectRoot, dirname(file), spec));
	return null;
}

function offenders(dir: string, forbidden: (path: string) => boolean): string[] {
	return filesUnder(dir).flatMap((f) =>
		importsOf(f)
			.map((s) => target(f, s))
			.filter((t): t is string => t !== null && forbidden(t))
			.map((t) => `${f} → ${t}`)
	);
}

describe('layering', () => {
	it('the import scanner sees static, multi-line and dynamic imports', () => {
		const sample = importsOf('tests/unit/architecture.test.ts');
		expect(sample).toContain('node:fs');
		expect(sample).toContain('../helpers/paths');
	});

	it('no file under src/lib/server imports scrapers/', () => {
		expect(offenders('src/lib/server', (t) => t === 'scrapers' || t.startsWith('scrapers/'))).toEqual([]);
	});

	it('the catalogue imports nothing of the server, of fetching or of the sources code', () => {
		expect(offenders('src/lib/catalogue', (t) => t.startsWith('src/lib/server') || t.startsWith('scrapers') || t.startsWith('src/cli') || t.startsWith('src/routes'))).toEqual([]);
	});

	it('the sources code does not reach into the server', () => {
		expect(offenders('scrapers', (t) => t.startsWith('src/lib/server') || t.startsWith('src/cli') || t.startsWith('src/routes'))).toEqual([]);
	});
});

describe('configuration', () => {
	// The environment is read in one place (src/lib/server/config.ts validates it); everything else is handed the result.
	const ENTRY_POINTS = ['src/lib/server/config.ts', 'src/cli/run.ts', 'src/cli/command.ts', 'src/cli/db.ts'];

	it('only the configuration module and the CLI entry read the raw environment', () => {
		const readers = ['src', 'scrapers']
			.flatMap(filesUnder)
			.filter((f) => !ENTRY_POINTS.includes(f))
			.filter((f) => /\bprocess\.env\b|NodeJS\.ProcessEnv/.test(readFileSync(join(projectRoot, f), 'utf8')));
		expect(readers).toEqual([]);
	});
});
