// What the server hands a chart: every number already computed; the browser only draws it (and words its tooltips).

export interface SeriesPoint {
	date: string;
	/** null = the model was not listed in that snapshot (a gap in the line). */
	y: number | null;
	/** Uncertainty band (rank interval, or percentile interval in the common set) where known. */
	lo: number | null;
	hi: number | null;
	/** Tooltip text for the point. */
	note: string;
}

export interface Series {
	key: string;
	label: string;
	/** CSS colour: a board's own (`boardColour`) on every chart of the site, else a palette colour. */
	colour: string;
	/** Dash pattern of the line (a source's secondary boards, a checkpoint); solid when empty or absent. */
	dash?: number[];
	/** `gap`: no line, only the shaded area between `lo` and `hi` (a checkpoint's rank and its public release's). */
	kind?: 'line' | 'gap';
	points: SeriesPoint[];
}

export interface Marker {
	/** The series (board) the marker sits on. */
	series: string;
	date: string;
	y: number;
	kind: 'finding' | 'mismatch';
	label: string;
}

/** A date where a board's numbers stop being comparable (its method changed) or end (its source retired): a vertical line, not a point. */
export interface Annotation {
	date: string;
	kind: 'method-change' | 'retired';
	/** The boards it concerns, as the chart names them. */
	boards: string[];
	/** What changed, in words (the methodology event's detail, or the retirement note). */
	text: string;
}

export interface LineChartData {
	series: Series[];
	markers: Marker[];
	/** Method changes and retirements on the charted boards, up to the as-of date. */
	annotations?: Annotation[];
	/** `rank`: 1 at the top; `pct`: common-set percentile 0..1, top at the top; `tau`: a correlation −1..1. */
	scale: 'rank' | 'pct' | 'tau';
	yTitle: string;
	/** The page's as-of date: the time axis ends there. */
	until?: string;
}

export interface ScatterPoint {
	x: number;
	y: number;
	label: string;
	/** Drawn with its label (the largest divergences). */
	outlier: boolean;
	/** The names the two boards list it by (its tooltip is made of them: `scatterNote`). */
	names: [string, string];
}

export interface ScatterChartData {
	points: ScatterPoint[];
	/** The boards on the x and the y axis. */
	boards: [string, string];
	xTitle: string;
	yTitle: string;
}

/**
 * A scatter point's tooltip. Made where it is shown, not sent with every point: hundreds of models'
 * sentences were most of the compare page's data.
 */
export function scatterNote(data: Pick<ScatterChartData, 'boards'>, p: ScatterPoint): string {
	const [a, b] = data.boards;
	return `${p.names[0]} → ${Math.round(p.x * 100)}% on ${a}, ${p.names[1]} → ${Math.round(p.y * 100)}% on ${b}`;
}
