// chart.js, tree-shaken: only what the dashboard's line and scatter charts draw is registered (and so
// bundled), and only pages with a chart load this module.
import { Chart, Filler, Legend, LinearScale, LineController, LineElement, PointElement, ScatterController, Tooltip } from 'chart.js';

Chart.register(LineController, ScatterController, LineElement, PointElement, LinearScale, Filler, Legend, Tooltip);

export { Chart };
