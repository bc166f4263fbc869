/**
 * Date spellings found in model names: `20250219`, `2025-02-19`, `02-19`, `0219`, `(20250514)`,
 * `2507` (YYMM, Qwen/Mistral), `251228` (YYMMDD, Seed), `202506` (YYYYMM, StepFun), `09-2025`,
 * `26-02-10` (YY-MM-DD), `(Mar '25)`, `(Feb 2026)`. A spelling that reads two ways (`08-24`: August 24
 * or August 2024) keeps both readings; the release matcher only accepts a match all readings agree on.
 */

export interface PartialDate {
	y?: number;
	m?: number;
	d?: number;
}

export interface DateParse {
	/** Every plausible reading of the spelling. */
	readings: PartialDate[];
	/** How many tokens the spelling used. */
	consumed: number;
}

const MONTHS: Record<string, number> = {
	jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
	jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10,
	nov: 11, november: 11, dec: 12, december: 12
};

// Model names in the recorded boards span 2023–2026; a wider window would read sizes and
// context lengths as years.
const MIN_YEAR = 2022;
const MAX_YEAR = 2030;

const isMonth = (m: number) => m >= 1 && m <= 12;
const isDay = (d: number) => d >= 1 && d <= 31;
const isYear = (y: number) => y >= MIN_YEAR && y <= MAX_YEAR;
const yy = (n: number) => 2000 + n;

export function isMonthName(t: string): boolean {
	return t in MONTHS;
}

function fourDigits(t: string): PartialDate[] {
	const a = Number(t.slice(0, 2));
	const b = Number(t.slice(2));
	const out: PartialDate[] = [];
	if (isMonth(a) && isDay(b)) out.push({ m: a, d: b });
	if (isYear(yy(a)) && isMonth(b)) out.push({ y: yy(a), m: b });
	if (out.length === 0 && isYear(Number(t))) out.push({ y: Number(t) });
	return out;
}

function sixDigits(t: string): PartialDate[] {
	const out: PartialDate[] = [];
	const [a, b, c] = [Number(t.slice(0, 2)), Number(t.slice(2, 4)), Number(t.slice(4))];
	if (isYear(yy(a)) && isMonth(b) && isDay(c)) out.push({ y: yy(a), m: b, d: c });
	const y4 = Number(t.slice(0, 4));
	const m2 = Number(t.slice(4));
	if (isYear(y4) && isMonth(m2)) out.push({ y: y4, m: m2 });
	return out;
}

function eightDigits(t: string): PartialDate[] {
	const y = Number(t.slice(0, 4));
	const m = Number(t.slice(4, 6));
	const d = Number(t.slice(6));
	return isYear(y) && isMonth(m) && isDay(d) ? [{ y, m, d }] : [];
}

const two = (t: string | undefined) => t !== undefined && /^\d{2}$/.test(t);
const four = (t: string | undefined) => t !== undefined && /^\d{4}$/.test(t);

/**
 * Reads a date starting at tokens[i] (lower-case tokens, separators already removed).
 * Returns null when the tokens there are not a date.
 */
export function parseDateAt(tokens: readonly string[], i: number): DateParse | null {
	const t = tokens[i];
	const n1 = tokens[i + 1];
	const n2 = tokens[i + 2];
	if (t === undefined) return null;

	if (isMonthName(t)) {
		const m = MONTHS[t];
		if (four(n1) && isYear(Number(n1))) return { readings: [{ y: Number(n1), m }], consumed: 2 };
		if (two(n1)) {
			const v = Number(n1);
			const readings: PartialDate[] = [];
			if (isYear(yy(v))) readings.push({ y: yy(v), m });
			if (isDay(v) && !isYear(yy(v))) readings.push({ m, d: v });
			if (readings.length) return { readings, consumed: 2 };
		}
		return { readings: [{ m }], consumed: 1 };
	}
	if (/^\d{8}$/.test(t)) {
		const r = eightDigits(t);
		return r.length ? { readings: r, consumed: 1 } : null;
	}
	if (/^\d{6}$/.test(t)) {
		const r = sixDigits(t);
		return r.length ? { readings: r, consumed: 1 } : null;
	}
	if (four(t)) {
		const y = Number(t);
		if (isYear(y) && two(n1) && isMonth(Number(n1))) {
			if (two(n2) && isDay(Number(n2))) return { readings: [{ y, m: Number(n1), d: Number(n2) }], consumed: 3 };
			return { readings: [{ y, m: Number(n1) }], consumed: 2 };
		}
		const r = fourDigits(t);
		return r.length ? { readings: r, consumed: 1 } : null;
	}
	if (two(t)) {
		const a = Number(t);
		if (two(n1) && two(n2)) {
			const [b, c] = [Number(n1), Number(n2)];
			if (isYear(yy(a)) && isMonth(b) && isDay(c)) return { readings: [{ y: yy(a), m: b, d: c }], consumed: 3 };
		}
		if (four(n1) && isMonth(a) && isYear(Number(n1))) return { readings: [{ y: Number(n1), m: a }], consumed: 2 };
		if (two(n1)) {
			const b = Number(n1);
			const readings: PartialDate[] = [];
			if (isMonth(a) && isDay(b)) readings.push({ m: a, d: b });
			if (isMonth(a) && isYear(yy(b)) && b >= 23) readings.push({ y: yy(b), m: a });
			if (readings.length) return { readings, consumed: 2 };
		}
	}
	return null;
}

/**
 * Parses an ISO date `YYYY-MM-DD`, or `YYYY-MM` where the crosswalk only knows the month
 * (a build named `2511`). A month-only release never matches a name that states a day.
 */
export function parseIsoDate(s: string | null | undefined): PartialDate | null {
	if (!s) return null;
	const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(s.trim());
	if (!m) return null;
	const [y, mo] = [Number(m[1]), Number(m[2])];
	if (!isMonth(mo)) return null;
	if (m[3] === undefined) return { y, m: mo };
	const d = Number(m[3]);
	return isDay(d) ? { y, m: mo, d } : null;
}

/** True when every component the reading states agrees with the full date. */
export function readingMatches(reading: PartialDate, full: PartialDate): boolean {
	if (reading.y !== undefined && reading.y !== full.y) return false;
	if (reading.m !== undefined && reading.m !== full.m) return false;
	if (reading.d !== undefined && reading.d !== full.d) return false;
	return reading.m !== undefined || reading.y !== undefined;
}

export function formatPartial(p: PartialDate): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	if (p.y !== undefined && p.m !== undefined && p.d !== undefined) return `${p.y}-${pad(p.m)}-${pad(p.d)}`;
	if (p.y !== undefined && p.m !== undefined) return `${p.y}-${pad(p.m)}`;
	if (p.m !== undefined && p.d !== undefined) return `${pad(p.m)}-${pad(p.d)}`;
	if (p.y !== undefined) return String(p.y);
	return pad(p.m ?? 0);
}

/** ISO date string comparison helper: a <= b. */
export function isoLte(a: string, b: string): boolean {
	return a.localeCompare(b) <= 0;
}
