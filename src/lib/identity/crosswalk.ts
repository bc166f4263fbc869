/**
 * The curated crosswalk: reading, validating and locating `crosswalk.yaml`.
 * The only I/O of the identity layer is `loadCrosswalk` reading that one file.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import * as z from 'zod';
import { parseIsoDate } from './dates';
import { compile } from './compile';
import { CrosswalkError } from './errors';
import { projectRoot } from '../project-root';
import type { Crosswalk, FamilyEntry, ReleaseEntry } from './types';

export { CrosswalkError };

const ID = /^[a-z0-9][a-z0-9.+-]*$/;
const LABEL = /^[a-z0-9][a-z0-9.+-]*$/;
const ISO = /^\d{4}-\d{2}(?:-\d{2})?$/;

// YAML reads an unquoted 2025-05-14 as a Date; accept both and keep the ISO text.
const isoDate = z.preprocess(
	(v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v),
	z.string().regex(ISO, 'must be a date YYYY-MM-DD (or YYYY-MM)').refine((s) => parseIsoDate(s) !== null, 'is not a real date')
);
// Aliases like `0711` or `2.5` may come back as numbers.
const text = z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string().min(1));

const releaseSchema = z
	.object({
		id: z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string().regex(LABEL, 'must be lower-case letters, digits, . + -')).optional(),
		date: isoDate.nullish(),
		kind: z.enum(['public', 'checkpoint']).default('public'),
		requires: z.array(text).default([]),
		accepts: z.array(text).default([]),
		labels: z.array(text).default([]),
		tags: z.array(text).default([]),
		aliases: z.array(text).default([]),
		note: z.string().nullish()
	})
	.strict()
	.refine((r) => r.id !== undefined || (r.date !== undefined && r.date !== null), 'a release needs an id or a date');

const familySchema = z
	.object({
		id: z.string().regex(ID, 'must be lower-case letters, digits, . + -'),
		name: z.string().min(1),
		org: z.string().nullish(),
		aliases: z.array(text).default([]),
		serving: z.array(text).default([]),
		infer_undated: z.boolean().default(true),
		releases: z.array(releaseSchema).default([]),
		note: z.string().nullish()
	})
	.strict();

const fileSchema = z
	.object({
		schema: z.literal(1),
		organizations: z.array(z.object({ id: z.string().regex(ID), name: z.string().min(1), aliases: z.array(text).default([]) }).strict()),
		providers: z.array(text).default([]),
		shared: z.array(z.object({ alias: text, families: z.array(z.string()).min(2), note: z.string().nullish() }).strict()).default([]),
		rolling: z
			.array(
				z
					.object({
						alias: text,
						note: z.string().nullish(),
						windows: z.array(z.object({ from: isoDate, to: isoDate.nullish(), release: z.string() }).strict()).min(1)
					})
					.strict()
			)
			.default([]),
		families: z.array(z.unknown())
	})
	.strict();

function describeIssues(error: z.ZodError, where: string): string {
	return error.issues.map((i) => `${where}${i.path.length ? '.' + i.path.join('.') : ''}: ${i.message}`).join('; ');
}

/** Hash of the YAML text: stored beside each resolution so a changed crosswalk triggers re-resolution. */
export function hashText(yamlText: string): string {
	return createHash('sha256').update(yamlText, 'utf8').digest('hex').slice(0, 16);
}

