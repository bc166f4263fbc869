const url = process.argv[2];
const times = [];
for (let i = 0; i < 20; i++) { const t0 = performance.now(); const r = await fetch(url); await r.arrayBuffer(); times.push(Math.round(performance.now() - t0)); }
console.log(times.join(' '));
