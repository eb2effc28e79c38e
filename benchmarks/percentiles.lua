-- wrk's --latency prints the 50th, 75th, 90th and 99th percentiles; benchmarks/pages.py also wants the 95th.
-- This prints one line it can read, with each percentile in microseconds.
done = function(summary, latency, requests)
  io.write(string.format("PERCENTILES p50=%d p95=%d p99=%d requests=%d non2xx=%d errors=%d\n",
    latency:percentile(50), latency:percentile(95), latency:percentile(99), summary.requests,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
