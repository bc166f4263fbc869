import { error } from '@sveltejs/kit';
import { isIsoDate, todayUtc } from '../../dates';

/** `?date=` as a real YYYY-MM-DD, default today; anything else is a 400 that says what was expected. */
export function dateParam(url: URL, now = new Date()): string {
	const raw = url.searchParams.get('date');
	if (raw === null || raw === '') return todayUtc(now);
	if (!isIsoDate(raw)) error(400, { message: 'Bad date', detail: `date must be a real date written YYYY-MM-DD, not ${JSON.stringify(raw.slice(0, 40))}` });
	return raw;
}

/** A query parameter restricted to known values; unknown values are a 400. */
export function choiceParam<T extends string>(url: URL, name: string, allowed: readonly T[], fallback: T): T {
	const raw = url.searchParams.get(name);
	if (raw === null || raw === '') return fallback;
	if (!(allowed as readonly string[]).includes(raw))
		error(400, { message: `Bad ${name}`, detail: `${name} must be one of ${allowed.join(', ')}` });
	return raw as T;
}
