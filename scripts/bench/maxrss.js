// Preloaded into a measured process (`node --require`): writes its peak RSS in MB to BENCH_RSS_FILE at exit.
process.on('exit', () => {
  if (process.env.BENCH_RSS_FILE) require('fs').writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS / 1024));
});
