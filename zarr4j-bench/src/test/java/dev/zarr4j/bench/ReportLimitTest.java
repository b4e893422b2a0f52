package dev.zarr4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The raw limits of the main table ({@link Report#combinedLimit}) against a reference computed here
 * from the same run times, and the {@code %lim} column {@link Report} prints from them for write
 * and read rows.
 */
class ReportLimitTest {

  private static final long BYTES = 268_435_456L;

  /** The median as the textbook defines it: middle value, or mean of the middle two. */
  private static double referenceMedian(List<Double> values) {
    List<Double> s = new ArrayList<>(values);
    Collections.sort(s);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  /** Run times between 0.05 and 2 seconds, 1 to 9 of them, each also recorded in {@code out}. */
  private static Stats randomRuns(SplittableRandom rnd, List<Double> out) {
    Stats s = new Stats();
    int n = 1 + rnd.nextInt(9);
    for (int i = 0; i < n; i++) {
      double t = 0.05 + rnd.nextDouble() * 1.95;
      s.add(t, t * 1.5);
      out.add(t);
    }
    return s;
  }

  /**
   * {@code count} series of random runs; each series' times are appended to {@code times} as a list
   * of their own, in order.
   */
  private static Stats[] randomSeries(SplittableRandom rnd, int count, List<List<Double>> times) {
    Stats[] series = new Stats[count];
    for (int i = 0; i < count; i++) {
      List<Double> own = new ArrayList<>();
      times.add(own);
      series[i] = randomRuns(rnd, own);
    }
    return series;
  }

  /**
   * A report with blosc-lz4's full write {@code s[0]} and read {@code s[1]}, its write limit's
   * parts (files {@code s[2]}, encode {@code s[3]}) and its read limit's (files {@code s[4]},
   * decode {@code s[5]}).
   */
  private static Report bloscReport(Stats[] s) {
    Report report =
        new Report(PeerBench.Options.parse(new String[] {"--no-zarr-java"}), BYTES, null);
    report.main("blosc-lz4", "write", s[0], Map.of(), null);
    report.main("blosc-lz4", "read", s[1], Map.of(), null);
    report.writeLimit("blosc-lz4", s[2], s[3]);
    report.readLimit("blosc-lz4", s[4], s[5]);
    return report;
  }

  /** Each series' median rate in MB/s on {@link #BYTES}, from its times alone. */
  private static double[] medianRates(List<List<Double>> times) {
    double[] rates = new double[times.size()];
    for (int i = 0; i < rates.length; i++) {
      rates[i] = BYTES / referenceMedian(times.get(i)) / 1e6;
    }
    return rates;
  }

  /** Where the main table's column headed {@code name} ends, from its header line. */
  private static int columnEnd(List<String> lines, String name) {
    String header = lines.stream().filter(l -> l.contains(name)).findFirst().orElseThrow();
    return header.indexOf(name) + name.length();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void combinedLimitIsTheFilesAndCodecRatesInSeries(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Double> fileTimes = new ArrayList<>();
    List<Double> codecTimes = new ArrayList<>();
    Stats files = randomRuns(rnd, fileTimes);
    Stats codec = randomRuns(rnd, codecTimes);
    double filesRate = BYTES / referenceMedian(fileTimes) / 1e6;
    double codecRate = BYTES / referenceMedian(codecTimes) / 1e6;
    double expected = 1 / (1 / filesRate + 1 / codecRate);
    assertThat(Report.combinedLimit(files, codec, BYTES)).isCloseTo(expected, within(1e-9));
    // doing both takes the time of each: the limit is below either part
    assertThat(Report.combinedLimit(files, codec, BYTES))
        .isLessThan(Math.min(filesRate, codecRate));
    // no compressor: the files alone
    assertThat(Report.combinedLimit(files, null, BYTES)).isCloseTo(filesRate, within(1e-9));
    assertThat(Report.combinedLimit(files, new Stats(), BYTES)).isCloseTo(filesRate, within(1e-9));
    assertThat(Report.combinedLimit(new Stats(), codec, BYTES)).isNaN();
    assertThat(Report.combinedLimit(null, codec, BYTES)).isNaN();
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14, 15, 16})
  void limitColumnShowsWriteAndReadRowsAgainstTheirOwnLimits(long seed) {
    List<List<Double>> t = new ArrayList<>();
    Stats[] s = randomSeries(new SplittableRandom(seed), 6, t);
    Report report = bloscReport(s);
    // no limit measured for this codec: its cells stay empty
    report.main("zstd-3", "write", s[0], Map.of(), null);

    List<String> lines = print(report);
    int end = columnEnd(lines, "%lim");
    double[] rate = medianRates(t);
    double writeLimit = 1 / (1 / rate[2] + 1 / rate[3]);
    double readLimit = 1 / (1 / rate[4] + 1 / rate[5]);
    double writeRate = rate[0];
    double readRate = rate[1];
    assertThat(cell(lines, "blosc-lz4", "write", end))
        .isEqualTo(String.format(Locale.ROOT, "%.0f%%", 100 * writeRate / writeLimit));
    assertThat(cell(lines, "blosc-lz4", "read", end))
        .isEqualTo(String.format(Locale.ROOT, "%.0f%%", 100 * readRate / readLimit));
    assertThat(cell(lines, "zstd-3", "write", end)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(longs = {21, 22, 23})
  void withoutACompressorTheWriteLimitIsTheFilesAlone(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Double> writeTimes = new ArrayList<>();
    List<Double> fileTimes = new ArrayList<>();
    Stats write = randomRuns(rnd, writeTimes);
    Stats files = randomRuns(rnd, fileTimes);
    Report report =
        new Report(PeerBench.Options.parse(new String[] {"--no-zarr-java"}), BYTES, null);
    report.main("none", "write", write, Map.of(), null);
    report.writeLimit("none", files, null);
    List<String> lines = print(report);
    int end = columnEnd(lines, "%lim");
    double share = 100 * referenceMedian(fileTimes) / referenceMedian(writeTimes);
    assertThat(cell(lines, "none", "write", end))
        .isEqualTo(String.format(Locale.ROOT, "%.0f%%", share));
  }

  @ParameterizedTest
  @ValueSource(longs = {31, 32, 33, 34, 35})
  void partsColumnCountsTheLayoutOfEachDirectionOnFullReadsAndWritesOnly(long seed) {
    List<List<Double>> t = new ArrayList<>();
    Stats[] s = randomSeries(new SplittableRandom(seed), 9, t);
    Report report = bloscReport(s);
    // layout into the array (as reads move it) s[6], out of it (as writes do) s[7]
    report.layout("blosc-lz4", s[6], s[7]);
    report.shape("blosc-lz4", "512-row band x4", BYTES, 1.0, s[8], Map.of(), null);
    // a limit but no layout: no share
    report.main("zstd-3", "read", s[1], Map.of(), null);
    report.readLimit("zstd-3", s[4], s[5]);

    List<String> lines = print(report);
    int end = columnEnd(lines, "%parts");
    double[] rate = medianRates(t);
    double writeParts = 1 / (1 / rate[2] + 1 / rate[3] + 1 / rate[7]);
    double readParts = 1 / (1 / rate[4] + 1 / rate[5] + 1 / rate[6]);
    assertThat(cell(lines, "blosc-lz4", "write", end, 6))
        .isEqualTo(String.format(Locale.ROOT, "%.0f%%", 100 * rate[0] / writeParts));
    assertThat(cell(lines, "blosc-lz4", "read", end, 6))
        .isEqualTo(String.format(Locale.ROOT, "%.0f%%", 100 * rate[1] / readParts));
    assertThat(cell(lines, "blosc-lz4", "512-row", end, 6)).isEmpty();
    assertThat(cell(lines, "zstd-3", "read", end, 6)).isEmpty();
    // the %lim column beside it keeps the limit, without the layout
    int limEnd = columnEnd(lines, "%lim");
    assertThat(cell(lines, "blosc-lz4", "read", limEnd))
        .isEqualTo(
            String.format(Locale.ROOT, "%.0f%%", 100 * rate[1] * (1 / rate[4] + 1 / rate[5])));
  }

  private static List<String> print(Report report) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    report.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), 1);
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  /** The text of the 5-character column ending at {@code end} on the row of codec and op. */
  private static String cell(List<String> lines, String codec, String op, int end) {
    return cell(lines, codec, op, end, 5);
  }

  /** The text of the column of {@code width} ending at {@code end} on the row of codec and op. */
  private static String cell(List<String> lines, String codec, String op, int end, int width) {
    String row =
        lines.stream()
            .filter(l -> l.split("\\s+").length > 1)
            .filter(l -> l.split("\\s+")[0].equals(codec) && l.split("\\s+")[1].equals(op))
            .findFirst()
            .orElseThrow();
    return row.substring(end - width, end).trim();
  }
}
