import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	CrosswalkError,
	crosswalkPath,
	crosswalkVersion,
	listFamilies,
	loadCrosswalk,
	parseCrosswalk,
	resolveName
} from '../../src/lib/identity';
import { config } from '../../src/lib/server/config';
import { projectRoot } from '../helpers/paths';

const shipped = join(projectRoot, 'src', 'lib', 'identity', 'crosswalk.yaml');

const minimal = (families: string, extra = '') => `schema: 1
organizations:
  - { id: acme, name: Acme }
${extra}
families:
${families}
`;

describe('crosswalk file', () => {
	// The server reads the crosswalk at the path its configuration gives (src/lib/server/identity/service.ts).
	it('is found beside the module by default, and RANKDRIFT_CROSSWALK overrides it', () => {
		expect(crosswalkPath(config({}).RANKDRIFT_CROSSWALK)).toBe(shipped);
		expect(crosswalkPath(config({ RANKDRIFT_CROSSWALK: '  ' }).RANKDRIFT_CROSSWALK)).toBe(shipped);
		const dir = mkdtempSync(join(tmpdir(), 'crosswalk-'));
		const file = join(dir, 'cw.yaml');
		writeFileSync(file, minimal('  - { id: widget-1, name: Widget 1, org: acme }'));
		const configured = config({ RANKDRIFT_CROSSWALK: ` ${file} ` }).RANKDRIFT_CROSSWALK;
		expect(crosswalkPath(configured)).toBe(file);
		const cw = loadCrosswalk(configured);
		expect(listFamilies(cw).map((f) => f.id)).toEqual(['widget-1']);
		expect(loadCrosswalk(shipped).families.length).toBeGreaterThan(300);
	});

	it('versions the content: any edit changes the hash, the same text keeps it', () => {
		const text = readFileSync(shipped, 'utf8');
		const a = parseCrosswalk(text);
		expect(crosswalkVersion(a)).toMatch(/^[0-9a-f]{16}$/);
		expect(crosswalkVersion(parseCrosswalk(text))).toBe(crosswalkVersion(a));
		expect(crosswalkVersion(parseCrosswalk(text + '\n# edited\n'))).not.toBe(crosswalkVersion(a));
	});

	it('lists families with organization and releases (id, date, kind)', () => {
		const fams = listFamilies(loadCrosswalk(shipped));
		const maverick = fams.find((f) => f.id === 'llama-4-maverick')!;
		expect(maverick).toEqual({
			id: 'llama-4-maverick',
			name: 'Llama 4 Maverick',
			organization: 'Meta',
			releases: [
				{ id: 'llama-4-maverick@03-26-experimental', date: '2025-03-26', kind: 'checkpoint' },
				{ id: 'llama-4-maverick@2025-04-05', date: '2025-04-05', kind: 'public' }
			]
		});
		const ids = fams.flatMap((f) => f.releases.map((r) => r.id));
		expect(new Set(ids).size).toBe(ids.length);
		for (const id of ['claude-3.5-sonnet@2024-10-22', 'gemini-2.5-pro@exp-03-25', 'grok-3@early-grok-3']) expect(ids).toContain(id);
	});

	it('accepts a minimal file and resolves with it', () => {
		const cw = parseCrosswalk(
			minimal(`  - id: widget-1
    name: Widget 1
    org: acme
    aliases: [wdg1]
    releases:
      - { date: 2025-01-02 }
      - { id: beta, kind: checkpoint, aliases: [widget-1-nightly] }`)
		);
		expect(resolveName('WDG1 (2025-01-02)', {}, cw)).toMatchObject({ family: 'widget-1', release: 'widget-1@2025-01-02', organization: 'Acme' });
		expect(resolveName('widget-1-nightly', {}, cw).release).toBe('widget-1@beta');
	});
});

describe('validation errors name the entry at fault', () => {
	const fails = (yaml: string) => {
		try {
			parseCrosswalk(yaml);
		} catch (e) {
			expect(e).toBeInstanceOf(CrosswalkError);
			return (e as Error).message;
		}
		throw new Error('expected the crosswalk to be rejected');
	};

	it('rejects bad YAML and a wrong schema', () => {
		expect(fails('schema: 1\nfamilies: [')).toMatch(/not valid YAML/);
		expect(fails('schema: 2\norganizations: []\nfamilies: []')).toMatch(/schema/);
	});

	it('names the family and field of a bad date, id or unknown organization', () => {
		expect(fails(minimal('  - { id: widget-1, name: W, org: acme, releases: [{ date: 2025-13-01 }] }'))).toMatch(
			/family "widget-1"\.releases\.0\.date: .*date/
		);
		expect(fails(minimal('  - { id: Widget One, name: W }'))).toMatch(/family "Widget One"\.id/);
		expect(fails(minimal('  - { id: widget-1, name: W, org: nobody }'))).toMatch(/family "widget-1" names unknown organization "nobody"/);
		expect(fails(minimal('  - { id: widget-1, name: W, colour: red }'))).toMatch(/family "widget-1"/);
	});

	it('rejects duplicate families, duplicate release labels and one spelling naming two things', () => {
		expect(fails(minimal('  - { id: w, name: W }\n  - { id: w, name: W again }'))).toMatch(/family "w" is defined twice/);
		expect(fails(minimal('  - { id: w, name: W, releases: [{ date: 2025-01-01 }, { id: 2025-01-01 }] }'))).toMatch(/two releases labelled "2025-01-01"/);
		expect(fails(minimal('  - { id: w-1, name: W One, aliases: [wone] }\n  - { id: w-2, name: W Two, aliases: [W-One] }'))).toMatch(
			/alias "W-One" of family "w-2" is also an alias of family "w-1"/
		);
	});

	it('checks shared and rolling aliases point at real families and releases', () => {
		expect(fails(minimal('  - { id: w, name: W }', 'shared:\n  - { alias: wx, families: [w, nope] }'))).toMatch(/unknown family "nope"/);
		expect(
			fails(minimal('  - { id: w, name: W }', 'rolling:\n  - { alias: w-latest, windows: [{ from: 2025-01-01, release: w@2025-01-01 }] }'))
		).toMatch(/unknown release "w@2025-01-01"/);
	});
});
