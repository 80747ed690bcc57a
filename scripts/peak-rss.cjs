// Preloaded by scripts/bench.mjs (`node --require`): writes this process's peak RSS (KiB) to
// $PEAK_RSS_FILE on exit, so the benchmark needs no GNU time.
process.on("exit", () => {
  if (process.env.PEAK_RSS_FILE) require("node:fs").writeFileSync(process.env.PEAK_RSS_FILE, String(process.resourceUsage().maxRSS));
});
