import { text } from 'node:stream/consumers';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvChunks, neutraliseFormula, toCsv, type CsvCell } from '../../src/lib/server/export/csv';
import { flattenRecord } from '../../src/lib/server/export/flatten';

const HOSTILE = ['=1+1', '+1+1', '-1+1', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://e.example","x")'];
const columns = ['name', 'score', 'flag', 'note'];
const rows: Record<string, CsvCell>[] = [
	{ name: '=cmd|" /C calc"!A0', score: -3, flag: true, note: 'a "quoted", comma' },
	{ name: 'multi\nline', score: 1.5, flag: false, note: 'cr\ronly' },
	{ name: ' leading space', score: null, flag: null, note: undefined },
	{ name: '<b>html</b> & ü — 日本', score: 0, flag: true, note: '-42' },
	{ name: '\ttab first', score: 1e21, flag: false, note: '-3 (est.)' }
];

describe('CSV writing', () => {
	it('neutralises every formula prefix in text and leaves numbers, and text that is only a number, alone', () => {
		for (const h of HOSTILE) expect(neutraliseFormula(h)).toBe(`'${h}`);
		expect(neutraliseFormula(-3)).toBe(-3);
		expect(neutraliseFormula('-3')).toBe('-3');
		expect(neutraliseFormula('+1.5e3')).toBe('+1.5e3');
		expect(neutraliseFormula('-3 (est.)')).toBe("'-3 (est.)");
		expect(neutraliseFormula('plain')).toBe('plain');
	});

	it('is RFC 4180: header row, CRLF after every record, fields with line breaks, quotes or commas quoted', () => {
		const csv = toCsv(rows, columns);
		expect(csv.startsWith('name,score,flag,note\r\n')).toBe(true);
		expect(csv.endsWith('\r\n')).toBe(true);
		// Every line break outside a quoted field is CRLF.
		const outside = csv.replace(/"(?:[^"]|"")*"/g, '""');
		expect(outside.match(/\r\n/g)).toHaveLength(rows.length + 1);
		expect(outside.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
		expect(csv).toContain('"multi\nline"');
		expect(csv).toContain('"cr\ronly"');
		expect(csv).toContain('"a ""quoted"", comma"');
		// An edge space would be trimmed by spreadsheets: quoted.
		expect(csv).toContain('\r\n" leading space",');
	});

	it('parses back (csv-parse) to exactly the neutralised values, numbers as their digits', () => {
		const parsed = parseCsv(toCsv(rows, columns), { columns: true }) as Record<string, string>[];
		expect(parsed).toHaveLength(rows.length);
		parsed.forEach((p, i) => {
			for (const c of columns) {
				const v = rows[i][c];
				const expected = v === null || v === undefined ? '' : typeof v === 'number' ? String(v) : typeof v === 'boolean' ? String(v) : (neutraliseFormula(v) as string);
				expect(p[c], `${c} of row ${i}`).toBe(expected);
			}
		});
		expect(parsed[0].name).toBe(`'=cmd|" /C calc"!A0`);
		expect(Number(parsed[0].score)).toBe(-3);
	});

	it('csvChunks gives the same bytes as toCsv whatever the chunk size, and the header alone for no rows', () => {
		const whole = toCsv(rows, columns);
		for (const size of [1, 40, 100_000]) expect([...csvChunks(rows, columns, size)].join('')).toBe(whole);
		expect([...csvChunks(rows, columns, 1)].length).toBe(rows.length);
		expect([...csvChunks([], columns)].join('')).toBe('name,score,flag,note\r\n');
		expect(toCsv([], columns)).toBe('name,score,flag,note\r\n');
	});

	it('csvChunks pulls rows only as chunks are asked for', () => {
		let produced = 0;
		function* many() {
			for (let i = 0; i < 100_000; i++) {
				produced++;
				yield { name: `m${i}`, score: i, flag: i % 2 === 0, note: null };
			}
		}
		const chunks = csvChunks(many(), columns, 4096);
		chunks.next();
		expect(produced).toBeGreaterThan(0);
		expect(produced).toBeLessThan(1000);
		chunks.return(undefined);
	});


	it('flattens nested objects to dotted columns and lists to "; "-joined cells', () => {
		expect(flattenRecord({ a: 1, ranks: { 'lmarena-text': 2, livebench: null }, boards: ['x', 'y'], side: { name: '=n' } })).toEqual({
			a: 1,
			'ranks.lmarena-text': 2,
			'ranks.livebench': null,
			boards: 'x; y',
			'side.name': '=n'
		});
	});
});
