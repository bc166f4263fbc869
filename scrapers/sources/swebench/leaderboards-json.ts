import type { ParsedRow, ParsedSnapshot } from '../../../src/lib/snapshots/snapshot';
import { ParseError } from '../../../src/lib/catalogue/errors';
import { rankByScore } from '../../parse-helpers';
import type { SnapshotFormat } from '../../../src/lib/catalogue/contract';
import { boardIdFor, SOURCE_ID } from './boards';
import { readEntry, type Entry } from './entries';

export const FORMAT_NAME = 'leaderboards-json';

/** JSON.parse with a reason a person understands; a document cut short says so. */
function readJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch (e) {
		const message = (e as Error).message;
		const at = Number(message.match(/position (\d+)/)?.[1] ?? Number.NaN);
		const length = text.trimEnd().length;
		if (/unexpected end/i.test(message) || at >= length)
			throw new ParseError(`truncated: the JSON stops after ${length} characters, in the middle of the data`);
		throw new ParseError(`not valid JSON: ${message}`);
	}
}

function boardsOf(data: unknown): unknown[] {
	if (!data || typeof data !== 'object') throw new ParseError('layout changed: the file is not a JSON object with a "leaderboards" array');
	// The site's build.py also accepts a bare array of boards, so a future file may be one.
	const boards = Array.isArray(data) ? data : (data as { leaderboards?: unknown }).leaderboards;
	if (!Array.isArray(boards)) throw new ParseError('layout changed: no "leaderboards" array at the top level');
	if (boards.length === 0) throw new ParseError('empty: the "leaderboards" array holds no boards');
	return boards;
}

interface Board {
	id: string;
	name: string;
	publishedAs: string | null;
	entries: Entry[];
	methodVersion: string | null;
	/** What a dated rule of the site left out, for the snapshot's warnings. */
	notes: string[];
}

function readBoard(raw: unknown, position: number): Board {
	if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new ParseError(`board ${position}: not an object`);
	const b = raw as { name?: unknown; results?: unknown };
	if (typeof b.name !== 'string' || !b.name.trim()) throw new ParseError(`board ${position}: no "name"`);
	const name = b.name.trim();
	if (!Array.isArray(b.results)) throw new ParseError(`board "${name}": no "results" array`);
	const { id, publishedAs } = boardIdFor(name, position);
	const entries = b.results.map((r, i) => readEntry(r, `board "${name}" entry ${i + 1}`));
	return { id, name, publishedAs, entries, methodVersion: null, notes: [] };
}

/** Since this date the site's default view lists only bash-only runs of mini-SWE-agent v2.x. */
const MINI_V2_SINCE = '2026-02-26';
const MINI_V2 = 'mini-SWE-agent v2.x';

/**
 * bash-only as the site shows it on the snapshot's date: from 2026-02-26 the runs of older
 * mini-SWE-agent versions are left out, a change of method within the board (its scores are not
 * comparable across agent versions), not a new board. Undated documents keep every run.
 */
function asSiteShows(board: Board, asOf: string | null): Board {
	if (board.id !== `${SOURCE_ID}/bash-only` || !asOf || asOf < MINI_V2_SINCE) return board;
	const isV2 = (e: Entry) => /^v?2(\.|$)/.test(String(e.extras.mini_swe_agent_version ?? ''));
	const dropped = board.entries.filter((e) => !e.hidden && !isV2(e)).length;
	return {
		...board,
		entries: board.entries.filter(isV2),
		methodVersion: MINI_V2,
		notes: dropped ? [`${dropped} run${dropped === 1 ? '' : 's'} not on ${MINI_V2} left out, as the site's default view has done since ${MINI_V2_SINCE}`] : []
	};
}

function toSnapshot(board: Board, fileWarnings: string[]): ParsedSnapshot {
	const shown = board.entries.filter((e) => !e.hidden);
	const hidden = board.entries.filter((e) => e.hidden);
	const warnings = [...fileWarnings, ...board.notes];
	if (board.publishedAs)
		warnings.push(`published as "${board.publishedAs}", an earlier name of ${board.id.slice(board.id.indexOf('/') + 1)}: filed under ${board.id}`);
	if (hidden.length)
		warnings.push(`${hidden.length} entr${hidden.length === 1 ? 'y' : 'ies'} flagged with a warning, which the site hides, left out: ${hidden.map((e) => e.name).join('; ')}`);
	// The file's own order is not a ranking (new entries are sometimes inserted at the top), so rank by
	// % resolved; equal percentages share a rank, as nothing on the board tells them apart.
	const ranked = rankByScore(shown.map((e) => ({ ...e, score: e.resolved })));
	const rows = ranked.map(
		(e): ParsedRow => ({
			rowKey: e.folder,
			rank: e.rank,
			model: e.name,
			organization: e.organization,
			score: e.score,
			extras: e.extras
		})
	);
	return {
		board: board.id,
		publishedAsOf: null,
		feed: 'live-page',
		rankSemantics: 'computed',
		adjustment: null,
		methodVersion: board.methodVersion,
		rows,
		warnings
	};
}

/**
 * `data/leaderboards.json` of SWE-bench/swe-bench.github.io, the file the swebench.com pages are
 * built from: `{leaderboards: [{name, results: [{name, folder, resolved, tags, …}]}]}`, one
 * `swebench/<board>` snapshot per board. It states no publish date (the file name or fetch date is the
 * as-of, which also decides which of the site's rules applies).
 */
export const leaderboardsJsonFormat: SnapshotFormat = {
	name: FORMAT_NAME,
	description: 'swe-bench.github.io data/leaderboards.json: several boards (Test, Verified, Lite, Multimodal, bash-only…) of agent systems with % resolved; rank computed',
	// Any JSON object or array: the parser then says precisely what is missing instead of "unrecognised content".
	detect: (doc) => /^\s*[[{]/.test(doc.text),
	parse(doc) {
		const boards = boardsOf(readJson(doc.text)).map((raw, i) => asSiteShows(readBoard(raw, i + 1), doc.asOf ?? null));
		const seen = new Map<string, string>();
		for (const b of boards) {
			const other = seen.get(b.id);
			if (other !== undefined) throw new ParseError(`layout changed: boards "${other}" and "${b.name}" both map to ${b.id}`);
			seen.set(b.id, b.name);
		}
		// An empty board is no snapshot of it (storing one would read as everyone dropping off); the
		// other boards of the file still are.
		const empty = boards.filter((b) => b.entries.every((e) => e.hidden));
		if (empty.length === boards.length) throw new ParseError('empty: no board in the file has any results');
		const fileWarnings = empty.map((b) =>
			b.entries.length
				? `board "${b.name}" shows no results (all ${b.entries.length} flagged with a warning): left out`
				: `board "${b.name}" has no results in this file${b.notes.length ? ` (${b.notes.join('; ')})` : ''}: left out`
		);
		return boards.filter((b) => !empty.includes(b)).map((b) => toSnapshot(b, fileWarnings));
	}
};
