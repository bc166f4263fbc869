import type { SourceInfo } from '../contract';

/**
 * ASSUMPTION — LiveBench publishes neither intervals nor question counts per release, so its Global
 * Average is treated as a proportion over an assumed number of questions: the fewest tasks of any
 * recorded release (17, release 2025-04-25; others have 18–23) times 40 questions a task, below the
 * ≈ 55 of the LiveBench paper (arXiv 2406.19314: about 1,000 questions over its first 18 tasks). Both
 * are taken low so the derived interval errs wide. Averaging category means weights questions
 * unequally, which shrinks the effective count a little (≈ 5 % for the 7-category releases); task
 * scores with partial credit vary less than pass/fail, which widens it back.
 */
const ASSUMED_TASKS = 17;
const ASSUMED_QUESTIONS_PER_TASK = 40;
const ASSUMED_QUESTIONS = ASSUMED_TASKS * ASSUMED_QUESTIONS_PER_TASK;

export const livebench: SourceInfo = {
	id: 'livebench',
	name: 'LiveBench',
	homepage: 'https://livebench.ai',
	scoreMeaning:
		'Global Average: the mean of the category averages (Reasoning, Coding, Agentic Coding, Mathematics, Data Analysis, Language, Instruction Following — as the release defines them), each the mean of its task scores (0–100, graded against objective ground truth); rounded to 2 decimals as the site shows it.',
	rankNote:
		'LiveBench publishes no rank: rankdrift ranks by the Global Average, as the site sorts by default (equal shown averages share a rank). Each question-set release is its own method version, and the newest release is the default view. Models missing a whole category have no Global Average and are left out.',
	// The site since July 2026 (LiveBench/new-livebench) states it; the old site's repository had no licence file.
	license: { name: 'CC BY-SA 4.0', url: 'https://creativecommons.org/licenses/by-sa/4.0/' },
	attribution: 'Data: LiveBench (livebench.ai), CC BY-SA 4.0',
	boards: [
		{
			id: 'livebench',
			title: 'LiveBench — Global Average',
			uncertainty: { kind: 'pass-rate', tasks: ASSUMED_QUESTIONS, basis: `an assumed ${ASSUMED_TASKS} tasks × ${ASSUMED_QUESTIONS_PER_TASK} questions` }
		}
	],
	schedule: '0 4 * * *',
	endpoints: [
		// The site's own data files, read the way its page reads them: the same numbers the page renders.
		{ name: 'site', defaultUrl: 'https://livebench.ai/', feed: 'live-page', format: 'livebench-table-csv' }
	]
};
