import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/lib/server/ingest/import-files';
import { lmarenaText } from '../helpers/sources';
import { projectRoot, sharedData } from '../helpers/paths';
import { tempDb, type TempDb } from '../helpers/temp-db';
import { startSmtpSink, type SmtpSink } from '../fixtures/alerts/smtp-sink';
import { linkIn } from '../fixtures/alerts/mail';
import { afterSnapshotsAdded } from '../../src/lib/server/pipeline';
import { confirmByToken, requestSubscription } from '../../src/lib/server/alerts/subscriptions';
import { requestDispatch, settleDispatches } from '../../src/lib/server/alerts/runner';
import { listEvents } from '../../src/lib/server/db/analysis';
import { testContext } from '../helpers/context';
import { config } from '../../src/lib/server/config';

// The benchmark behind "snapshot stored → alert accepted by SMTP within a second (immediate mode)":
// each recorded LMArena file is stored, then the pipeline runs as after any ingest; for every file
// that brings a new #1 the time from the stored snapshot to the SMTP server's acceptance is
// measured. The numbers go to test-results/alerts-latency.json; the test asserts delivery (one
// message per new leader, in order), not a time, so a slow machine cannot make it flaky.

const folder = sharedData('lmarena_fboulnois/hfspace_text');
const files = readdirSync(folder).filter((f) => /^2024-(0[6-9]|1[01])-\d\d\.csv$/.test(f)).sort();

let sink: SmtpSink;
let t: TempDb;

beforeAll(async () => {
	sink = await startSmtpSink();
	Object.assign(process.env, { SMTP_URL: sink.url, PUBLIC_URL: 'https://rankdrift.example', RANKDRIFT_ALERTS_CLIENT_LIMIT: '1000' });
	t = tempDb();
	importFiles(t.db, lmarenaText, [join(folder, files[0])]);
});

afterAll(async () => {
	await settleDispatches();
	await sink?.stop();
	t?.cleanup();
});

describe('alert latency (benchmark)', () => {
	it('measures snapshot stored → alert accepted by SMTP for every new leader of 2024', async () => {
		await requestSubscription(t.db, config(process.env), { email: 'bench@example.com', kinds: ['new-leader'] }, 'bench', new Date());
		await requestDispatch(t.db, config(process.env));
		await sink.waitFor(1);
		const token = new URL(linkIn(sink.messages[0].text, 'https://rankdrift.example/subscriptions/confirm?token=')).searchParams.get('token');
		expect(confirmByToken(t.db, config(process.env), token, new Date()).ok).toBe(true);

		const samples: { file: string; leader: string; ms: number }[] = [];
		for (const file of files.slice(1)) {
			const added: number[] = [];
			importFiles(t.db, lmarenaText, [join(folder, file)], { onAdded: (ids) => added.push(...ids) });
			const stored = Date.now();
			const before = sink.messages.length;
			afterSnapshotsAdded(testContext(t.db, { env: process.env, now: new Date() }), added);
			await settleDispatches();
			const date = file.slice(0, 10);
			const leaders = listEvents(t.db, { kind: 'new-leader', since: date, until: date, board: 'lmarena-text' });
			expect(sink.messages.length - before, file).toBe(leaders.length);
			if (leaders.length) {
				const mail = sink.messages.at(-1)!;
				expect(mail.subject).toContain(leaders[0].model!);
				samples.push({ file, leader: leaders[0].model!, ms: mail.receivedAt - stored });
			}
		}
		expect(samples.length).toBeGreaterThanOrEqual(5);
		const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
		const summary = { samples, median_ms: ms[Math.floor(ms.length / 2)], max_ms: ms.at(-1), measured_at: new Date().toISOString() };
		mkdirSync(join(projectRoot, 'test-results'), { recursive: true });
		writeFileSync(join(projectRoot, 'test-results', 'alerts-latency.json'), JSON.stringify(summary, null, 2));
		console.log(`alert latency (snapshot stored → SMTP accepted): median ${summary.median_ms} ms, max ${summary.max_ms} ms over ${samples.length} new leaders`);
	}, 120_000);
});
