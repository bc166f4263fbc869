import type { SourceInfo } from '../contract';

export const aiderPolyglot: SourceInfo = {
	id: 'aider-polyglot',
	name: 'Aider polyglot',
	homepage: 'https://aider.chat/docs/leaderboards/',
	scoreMeaning:
		'Percent of the 225 polyglot exercises (Exercism, in C++, Go, Java, JavaScript, Python and Rust) a model solved within two tries through aider (pass_rate_2). On the retired edit board: percent of 133 Exercism Python exercises solved within two tries.',
	rankNote:
		'Aider lists benchmark runs, not models, and publishes no rank: we rank runs by percent solved within two tries, ties in the board’s own order. One model can appear as several runs (edit format, reasoning effort, run date).',
	license: { name: 'Apache-2.0', url: 'https://github.com/Aider-AI/aider/blob/main/LICENSE.txt' },
	attribution: 'Data: Aider LLM leaderboards (aider.chat), Apache-2.0',
	boards: [
		{
			id: 'aider-polyglot',
			title: 'Aider polyglot coding benchmark',
			uncertainty: { kind: 'pass-rate', tasks: 225, basis: 'the 225 polyglot exercises (test_cases: 225 in every run)' }
		},
		{
			id: 'aider-polyglot/edit',
			title: 'Aider code-editing benchmark (retired Dec 2024)',
			uncertainty: { kind: 'pass-rate', tasks: 133, basis: 'the 133 Exercism Python exercises' }
		}
	],
	schedule: '23 4 * * *',
	endpoints: [
		{
			// The page is rendered from this file; raw.githubusercontent.com serves it to a plain GET.
			name: 'leaderboard',
			defaultUrl: 'https://raw.githubusercontent.com/Aider-AI/aider/main/aider/website/_data/polyglot_leaderboard.yml',
			feed: 'live-page',
			format: 'polyglot-yaml'
		}
	],
};
