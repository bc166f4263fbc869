import { describe, expect, it } from 'vitest';
import { getSource } from '../../src/lib/catalogue';
import { config, ConfigError } from '../../src/lib/server/config';
import { adminEnabled, adminTokenMatches } from '../../src/lib/server/services/admin-token';
import { defaultDbPath } from '../../src/lib/server/db/connection';
import { endpointUrl } from '../../src/lib/server/ingest/scrape';
import { scheduleFor } from '../../src/lib/server/ingest/scheduler';

const lmarenaText = getSource('lmarena-text')!;
const page = lmarenaText.endpoints.find((e) => e.name === 'page')!;

/** The one error a bad configuration gives (the message the CLI and `serve` print). */
function refusal(env: NodeJS.ProcessEnv): string {
	try {
		config(env);
	} catch (e) {
		expect(e).toBeInstanceOf(ConfigError);
		return (e as Error).message;
	}
	throw new Error('the configuration was accepted');
}

describe('configuration', () => {
	it("takes the README's defaults when nothing is set, and '' as unset", () => {
		const c = config({ PORT: '', RANKDRIFT_STALE_DAYS: '' });
		expect(c).toMatchObject({ RANKDRIFT_DB: 'data/rankdrift.db', PORT: 3000, HOST: '0.0.0.0', RANKDRIFT_STALE_DAYS: 45, RANKDRIFT_SCHEDULER: true });
		expect(c.ADMIN_TOKEN).toBeUndefined();
	});

	it('the settings that once bypassed it are read through it', () => {
		expect(defaultDbPath(config({ RANKDRIFT_DB: '/tmp/x.db' }))).toBe('/tmp/x.db');
		expect(adminEnabled(config({}))).toBe(false);
		expect(adminEnabled(config({ ADMIN_TOKEN: 't0ken' }))).toBe(true);
		expect(adminTokenMatches('t0ken', config({ ADMIN_TOKEN: 't0ken' }))).toBe(true);
		expect(adminTokenMatches('t0ken', config({}))).toBe(false);
		expect(scheduleFor(lmarenaText, config({}))).toBe(lmarenaText.schedule);
		expect(scheduleFor(lmarenaText, config({ RANKDRIFT_SCHEDULE_LMARENA_TEXT: '0 * * * *' }))).toBe('0 * * * *');
		expect(endpointUrl(lmarenaText, page, config({}))).toBe(page.defaultUrl);
		expect(endpointUrl(lmarenaText, page, config({ RANKDRIFT_URL_LMARENA_TEXT_PAGE: 'http://127.0.0.1:8080/text' }))).toBe('http://127.0.0.1:8080/text');
	});

	it('a schedule must be a cron expression, a URL override an http(s) URL', () => {
		expect(refusal({ RANKDRIFT_SCHEDULE_LMARENA_TEXT: 'nope' })).toBe('invalid configuration: RANKDRIFT_SCHEDULE_LMARENA_TEXT: "nope" is not a valid cron expression');
		expect(refusal({ RANKDRIFT_URL_LMARENA_TEXT_PAGE: 'ftp://mirror.example/text' })).toBe('invalid configuration: RANKDRIFT_URL_LMARENA_TEXT_PAGE: must be an http(s) URL');
		expect(refusal({ RANKDRIFT_LMARENA_ROWS_URL: 'rows' })).toBe('invalid configuration: RANKDRIFT_LMARENA_ROWS_URL: must be an http(s) URL');
	});

	it('a per-source variable naming an unknown source or endpoint is an error naming the known ones', () => {
		const schedule = refusal({ RANKDRIFT_SCHEDULE_LMARENA_TXT: '0 * * * *' });
		expect(schedule).toMatch(/^invalid configuration: RANKDRIFT_SCHEDULE_LMARENA_TXT: names no known source \(RANKDRIFT_SCHEDULE_<SOURCE> with SOURCE one of LMARENA_TEXT, .*ARTIFICIAL_ANALYSIS\)$/);
		expect(refusal({ RANKDRIFT_URL_LMARENA_TEXT_PAGES: 'http://x.example/' })).toBe(
			'invalid configuration: RANKDRIFT_URL_LMARENA_TEXT_PAGES: lmarena-text has no such endpoint (ENDPOINT one of DATASET, DATASET_STYLE_CONTROL, PAGE)'
		);
		expect(refusal({ RANKDRIFT_URL_ARENA_TEXT_PAGE: 'http://x.example/' })).toMatch(/RANKDRIFT_URL_ARENA_TEXT_PAGE: names no known source \(RANKDRIFT_URL_<SOURCE>_<ENDPOINT> with SOURCE one of LMARENA_TEXT, /);
		// Set to '' is unset, here as everywhere.
		expect(() => config({ RANKDRIFT_SCHEDULE_NOTHING: '' })).not.toThrow();
	});

	it('an API key is trimmed, blank is unset, and a key with spaces inside is refused', () => {
		expect(() => config({ ARTIFICIAL_ANALYSIS_API_KEY: '  ' })).not.toThrow();
		expect(() => config({ ARTIFICIAL_ANALYSIS_API_KEY: ' aa-key ' })).not.toThrow();
		expect(refusal({ ARTIFICIAL_ANALYSIS_API_KEY: 'aa key' })).toBe('invalid configuration: ARTIFICIAL_ANALYSIS_API_KEY: must be the key alone: printable ASCII, no spaces');
	});

	it('lists every problem in one line', () => {
		const message = refusal({ PORT: 'eighty', RANKDRIFT_STALE_DAYS: '0', RANKDRIFT_SCHEDULER: 'maybe', RANKDRIFT_LMARENA_CATEGORIES: ' , ', RANKDRIFT_SCHEDULE_NOPE: '* * * * *' });
		expect(message).not.toContain('\n');
		expect(message.split('; ')).toEqual([
			'invalid configuration: PORT: must be a port number from 1 to 65535',
			'RANKDRIFT_STALE_DAYS: must be a whole number of days, at least 1',
			'RANKDRIFT_LMARENA_CATEGORIES: must name at least one category',
			'RANKDRIFT_SCHEDULER: must be one of 1, true, on, yes, 0, false, off, no',
			expect.stringMatching(/^RANKDRIFT_SCHEDULE_NOPE: names no known source /)
		]);
	});
});
