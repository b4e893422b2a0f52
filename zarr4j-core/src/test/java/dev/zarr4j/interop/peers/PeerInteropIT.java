package dev.zarr4j.interop.peers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zarr v3 interop among three implementations: zarr4j ({@link Zarr4jPeer}, the public API),
 * zarr-java 0.0.9 and zarrita.js 0.7.5 each write every array of {@link PeerCases#matrix} (about
 * 300: every data type x 21 codec chains, 0 to 3 dimensions, edge chunks and shards, seeded random
 * values and fill values), and each reads what any of them wrote (zarr4j reading its own arrays is
 * the only check of float16, complex and string writes, which neither peer makes). For every
 * (writer, reader, array) the support tables allow, the write must succeed and the read must give
 * back the spec: shape, chunk shape, data type, fill value (NaN-aware), codec names and every value
 * (exact, NaN-aware). Everything the tables exclude is tried too and must fail or misread ({@link
 * #supportTablesHoldNoStaleLimit}), so a table cannot claim less than the peer does. One Node
 * process writes all arrays and one reads them (two when some must fail).
 *
 * <p>The support found ({@link ZarrJavaPeer#SUPPORT}, {@link ZarritaPeer#SUPPORT}; {@link
 * PeerSupport#cannotWrite} / {@link PeerSupport#cannotRead} answer for one spec):
 *
 * <table>
 *   <caption>What each peer writes and reads</caption>
 *   <tr><th></th><th>zarr-java 0.0.9</th><th>zarrita 0.7.5 (Node 20)</th></tr>
 *   <tr><td>data types, write</td><td>bool, int8..int64, uint8..uint64, float32, float64</td>
 *       <td>the same</td></tr>
 *   <tr><td>data types, read</td><td>the same</td><td>the same + string</td></tr>
 *   <tr><td>neither</td><td colspan="2">float16 (no Float16Array in Node 20), complex64,
 *       complex128; string written by neither</td></tr>
 *   <tr><td>codecs, write</td><td>bytes, transpose, gzip, zstd, blosc, crc32c,
 *       sharding_indexed</td><td>bytes, transpose, gzip (Node's zlib, registered by the script),
 *       zstd, blosc</td></tr>
 *   <tr><td>codecs, read</td><td>the same</td><td>bytes, transpose, gzip, zstd, blosc, crc32c
 *       (not checked), sharding_indexed, vlen-utf8</td></tr>
 *   <tr><td>limits, write</td><td>blosc snappy; transpose before sharding</td><td>int64/uint64
 *       fill beyond 2^53-1; -0.0 fill (written 0); bool with big-endian bytes (corrupted)</td></tr>
 *   <tr><td>limits, read</td><td>blosc snappy; zstd inside a shard or before crc32c; +Infinity
 *       fill value</td><td>int64/uint64 fill a double cannot hold; bool with big-endian bytes;
 *       index_location start; codecs beside sharding_indexed; nested sharding</td></tr>
 * </table>
 *
 * <p>So, as (data type, codec) pairs: both peers write and read each other's bool, int8..int64,
 * uint8..uint64, float32 and float64 arrays with bytes (either endian, except bool big endian),
 * transpose, gzip, zstd and blosc (not snappy); zarr-java also writes crc32c and sharding_indexed
 * (index at the end, codecs inside but not zstd if zarr-java is to read it back), which zarrita
 * reads. Nothing here writes float16, complex or string arrays: zarr4j's must be checked against
 * zarrita's reader (string) or other references.
 */
class PeerInteropIT {
  static final long SEED = 20261206L;

  @TempDir static Path dir;

  static List<ZarrPeer> peers;
  static List<PeerArraySpec> cases;

  /** writer name -> one write result per case. */
  static final Map<String, List<PeerResult<Void>>> WRITES = new LinkedHashMap<>();

  /** "writer>reader" -> array path -> read result (only arrays the writer wrote). */
  static final Map<String, Map<String, PeerResult<PeerArray>>> READS = new LinkedHashMap<>();

  @BeforeAll
  static void writeAndReadEverything() {
    peers = List.of(new Zarr4jPeer(), new ZarrJavaPeer(), ZarritaPeer.require());
    cases = PeerCases.matrix(SEED);
    for (ZarrPeer writer : peers) {
      Path store = dir.resolve(writer.name());
      long t0 = System.nanoTime();
      List<PeerResult<Void>> written = writer.writeAll(store, cases);
      log(writer.name() + " wrote " + cases.size() + " arrays", t0);
      WRITES.put(writer.name(), written);
      for (ZarrPeer reader : peers) {
        // The supported arrays in one batch, the rest in another: a crash in the second (zarrita
        // can take Node down on a misread shard index) costs only its own arrays a rerun.
        List<String> supported = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
          if (written.get(i).ok()) {
            PeerArraySpec c = cases.get(i);
            boolean expected = writer.support().canWrite(c) && reader.support().canRead(c);
            (expected ? supported : others).add(c.path());
          }
        }
        Map<String, PeerResult<PeerArray>> results = new HashMap<>();
        t0 = System.nanoTime();
        for (List<String> batch : List.of(supported, others)) {
          if (!batch.isEmpty()) {
            reader.readAll(store, batch).forEach(r -> results.put(r.path(), r));
          }
        }
        log(reader.name() + " read " + results.size() + " arrays of " + writer.name(), t0);
        READS.put(writer.name() + ">" + reader.name(), results);
      }
    }
  }

  /**
   * One test per (writer, reader, array) the support tables allow: the write succeeded and the
   * reader gives back exactly the spec.
   */
  @TestFactory
  Stream<DynamicContainer> everySupportedArrayRoundTrips() {
    List<DynamicContainer> pairs = new ArrayList<>();
    for (ZarrPeer writer : peers) {
      for (ZarrPeer reader : peers) {
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
          PeerArraySpec c = cases.get(i);
          if (!writer.support().canWrite(c) || !reader.support().canRead(c)) {
            continue;
          }
          PeerResult<Void> written = WRITES.get(writer.name()).get(i);
          tests.add(
              DynamicTest.dynamicTest(
                  c.describe(),
                  () -> {
                    assertThat(written.error())
                        .as("%s writing %s", writer.name(), c.describe())
                        .isNull();
                    PeerResult<PeerArray> read =
                        READS.get(writer.name() + ">" + reader.name()).get(c.path());
                    assertThat(read.error())
                        .as("%s reading %s", reader.name(), c.describe())
                        .isNull();
                    assertThat(read.value().differencesFrom(c))
                        .as(
                            "%s reading what %s wrote: %s",
                            reader.name(), writer.name(), c.describe())
                        .isEmpty();
                  }));
        }
        pairs.add(
            DynamicContainer.dynamicContainer(
                writer.name() + " writes, " + reader.name() + " reads", tests));
      }
    }
    return pairs.stream();
  }

  /**
   * The cases the support tables exclude really fail: a write the table rules out errs or leaves an
   * array no reader gets right, a read it rules out errs or differs. A limit that no longer holds
   * (a fixed peer) shows up here, with the table to update.
   */
  @Test
  void supportTablesHoldNoStaleLimit() {
    List<String> stale = new ArrayList<>();
    int tried = 0;
    for (ZarrPeer writer : peers) {
      List<PeerResult<Void>> written = WRITES.get(writer.name());
      for (int i = 0; i < cases.size(); i++) {
        PeerArraySpec c = cases.get(i);
        Optional<String> cannotWrite = writer.support().cannotWrite(c);
        if (!written.get(i).ok()) {
          continue; // failures of supported writes are reported by the round trips
        }
        if (cannotWrite.isPresent()) {
          tried++;
          boolean anyWrong = false;
          for (ZarrPeer reader : peers) {
            anyWrong |= wrong(READS.get(writer.name() + ">" + reader.name()).get(c.path()), c);
          }
          if (!anyWrong) {
            stale.add(
                writer.name()
                    + " wrote "
                    + c.describe()
                    + " and every peer read it right, but: "
                    + cannotWrite.get());
          }
          continue;
        }
        for (ZarrPeer reader : peers) {
          Optional<String> cannotRead = reader.support().cannotRead(c);
          if (cannotRead.isPresent()) {
            tried++;
            if (!wrong(READS.get(writer.name() + ">" + reader.name()).get(c.path()), c)) {
              stale.add(
                  reader.name()
                      + " read "
                      + c.describe()
                      + " (by "
                      + writer.name()
                      + ") right, but: "
                      + cannotRead.get());
            }
          }
        }
      }
    }
    System.out.println(tried + " excluded write/read combinations tried");
    assertThat(stale).as("limits in the support tables that did not show").isEmpty();
  }

  /** zarr-java writes sharded arrays piecewise (partial shard writes); every peer reads them. */
  @Test
  void partialShardWritesByZarrJavaReadBack() {
    ZarrJavaPeer zarrJava = new ZarrJavaPeer();
    Path store = dir.resolve("partial");
    List<PeerArraySpec> sharded = new ArrayList<>();
    for (PeerArraySpec c : cases) {
      if (c.sharded()
          && c.shape().length > 0
          && zarrJava.support().canWrite(c)
          && zarrJava.support().canRead(c)
          && peers.stream().allMatch(p -> p.support().canRead(c))) {
        int[] region = new int[c.shape().length];
        for (int d = 0; d < region.length; d++) {
          region[d] = Math.max(1, c.chunkShape()[d] / 2 + 1); // straddles inner chunks and shards
        }
        zarrJava.writeByRegions(store, c, region);
        sharded.add(c);
      }
    }
    assertThat(sharded).hasSizeGreaterThan(20);
    List<String> paths = sharded.stream().map(PeerArraySpec::path).toList();
    List<String> failures = new ArrayList<>();
    for (ZarrPeer reader : peers) {
      List<PeerResult<PeerArray>> read = reader.readAll(store, paths);
      for (int i = 0; i < sharded.size(); i++) {
        PeerResult<PeerArray> r = read.get(i);
        List<String> diffs =
            r.ok() ? r.value().differencesFrom(sharded.get(i)) : List.of(r.error());
        if (!diffs.isEmpty()) {
          failures.add(reader.name() + " " + sharded.get(i).describe() + ": " + diffs);
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  private static boolean wrong(PeerResult<PeerArray> read, PeerArraySpec c) {
    return read == null || !read.ok() || !read.value().differencesFrom(c).isEmpty();
  }

  private static void log(String what, long t0) {
    System.out.printf("%s in %d ms%n", what, (System.nanoTime() - t0) / 1_000_000);
  }
}
