import type { ExtraValue } from '../../../src/lib/snapshots/snapshot';
import { ParseError } from '../../../src/lib/catalogue/errors';
import { cellNumber, slug } from '../../parse-helpers';

/** One result of a board, checked: an agent system (scaffold + model(s)) identified by its `folder`. */
export interface Entry {
	folder: string;
	name: string;
	resolved: number;
	organization: string | null;
	extras: Record<string, ExtraValue>;
	/** The site hides entries flagged with a `warning` (its table filters `!item.warning`). */
	hidden: boolean;
}

/** Entry fields kept as they are for identity resolution and filters, by their rankdrift name. */
const KEPT_FIELDS: [string, string][] = [
	['os_model', 'os_model'],
	['os_system', 'os_system'],
	['oss', 'oss'],
	['date', 'date'],
	['cost', 'cost'],
	['instance_cost', 'instance_cost'],
	['instance_calls', 'instance_calls'],
	['mini-swe-agent_version', 'mini_swe_agent_version']
];

function flat(v: unknown): ExtraValue | undefined {
	if (typeof v === 'string') return v.trim() === '' ? undefined : v.trim();
	if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
	if (typeof v === 'boolean') return v;
	return undefined;
}

function requiredText(raw: Record<string, unknown>, field: string, where: string): string {
	const v = raw[field];
	if (typeof v !== 'string' || v.trim() === '') throw new ParseError(`${where}: no "${field}"`);
	return v.trim();
}

function percentResolved(v: unknown, where: string): number {
	if (v === undefined || v === null) throw new ParseError(`${where}: no "resolved" (% of instances solved)`);
	// The site itself reads the value with parseFloat, so a numeric string is still a score.
	const n = typeof v === 'number' ? v : typeof v === 'string' ? cellNumber(v) : Number.NaN;
	if (n === null || !Number.isFinite(n)) throw new ParseError(`${where}: resolved ${JSON.stringify(v)} is not a number`);
	if (n < 0 || n > 100) throw new ParseError(`${where}: resolved ${n} is not a percentage (0–100)`);
	return n;
}

/** `checked` became `"false (See README.md …)"` for a few entries in autumn 2025: the leading word is the flag. */
function checkedFlag(v: unknown): ExtraValue | undefined {
	if (typeof v === 'string') {
		const m = v.trim().match(/^(true|false)\b/i);
		if (m) return m[1].toLowerCase() === 'true';
	}
	return flat(v);
}

/**
 * Tags read `Key: value`. The model(s) behind a system are only here (`Model: …`, several for
 * multi-model systems), so they become `tag_model` joined with ' + '; `Org:` is the organization;
 * any other key (System, Model_size…) is kept as `tag_<key>`.
 */
function readTags(tags: unknown): { organization: string | null; extras: Record<string, string> } {
	const byKey = new Map<string, string[]>();
	if (Array.isArray(tags)) {
		for (const tag of tags) {
			if (typeof tag !== 'string') continue;
			const m = tag.match(/^\s*([^:]+?)\s*:\s*(.*?)\s*$/);
			const key = m ? slug(m[1]).replace(/-/g, '_') : 'other';
			const value = m ? m[2] : tag.trim();
			if (!key || !value) continue;
			byKey.set(key, [...(byKey.get(key) ?? []), value]);
		}
	}
	const orgs = byKey.get('org') ?? [];
	byKey.delete('org');
	const extras: Record<string, string> = {};
	for (const [key, values] of byKey) extras[`tag_${key}`] = [...new Set(values)].join(' + ');
	return { organization: orgs.length ? [...new Set(orgs)].join(' + ') : null, extras };
}

/** Checks one result object; `where` names it in errors (board and position). */
export function readEntry(raw: unknown, where: string): Entry {
	if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new ParseError(`${where}: not an object`);
	const r = raw as Record<string, unknown>;
	const named = typeof r.name === 'string' && r.name.trim() ? `${where} (${JSON.stringify(r.name.trim())})` : where;
	const folder = requiredText(r, 'folder', named);
	const name = requiredText(r, 'name', `${where} (folder ${folder})`);
	const resolved = percentResolved(r.resolved, named);

	const tags = readTags(r.tags);
	const extras: Record<string, ExtraValue> = { ...tags.extras };
	for (const [from, to] of KEPT_FIELDS) {
		const v = flat(r[from]);
		if (v !== undefined) extras[to] = v;
	}
	// The May 2025 files (before tags) call the team-checked flag `verified`.
	const checked = checkedFlag(r.checked ?? r.verified);
	if (checked !== undefined) extras.checked = checked;

	return { folder, name, resolved, organization: tags.organization, extras, hidden: Boolean(r.warning) };
}
