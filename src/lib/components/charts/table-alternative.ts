/**
 * Rows of a chart's table alternative rendered with the page. A longer table (three years of daily
 * agreement, two thousand models of a scatter) is built only when its disclosure is opened: rendering
 * thousands of rows nobody opened made the page several times slower to serve and to load.
 */
export const RENDERED_WITH_PAGE = 200;
