package dev.zarr4j.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.exceptions.ReadOnlyException;
import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.store.ByteRange;
import dev.zarr4j.store.ReadableStore;
import dev.zarr4j.store.Store;
import dev.zarr4j.store.Stores;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the store contract does not cover: the table, other connections, options and URLs. */
class SQLiteStoreTest {
  @TempDir Path dir;

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String text(ReadableStore store, String key) {
    ByteBuffer b = store.get(key).orElseThrow(() -> new AssertionError("missing " + key));
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return new String(out, StandardCharsets.UTF_8);
  }

  @Test
  void keysAndValuesAreRowsOfZarrPythonsTableInWalMode() throws SQLException {
    Path file = dir.resolve("t.sqlite");
    try (SQLiteStore store = new SQLiteStore(file)) {
      store.set("g/.zgroup", utf8("{}"));
      store.set("g/empty", new byte[0]);
    }
    assertThat(Path.of(file + "-wal")).as("the log is folded in on close").doesNotExist();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("wal");
      }
      try (ResultSet rs =
          s.executeQuery("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'zarr'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("CREATE TABLE zarr(k TEXT PRIMARY KEY, v BLOB)");
      }
      try (ResultSet rs =
          s.executeQuery("SELECT k, typeof(k), typeof(v), hex(v) FROM zarr ORDER BY k")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("g/.zgroup");
        assertThat(rs.getString(2)).isEqualTo("text");
        assertThat(rs.getString(3)).isEqualTo("blob");
        assertThat(rs.getString(4)).isEqualTo("7B7D");
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("g/empty");
        assertThat(rs.getString(3)).isEqualTo("blob");
        assertThat(rs.next()).isFalse();
      }
    }
  }

  /** SQLite's plan for a statement: the detail column of each step. */
  static String plan(Connection c, String sql) throws SQLException {
    StringBuilder out = new StringBuilder();
    try (java.sql.PreparedStatement s = c.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
      int params = (int) sql.chars().filter(ch -> ch == '?').count();
      for (int i = 1; i <= params; i++) {
        s.setString(i, "a/");
      }
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.append(rs.getString("detail")).append('\n');
        }
      }
    }
    return out.toString();
  }

  @Test
  void listingsAndPrefixDeletesAreRangeSearchesOfTheKeyIndex() throws SQLException {
    Path file = dir.resolve("plan.sqlite");
    new SQLiteStore(file).close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      for (String sql :
          new String[] {
            SQLiteStore.KEYS_IN_RANGE, SQLiteStore.KEYS_FROM, SQLiteStore.DELETE_RANGE
          }) {
        String plan = plan(c, sql);
        assertThat(plan)
            .as(sql)
            .contains("SEARCH zarr USING")
            .contains("INDEX sqlite_autoindex_zarr_1 (k>?")
            .doesNotContain("SCAN")
            .doesNotContain("TEMP B-TREE");
      }
    }
  }

  @Test
  void aValueWrittenAsTextByAnotherProgramReadsAsItsUtf8Bytes() throws SQLException {
    Path file = dir.resolve("t.sqlite");
    new SQLiteStore(file).close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO zarr VALUES ('t', 'h\u00e9llo')");
    }
    try (SQLiteStore store = new SQLiteStore(file, true)) {
      byte[] bytes = utf8("h\u00e9llo");
      assertThat(store.size("t")).isEqualTo(bytes.length);
      assertThat(text(store, "t")).isEqualTo("h\u00e9llo");
      ByteBuffer tail = store.get("t", new ByteRange.Suffix(4)).orElseThrow();
      assertThat(tail.remaining()).isEqualTo(4);
      ByteBuffer part = store.get("t", ByteRange.of(1, 2)).orElseThrow();
      assertThat(new byte[] {part.get(0), part.get(1)}).containsExactly(bytes[1], bytes[2]);
    }
  }

  @Test
  void twoStoresOnOneFileSeeEachOthersWrites() {
    Path file = dir.resolve("shared.sqlite");
    try (SQLiteStore a = new SQLiteStore(file);
        SQLiteStore b = new SQLiteStore(file)) {
      a.set("x/1", utf8("from a"));
      assertThat(text(b, "x/1")).isEqualTo("from a");
      b.deletePrefix("x");
      assertThat(a.contains("x/1")).isFalse();
    }
  }

  @Test
  void readOnlyNeedsAnExistingZarrTableAndRefusesWrites() throws SQLException {
    Path missing = dir.resolve("missing.sqlite");
    assertThatThrownBy(() -> new SQLiteStore(missing, true))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(missing.toString());
    assertThat(missing).doesNotExist();
    Path other = dir.resolve("other.sqlite");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + other);
        Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE t(x)");
    }
    assertThatThrownBy(() -> new SQLiteStore(other, true))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("no table 'zarr'");
    Path notADatabase = dir.resolve("text.sqlite");
    try {
      Files.writeString(notADatabase, "this is not a database, only some text".repeat(50));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    assertThatThrownBy(() -> new SQLiteStore(notADatabase))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(notADatabase.toString());

    Path file = dir.resolve("ro.sqlite");
    try (SQLiteStore store = new SQLiteStore(file)) {
      store.set("k", utf8("v"));
    }
    try (SQLiteStore store = new SQLiteStore(file, true)) {
      assertThat(store.capabilities().writable()).isFalse();
      assertThat(text(store, "k")).isEqualTo("v");
      assertThatThrownBy(() -> store.set("k", utf8("w")))
          .isInstanceOf(ReadOnlyException.class)
          .hasMessageContaining("'k'")
          .hasMessageContaining(file.toString());
      assertThatThrownBy(() -> store.delete("k")).isInstanceOf(ReadOnlyException.class);
      assertThatThrownBy(() -> store.deletePrefix("")).isInstanceOf(ReadOnlyException.class);
      assertThat(text(store, "k")).isEqualTo("v");
    }
  }

  @Test
  void storesOpenByUrl() {
    Path file = dir.resolve("by url.sqlite");
    String url = file.toUri().toString().replace("file:", "sqlite:");
    assertThat(Stores.schemes()).contains("sqlite", "file");
    try (Store store = Stores.openWritable(url, null)) {
      assertThat(store).isInstanceOf(SQLiteStore.class);
      assertThat(((SQLiteStore) store).file()).isEqualTo(file);
      store.set("a", utf8("1"));
    }
    try (ReadableStore store = Stores.open(url, Map.<String, Object>of("read_only", "true"))) {
      assertThat(store.capabilities().writable()).isFalse();
      assertThat(text(store, "a")).isEqualTo("1");
    }
    assertThatThrownBy(() -> Stores.openWritable(url, Map.<String, Object>of("read_only", true)))
        .isInstanceOf(ReadOnlyException.class);
    Path plain = dir.resolve("plain.sqlite");
    try (ReadableStore store = Stores.open("sqlite:" + plain)) {
      assertThat(((SQLiteStore) store).file()).isEqualTo(plain);
    }
    try (ReadableStore store = Stores.open("sqlite://localhost" + plain)) {
      assertThat(((SQLiteStore) store).file()).isEqualTo(plain);
    }
    assertThatThrownBy(() -> Stores.open(url, Map.<String, Object>of("mode", "r")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("'mode'")
        .hasMessageContaining("read_only");
    assertThatThrownBy(() -> Stores.open(url, Map.<String, Object>of("read_only", "maybe")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("'maybe'");
    assertThatThrownBy(() -> Stores.open("sqlite://server/data.sqlite"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("'server'");
    assertThatThrownBy(() -> Stores.open("sqlite:" + plain + "?x=1"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("query");
  }
}
