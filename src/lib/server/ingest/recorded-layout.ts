/**
 * Where each source's recorded history sits in the shared leaderboards folder
 * (`../shared/leaderboards`), for importing everything at once. Paths are relative to that folder.
 */
export const RECORDED_LAYOUT: { source: string; paths: string[] }[] = [
	{
		source: 'lmarena-text',
		paths: [
			'lmarena_text_pkl_history_nakasyou',
			'lmarena_fboulnois',
			'lmarena_arena_catalog',
			'html_fixtures/lmarena_leaderboard_overview_table_2025-07-24.html',
			'franri3008_scraped_2026/lmarena_text_leaderboard',
			'soothsayer_crossboard_2026-03-15/lmarena'
		]
	},
	{ source: 'lmarena-webdev', paths: ['webdev_arena'] },
	{ source: 'lmarena-vision', paths: ['lmarena_arena_catalog/leaderboard-vision', 'lmarena_fboulnois/pkl_vision'] },
	{ source: 'lmarena-image', paths: ['lmarena_arena_catalog/leaderboard-image', 'lmarena_fboulnois/pkl_image'] },
	{ source: 'yupp', paths: ['yupp'] },
	{
		source: 'livebench',
		paths: ['livebench', 'html_fixtures/livebench_leaderboard_table_2025-07-24.html', 'franri3008_scraped_2026/livebench_leaderboard', 'soothsayer_crossboard_2026-03-15/livebench']
	},
	{ source: 'aider-polyglot', paths: ['aider', 'soothsayer_crossboard_2026-03-15/aiderbench'] },
	{ source: 'swebench', paths: ['swebench_leaderboards'] },
	{ source: 'artificial-analysis', paths: ['franri3008_scraped_2026/aa_models_leaderboard', 'soothsayer_crossboard_2026-03-15/artificialanalysis'] }
];
