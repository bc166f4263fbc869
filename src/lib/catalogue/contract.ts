import type { Feed, ParsedSnapshot } from '../snapshots/snapshot';
import type { UncertaintyRule } from '../analysis/uncertainty';

/**
 * The source contract: what the catalogue knows of a source as plain data (SourceInfo), what a source
 * module under `scrapers/sources/` adds (formats and custom fetches: SourceModule), and the two joined
 * (SourceDefinition) as the ingest pipeline receives them. Types only, so every layer can speak it.
 */

export interface HttpResponse {
	url: string;
	status: number;
	mediaType: string | null;
	bytes: Uint8Array;
	attempts: number;
}

/** The polite HTTP client (scrapers/http.ts) as fetches and the ingest pipeline use it. */
export interface HttpClient {
	get(url: string, headers?: Record<string, string>): Promise<HttpResponse>;
}

/** A file or fetched document handed to a pure parser. */
export interface InputDocument {
	/** File name or last URL segment: some formats read a date or a release from it. */
	name: string;
	/** Where it came from (file path or URL): some sources name a view only in the folder or URL (`…-style-control/`). */
	path: string;
	/** Decoded text (UTF-8, or Windows-1252 when the bytes are not valid UTF-8), BOM removed. */
	text: string;
	/** Companion documents the format asked for (e.g. LiveBench's categories JSON), by name. */
	companions: Record<string, string>;
	/**
	 * The date the document is filed under when its content states none (a file-name date, `--date`, or
	 * the fetch date), for a board whose site changed its rules on a date; absent when not known.
	 */
	asOf?: string | null;
}

/** One recorded or live format of a source: detection by content, and a pure parser. */
export interface SnapshotFormat {
	name: string;
	description: string;
	/** True when the content is this format; formats are tried in order, so put the most specific first. */
	detect(doc: InputDocument): boolean;
	/** Names of sibling files this document (given by its path) needs, read by the import pipeline before parsing. */
	companions?(path: string): string[];
	/** Text in, snapshots out; throws ParseError (or BlockedError) with a reason a person understands. */
	parse(doc: InputDocument): ParsedSnapshot[];
}

/** Settings by variable name: the validated configuration (or, in a test, the few variables it sets). */
export type Settings = Readonly<Record<string, unknown>>;

export interface FetchContext {
	http: HttpClient;
	/** The endpoint's URL after configuration overrides. */
	url: string;
	now: Date;
	/** The validated configuration, by variable name (a source's API key, its own options). */
	settings: Settings;
}

/** What a live fetch brings back: one document to parse with the endpoint's format. */
export interface FetchedDocument {
	origin: string;
	status: number;
	mediaType: string | null;
	bytes: Uint8Array;
	name: string;
	companions?: Record<string, string>;
}

export interface EndpointInfo {
	/** Short name, also the suffix of its override variable: RANKDRIFT_URL_<SOURCE>_<NAME>. */
	name: string;
	defaultUrl: string;
	feed: Feed;
	/** The format (by name) that parses what this endpoint returns. */
	format: string;
}

export type FetchFn = (ctx: FetchContext) => Promise<FetchedDocument>;

export interface Endpoint extends EndpointInfo {
	/** Custom fetch for paged or multi-file endpoints; a plain GET of the URL otherwise. */
	fetch?: FetchFn;
}

export interface BoardInfo {
	id: string;
	title: string;
	/** For a board that publishes no intervals: what its score is a share of, so the analysis can derive them. */
	uncertainty?: UncertaintyRule;
}

export type World = 'llm' | 'image' | 'video';

/** What rankdrift knows of a source, as plain data: the catalogue's entry. */
export interface SourceInfo {
	id: string;
	name: string;
	homepage: string;
	/** What the score column means, shown on the sources and board pages. */
	scoreMeaning: string;
	/** How the board ranks, in plain words. */
	rankNote: string;
	license: { name: string; url: string | null };
	/** The attribution line that travels with this source's data. */
	attribution: string;
	/** Conditions of use beyond the licence name (rate limits, restricted uses), shown on the sources page. */
	terms?: string;
	/** Boards known in advance; category boards (`<source>/<category>`) may also appear from data. */
	boards: BoardInfo[];
	/** The site that publishes it, where one site publishes several sources (LMArena's arenas); default: the source. */
	publisher?: string;
	/** Boards compared across sources (divergence, agreement); default: the source's own id. */
	headlineBoards?: string[];
	/**
	 * What its boards rank: language models (default), or image or video generators. Boards of
	 * different worlds are never compared: the same lab's name on both ranks different products.
	 */
	world?: World;
	/** node-cron expression (UTC). */
	schedule: string;
	retired?: { since: string; note: string };
	/** An API key the live fetch needs: without it the source does not run (its recorded files still import). */
	apiKey?: { variable: string; howToGet: string };
	endpoints: EndpointInfo[];
}

/** A source that also publishes its whole history as one file (LMArena's `full` dataset split). */
export interface HistoryDump {
	/** The history file behind an endpoint's URL, and the name of the series it holds; null when the endpoint has none. */
	locate(url: string): { url: string; series: string } | null;
	/** The file split into one document per publish date, each parsed with the endpoint's format; throws ParseError when unreadable. */
	split(bytes: Uint8Array, series: string): Promise<{ date: string; name: string; text: string }[]>;
}

/** What a folder under `scrapers/sources/` supplies for one catalogue entry (same id). */
export interface SourceModule {
	id: string;
	/** Tried in order on imported files; endpoints name theirs. */
	formats: SnapshotFormat[];
	/** Custom fetches, by endpoint name; other endpoints are a plain GET. */
	fetchers?: Record<string, FetchFn>;
	/** Why a file in an import folder is not a snapshot of this source (companions, other arenas), or null. */
	skipReason?(path: string): string | null;
	history?: HistoryDump;
}

/** A catalogue entry joined with its module: what the ingest pipeline fetches, parses and stores with. */
export interface SourceDefinition extends Omit<SourceInfo, 'endpoints'>, Omit<SourceModule, 'fetchers'> {
	endpoints: Endpoint[];
}
