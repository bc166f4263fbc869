import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { configSchema } from '../../src/lib/server/config';
import { projectRoot } from '../helpers/paths';

/** The README's Configuration table against the configuration schema, both ways, defaults included. */

const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
const shape = configSchema.shape as Record<string, z.ZodType>;

interface Row {
	name: string;
	/** The default when the README states one value in code (`45`), else null (`per source`, `—`, prose). */
	literal: string | null;
}

/** The table's rows; a row naming several variables (`PORT`, `HOST`) gives each its own default. */
function configurationRows(text: string): Row[] {
	const start = text.indexOf('\n## Configuration');
	const section = text.slice(start, text.indexOf('\n## ', start + 1));
	return section
		.split('\n')
		.filter((line) => line.startsWith('| `'))
		.flatMap((line) => {
			const [, names, defaults] = line.split('|').map((cell) => cell.trim());
			const vars = [...names.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
			const literals = /^`[^`]+`(, `[^`]+`)*$/.test(defaults) ? [...defaults.matchAll(/`([^`]+)`/g)].map((m) => m[1]) : [];
			return vars.map((name, i) => ({ name, literal: literals.length === vars.length ? literals[i] : null }));
		});
}

/** `RANKDRIFT_URL_<SOURCE>_<ENDPOINT>` → the names it stands for. */
const patternOf = (name: string) => new RegExp(`^${name.replace(/<[A-Z]+>/g, '[A-Z0-9_]+')}$`);

function problems(text: string): string[] {
	const rows = configurationRows(text);
	const keys = Object.keys(shape);
	const patterns = rows.filter((r) => r.name.includes('<')).map((r) => ({ name: r.name, re: patternOf(r.name) }));
	const found: string[] = [];
	for (const key of keys)
		if (!rows.some((r) => r.name === key) && !patterns.some((p) => p.re.test(key))) found.push(`${key} is in the schema but not in the README's Configuration table`);
	for (const row of rows) {
		const known = row.name.includes('<') ? keys.some((k) => patternOf(row.name).test(k)) : row.name in shape;
		if (!known) found.push(`${row.name} is in the README's Configuration table but not in the schema`);
	}
	for (const row of rows) {
		const field = shape[row.name];
		if (!field || row.literal === null) continue;
		// Compared as read: the README's `on` and the schema's '1' are the same setting.
		const byDefault = field.safeParse(undefined).data;
		if (byDefault === undefined) continue;
		const stated = field.safeParse(row.literal);
		if (!stated.success || JSON.stringify(stated.data) !== JSON.stringify(byDefault))
			found.push(`${row.name}: the README's default \`${row.literal}\` is not the schema's (${JSON.stringify(byDefault)})`);
	}
	return found;
}

describe("the README's Configuration table", () => {
	it('lists every variable of the schema, names none it lacks, and states its defaults', () => {
		expect(configurationRows(readme).length).toBeGreaterThan(20);
		expect(problems(readme)).toEqual([]);
	});

	it('the check sees a missing row, an unknown variable or pattern, and a wrong default', () => {
		const without = (name: string) => readme.replace(new RegExp(`^\\| \`${name}\` \\|.*\\n`, 'm'), '');
		const before = '| `RANKDRIFT_STALE_DAYS`';
		const adding = (row: string) => readme.replace(before, `${row}\n${before}`);
		expect(problems(without('ADMIN_TOKEN'))).toEqual(["ADMIN_TOKEN is in the schema but not in the README's Configuration table"]);
		expect(problems(without('RANKDRIFT_SCHEDULE_<SOURCE>'))).toContain("RANKDRIFT_SCHEDULE_LMARENA_TEXT is in the schema but not in the README's Configuration table");
		expect(problems(adding('| `RANKDRIFT_NOPE` | — | nothing |'))).toEqual(["RANKDRIFT_NOPE is in the README's Configuration table but not in the schema"]);
		expect(problems(adding('| `RANKDRIFT_RETRIES_<SOURCE>` | `3` | nothing |'))).toEqual([
			"RANKDRIFT_RETRIES_<SOURCE> is in the README's Configuration table but not in the schema"
		]);
		expect(problems(readme.replace('| `RANKDRIFT_STALE_DAYS` | `45` |', '| `RANKDRIFT_STALE_DAYS` | `30` |'))).toEqual([
			"RANKDRIFT_STALE_DAYS: the README's default `30` is not the schema's (45)"
		]);
		expect(problems(readme.replace('| `3000`, `0.0.0.0` |', '| `8080`, `0.0.0.0` |'))).toEqual(["PORT: the README's default `8080` is not the schema's (3000)"]);
	});
});
