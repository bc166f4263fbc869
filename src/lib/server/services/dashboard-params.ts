import { error } from '@sveltejs/kit';
import { isIsoDate } from '../../dates';
import { NotFoundError } from './boards';
import { DecisionError } from '../identity/service';
import { BadParameter } from '../export/params';

// Query-parameter readers for the dashboard's load functions: a bad value is a 400 that says what was
// expected, never a 500. (`dateParam`/`choiceParam` in $lib/server/web/params cover ?date= and enums.)

/** Free text (a search, a name), trimmed and capped; '' and absent are null. */
export function textParam(url: URL, name: string, max = 200): string | null {
	const raw = url.searchParams.get(name);
	if (raw === null) return null;
	const v = raw.trim();
	if (v.length > max) error(400, { message: `Bad ${name}`, detail: `${name} is longer than ${max} characters` });
	return v === '' ? null : v;
}

/** An optional YYYY-MM-DD (e.g. ?since=); absent is null. */
export function optionalDate(url: URL, name: string): string | null {
	const raw = url.searchParams.get(name);
	if (raw === null || raw === '') return null;
	if (!isIsoDate(raw)) error(400, { message: `Bad ${name}`, detail: `${name} must be a real date written YYYY-MM-DD, not ${JSON.stringify(raw.slice(0, 40))}` });
	return raw;
}

/** A whole number within bounds; absent is the fallback. */
export function intParam(url: URL, name: string, min: number, max: number, fallback: number): number {
	const raw = url.searchParams.get(name);
	if (raw === null || raw === '') return fallback;
	if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max)
		error(400, { message: `Bad ${name}`, detail: `${name} must be a whole number from ${min} to ${max}` });
	return Number(raw);
}

/** Runs a service call, turning its "not found" into a 404 page and a rejected decision into a 400. */
export function orHttpError<T>(fn: () => T): T {
	try {
		return fn();
	} catch (e) {
		if (e instanceof NotFoundError) error(404, { message: 'Not found', detail: e.message });
		if (e instanceof DecisionError || e instanceof BadParameter) error(400, { message: 'Bad request', detail: e.message });
		throw e;
	}
}
