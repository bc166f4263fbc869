import { isIsoDate } from '../../dates';

/** A query parameter (or CLI option) with a value the export cannot use: a 400, or exit code 2 in the CLI. */
export class BadParameter extends Error {
	constructor(
		readonly param: string,
		message: string
	) {
		super(message);
		this.name = 'BadParameter';
	}
}

export const MAX_TEXT = 200;
export const DEFAULT_LIMIT = 1000;
export const MAX_LIMIT = 10_000;

const TRUE = ['1', 'true', 'yes', 'on'];
const FALSE = ['0', 'false', 'no', 'off', ''];

function show(raw: string): string {
	return JSON.stringify(raw.length > 40 ? `${raw.slice(0, 40)}…` : raw);
}

/**
 * Typed reads of one request's filters. The HTTP routes hand it the URL's query; the CLI builds the same
 * query from its options, so both ask the same questions and get the same answers (and the same errors).
 */
export class Params {
	constructor(private readonly query: URLSearchParams) {}

	private one(name: string): string | null {
		const all = this.query.getAll(name);
		if (all.length > 1) throw new BadParameter(name, `${name} may be given once, not ${all.length} times`);
		const v = all[0];
		return v === undefined || v === '' ? null : v;
	}

	/** Whether the query names the parameter at all (a page treats `?kind=` left empty as not given). */
	has(name: string): boolean {
		return this.one(name) !== null;
	}

	/** Free text, trimmed (a search box's stray space finds the same rows); blank is null. */
	text(name: string, max = MAX_TEXT): string | null {
		const v = this.one(name)?.trim() ?? null;
		if (v !== null && v.length > max) throw new BadParameter(name, `${name} is longer than ${max} characters`);
		return v === '' ? null : v;
	}

	list(name: string, max: number): string[] {
		const all = this.query.getAll(name).filter((v) => v !== '');
		if (all.length > max) throw new BadParameter(name, `${name} may be given at most ${max} times`);
		for (const v of all) if (v.length > MAX_TEXT) throw new BadParameter(name, `${name} is longer than ${MAX_TEXT} characters`);
		return all;
	}

	date(name: string): string | null {
		const v = this.one(name);
		if (v !== null && !isIsoDate(v)) throw new BadParameter(name, `${name} must be a real date written YYYY-MM-DD, not ${show(v)}`);
		return v;
	}

	/** `from`/`to`-style pair: each a date, and not in the wrong order. */
	dateRange(fromName: string, toName: string): { from: string | null; to: string | null } {
		const from = this.date(fromName);
		const to = this.date(toName);
		if (from && to && from > to) throw new BadParameter(fromName, `${fromName} (${from}) is after ${toName} (${to})`);
		return { from, to };
	}

	choice<T extends string>(name: string, allowed: readonly T[]): T | null {
		const v = this.one(name);
		if (v !== null && !(allowed as readonly string[]).includes(v)) throw new BadParameter(name, `${name} must be one of ${allowed.join(', ')}, not ${show(v)}`);
		return v as T | null;
	}

	int(name: string, min: number, max: number): number | null {
		const v = this.one(name);
		if (v === null) return null;
		if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max)
			throw new BadParameter(name, `${name} must be a whole number from ${min} to ${max}, not ${show(v)}`);
		return Number(v);
	}

	flag(name: string): boolean {
		const v = (this.one(name) ?? '').toLowerCase();
		if (TRUE.includes(v)) return true;
		if (FALSE.includes(v)) return false;
		throw new BadParameter(name, `${name} must be 1 or 0 (true or false), not ${show(v)}`);
	}

	limit(): number {
		return this.int('limit', 1, MAX_LIMIT) ?? DEFAULT_LIMIT;
	}

	/** The opaque `cursor` of a previous page, decoded and checked by `check`. */
	cursor<T>(check: (value: unknown) => value is T): T | null {
		const v = this.one('cursor');
		if (v === null) return null;
		return decodeCursor(v, check);
	}
}

/** Cursors are base64url JSON: opaque to clients, but stable and easy to check on the way back in. */
export function encodeCursor(value: unknown): string {
	return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function decodeCursor<T>(raw: string, check: (value: unknown) => value is T): T {
	let value: unknown;
	try {
		value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
	} catch {
		value = undefined;
	}
	if (!check(value)) throw new BadParameter('cursor', 'cursor is not one this API gave out: use the next_cursor of the previous page, or leave it out to start again');
	return value;
}

/** An offset cursor, for lists computed whole (a few thousand rows at most). */
export const isOffsetCursor = (v: unknown): v is { o: number } =>
	typeof v === 'object' && v !== null && Number.isInteger((v as { o: unknown }).o) && (v as { o: number }).o >= 0;
