import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load test of a running {@code seqcast serve} (run by tools/serve/loadtest.sh): for each model and each
 * number of concurrent clients, the clients send the same forecast request back to back until the level's
 * request count or time is used up; prints p50/p99 latency, throughput, errors and the server's resident memory
 * (sampled from /proc every 100 ms) as a Markdown table. Loopback only: the URL must be 127.0.0.1 or localhost.
 *
 * Usage: java LoadTest.java URL SERVER_PID HISTORY_CSV MODELS CLIENTS REQUESTS SECONDS
 *        (MODELS and CLIENTS comma-separated, e.g. network,demo 1,8,64)
 */
public class LoadTest {
    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        if (!List.of("127.0.0.1", "localhost").contains(base.getHost())) {
            throw new IllegalArgumentException("the load test runs against loopback only; got " + base);
        }
        long pid = Long.parseLong(args[1]);
        String body = "{\"history\":" + rows(Path.of(args[2])) + "}";
        List<String> models = List.of(args[3].split(","));
        int[] clients = Arrays.stream(args[4].split(",")).mapToInt(Integer::parseInt).toArray();
        int requests = Integer.parseInt(args[5]);
        double seconds = Double.parseDouble(args[6]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        System.out.println("| model | clients | requests | errors | p50 ms | p99 ms | requests/s | server RSS MB (start, max, end) |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---|");
        for (String model : models) {
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/models/" + model + "/forecast"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
            level(http, request, 8, requests, seconds, pid); // warm-up (the JIT), not reported
            for (int c : clients) {
                System.out.println(row(model, c, level(http, request, c, requests, seconds, pid)));
            }
        }
    }

    record Level(long[] latencies, int errors, double wallSeconds, long rssStart, long rssMax, long rssEnd) {
    }

    static Level level(HttpClient http, HttpRequest request, int clients, int requests, double seconds, long pid)
            throws Exception {
        long[] latencies = new long[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicLong rssMax = new AtomicLong(rss(pid));
        long rssStart = rssMax.get();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                rssMax.accumulateAndGet(rss(pid), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        long t0 = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                for (int i; System.nanoTime() < deadline && (i = next.getAndIncrement()) < requests; ) {
                    long s = System.nanoTime();
                    try {
                        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (IOException | InterruptedException e) {
                        errors.incrementAndGet();
                    }
                    latencies[i] = System.nanoTime() - s;
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
        double wall = (System.nanoTime() - t0) / 1e9;
        sampler.interrupt();
        sampler.join();
        int done = Math.min(next.get(), requests);
        return new Level(Arrays.copyOf(latencies, done), errors.get(), wall, rssStart, rssMax.get(), rss(pid));
    }

    static String row(String model, int clients, Level l) {
        long[] sorted = l.latencies().clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "| %s | %d | %d | %d | %.2f | %.2f | %.0f | %d, %d, %d |", model, clients,
                sorted.length, l.errors(), pct(sorted, 0.50) / 1e6, pct(sorted, 0.99) / 1e6, sorted.length / l.wallSeconds(),
                l.rssStart() >> 20, l.rssMax() >> 20, l.rssEnd() >> 20);
    }

    static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    /** The resident set of process {@code pid} in bytes, from /proc (0 where there is none). */
    static long rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) << 10;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** The JSON rows of a date,value CSV. */
    static String rows(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            rows.add("{\"time\":\"" + cells[0] + "\",\"value\":" + cells[1] + "}");
        }
        return "[" + String.join(",", rows) + "]";
    }
}
