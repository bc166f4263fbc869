// Series colours readable on both the light and the dark theme, for series that are not boards (a board's top models).
const PALETTE = ['#2563eb', '#d97706', '#059669', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#65a30d', '#9333ea', '#ea580c', '#0d9488', '#4f46e5'];

export function seriesColour(index: number): string {
	return PALETTE[((index % PALETTE.length) + PALETTE.length) % PALETTE.length];
}

// One colour per source on every page, from Okabe and Ito's colour-blind-safe set (yellow left out: unreadable on white).
const SOURCE_COLOURS: Record<string, string> = {
	'lmarena-text': '#0072b2',
	'lmarena-webdev': '#56b4e9',
	'lmarena-vision': '#3b8ea5',
	'lmarena-search': '#1f5f8b',
	'lmarena-document': '#4a6fa5',
	livebench: '#009e73',
	'aider-polyglot': '#e69f00',
	swebench: '#d55e00',
	'artificial-analysis': '#cc79a7',
	yupp: '#7a7a7a'
};

function hashIndex(text: string, n: number): number {
	let h = 0;
	for (const c of text) h = (h * 31 + c.charCodeAt(0)) >>> 0;
	return h % n;
}

/** `#rrggbb` mixed with grey: a source's secondary boards stay its hue but step back. */
function muted(hex: string): string {
	const mix = (i: number) => Math.round(parseInt(hex.slice(i, i + 2), 16) * 0.55 + 150 * 0.45).toString(16).padStart(2, '0');
	return `#${mix(1)}${mix(3)}${mix(5)}`;
}

/**
 * A board's colour, the same on every chart of the site: its source's colour on the source's primary
 * board, muted on its other boards (categories, style control), which also differ by dash (`boardDash`).
 */
export function boardColour(board: string, main: boolean): string {
	const source = board.split('/')[0];
	const base = SOURCE_COLOURS[source] ?? PALETTE[hashIndex(source, PALETTE.length)];
	return main ? base : muted(base);
}

/** Dash patterns that tell a source's secondary boards apart where they share its muted colour. */
export function boardDash(board: string, main: boolean): number[] {
	if (main) return [];
	const patterns = [[6, 3], [2, 3], [8, 3, 2, 3], [4, 4], [1, 2], [10, 4]];
	return patterns[hashIndex(board, patterns.length)];
}

/** Chart markers: Okabe and Ito's yellow for findings, reddish purple for variant mismatches; outlined in the text colour. */
export const MARKER_COLOURS = { finding: '#f0e442', mismatch: '#cc3377' } as const;

/** The same colour, translucent (for uncertainty bands). */
export function bandColour(colour: string): string {
	return `${colour}22`;
}

/** Theme colours for axes and text, read from the page's CSS variables when a chart is drawn. */
export function themeColours(): { text: string; grid: string; fg: string } {
	const css = getComputedStyle(document.documentElement);
	const read = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
	return { text: read('--fg-soft', '#5b6270'), grid: read('--border', '#d9dee7'), fg: read('--fg', '#16181d') };
}

// Day number on the x axis ↔ ISO date: the axis is linear in days so no date adapter is needed. A chart
// converts every point (years of them, several times over) and parsing a date costs more than drawing
// it, while the distinct dates are few: each conversion is done once.
const daysByDate = new Map<string, number>();
const datesByDay = new Map<number, string>();
const MEMO_LIMIT = 100_000;

export function dayOf(date: string): number {
	let day = daysByDate.get(date);
	if (day === undefined) {
		if (daysByDate.size >= MEMO_LIMIT) daysByDate.clear();
		daysByDate.set(date, (day = Date.parse(`${date}T00:00:00Z`) / 86_400_000));
	}
	return day;
}

export function dateOfDay(day: number): string {
	const whole = Math.round(day);
	let date = datesByDay.get(whole);
	if (date === undefined) {
		if (datesByDay.size >= MEMO_LIMIT) datesByDay.clear();
		datesByDay.set(whole, (date = new Date(whole * 86_400_000).toISOString().slice(0, 10)));
	}
	return date;
}

/** Calls `cb` whenever the colour theme changes (the theme toggle, or the system scheme); returns the unsubscribe. */
export function onThemeChange(cb: () => void): () => void {
	const observer = new MutationObserver(cb);
	observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
	const media = window.matchMedia('(prefers-color-scheme: dark)');
	media.addEventListener('change', cb);
	return () => {
		observer.disconnect();
		media.removeEventListener('change', cb);
	};
}

/** How a value of each scale reads in tooltips, axes and the table alternative. */
export function formatValue(scale: 'rank' | 'pct' | 'tau', v: number | null): string {
	if (v === null) return '—';
	if (scale === 'pct') return `${Math.round(v * 100)}%`;
	if (scale === 'tau') return v.toFixed(3);
	return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

/** Splits a long tooltip line into lines of about `width` characters (canvas tooltips do not wrap). */
export function wrap(text: string, width = 70): string[] {
	const out: string[] = [];
	let line = '';
	for (const word of text.split(' ')) {
		if (line && line.length + word.length + 1 > width) {
			out.push(line);
			line = word;
		} else line = line ? `${line} ${word}` : word;
	}
	if (line) out.push(line);
	return out;
}