/** Parses and validates crosswalk YAML; errors name the family or release at fault. */
export function parseCrosswalk(yamlText: string): Crosswalk {
	let doc: unknown;
	try {
		doc = loadYaml(yamlText, { schema: CORE_SCHEMA });
	} catch (e) {
		throw new CrosswalkError(`crosswalk is not valid YAML: ${(e as Error).message}`);
	}
	const top = fileSchema.safeParse(doc);
	if (!top.success) throw new CrosswalkError(`crosswalk: ${describeIssues(top.error, 'file')}`);
	const file = top.data;

	const orgIds = new Set(file.organizations.map((o) => o.id));
	const families: FamilyEntry[] = [];
	const seen = new Set<string>();
	file.families.forEach((raw, index) => {
		const rawId = (raw as { id?: unknown })?.id;
		const where = `family ${typeof rawId === 'string' ? `"${rawId}"` : `#${index + 1}`}`;
		const parsed = familySchema.safeParse(raw);
		if (!parsed.success) throw new CrosswalkError(`crosswalk: ${describeIssues(parsed.error, where)}`);
		const f = parsed.data;
		if (seen.has(f.id)) throw new CrosswalkError(`crosswalk: ${where} is defined twice`);
		seen.add(f.id);
		if (f.org && !orgIds.has(f.org)) throw new CrosswalkError(`crosswalk: ${where} names unknown organization "${f.org}"`);
		const labels = new Set<string>();
		const releases: ReleaseEntry[] = f.releases.map((r) => {
			const label = r.id ?? (r.date as string);
			if (labels.has(label)) throw new CrosswalkError(`crosswalk: ${where} has two releases labelled "${label}"`);
			labels.add(label);
			return {
				id: `${f.id}@${label}`,
				label,
				date: r.date ?? null,
				kind: r.kind,
				requires: r.requires.map((s) => s.toLowerCase()),
				accepts: r.accepts.map((s) => s.toLowerCase()),
				labels: r.labels.map((s) => s.toLowerCase()),
				tags: r.tags.map((s) => s.toLowerCase()),
				aliases: r.aliases
			};
		});
		families.push({
			id: f.id,
			name: f.name,
			organization: f.org ?? null,
			aliases: f.aliases,
			serving: f.serving.map((w) => w.toLowerCase()),
			inferUndated: f.infer_undated,
			releases,
			note: f.note ?? null
		});
	});

	const releaseIds = new Set(families.flatMap((f) => f.releases.map((r) => r.id)));
	for (const s of file.shared) {
		for (const fam of s.families) {
			if (!seen.has(fam)) throw new CrosswalkError(`crosswalk: shared alias "${s.alias}" names unknown family "${fam}"`);
		}
	}
	for (const r of file.rolling) {
		for (const w of r.windows) {
			if (!releaseIds.has(w.release)) throw new CrosswalkError(`crosswalk: rolling alias "${r.alias}" names unknown release "${w.release}"`);
		}
	}

	const crosswalk: Crosswalk = {
		version: hashText(yamlText),
		organizations: file.organizations.map((o) => ({ id: o.id, name: o.name, aliases: o.aliases })),
		providers: file.providers.map((p) => p.toLowerCase()),
		families,
		shared: file.shared.map((s) => ({ alias: s.alias, families: s.families })),
		rolling: file.rolling.map((r) => ({
			alias: r.alias,
			windows: r.windows.map((w) => ({ from: w.from, to: w.to ?? null, release: w.release }))
		}))
	};
	// Compiling checks that no spelling names two things; the tables are cached for resolveName.
	compile(crosswalk);
	return crosswalk;
}

/** Where the crosswalk file is: an explicit path (the server passes RANKDRIFT_CROSSWALK), else beside this module in the project. */
export function crosswalkPath(path?: string): string {
	if (path) return resolve(path);
	const here = dirname(fileURLToPath(import.meta.url));
	const beside = join(here, 'crosswalk.yaml');
	// Running from source, the file sits next to this module.
	if (existsSync(beside) && here.replace(/\\/g, '/').endsWith('src/lib/identity')) return beside;
	const root = projectRoot(here);
	if (root) {
		const inTree = join(root, 'src', 'lib', 'identity', 'crosswalk.yaml');
		if (existsSync(inTree)) return inTree;
	}
	if (existsSync(beside)) return beside;
	throw new CrosswalkError(`crosswalk.yaml not found (looked beside ${here} and under the project root); set RANKDRIFT_CROSSWALK`);
}

export function loadCrosswalk(path?: string): Crosswalk {
	const file = crosswalkPath(path);
	let yamlText: string;
	try {
		yamlText = readFileSync(file, 'utf8');
	} catch (e) {
		throw new CrosswalkError(`cannot read crosswalk ${file}: ${(e as Error).message}`);
	}
	return parseCrosswalk(yamlText);
}

export function crosswalkVersion(crosswalk: Crosswalk): string {
	return crosswalk.version;
}

export function listFamilies(crosswalk: Crosswalk): {
	id: string;
	name: string;
	organization: string | null;
	releases: { id: string; date: string | null; kind: 'public' | 'checkpoint' }[];
}[] {
	const orgNames = new Map(crosswalk.organizations.map((o) => [o.id, o.name]));
	return crosswalk.families.map((f) => ({
		id: f.id,
		name: f.name,
		organization: f.organization ? (orgNames.get(f.organization) ?? f.organization) : null,
		releases: f.releases.map((r) => ({ id: r.id, date: r.date, kind: r.kind }))
	}));
}
