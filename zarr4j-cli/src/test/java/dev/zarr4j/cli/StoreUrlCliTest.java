package dev.zarr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.ZipStore;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reading commands take a zip file and the URLs of the core's stores ({@code file:}, {@code
 * http://}, {@code zip::...}); writing to a read-only URL is refused naming it.
 */
class StoreUrlCliTest {
  @TempDir Path dir;

  private NdArray writeArray() {
    return TestArrays.writeIntArray(dir.resolve("src.zarr"), Map.of());
  }

  @Test
  void aZipFileAndZipUrlsAreReadLikeADirectory() {
    writeArray();
    ZipStore.pack(dir.resolve("src.zarr"), dir.resolve("data.zip"));
    String expected = Run.inProcess(dir, "cat", "src.zarr", "--path", "g/a").ok().out();
    assertThat(Run.inProcess(dir, "cat", "data.zip", "--path", "g/a").ok().out())
        .isEqualTo(expected);
    String url = "zip::" + dir.resolve("data.zip").toUri();
    assertThat(Run.inProcess(dir, "cat", url, "--path", "g/a").ok().out()).isEqualTo(expected);
    assertThat(Run.inProcess(dir, "tree", "data.zip").ok().out()).contains("a (12, 10) int32");
    assertThat(Run.inProcess(dir, "info", "data.zip", "--path", "g/a").ok().out())
        .contains("Shape              : (12, 10)");
    Run.inProcess(dir, "export", "data.zip", "out.npy", "--path", "g/a", "--no-progress").ok();
    assertThat(dir.resolve("out.npy")).exists();
  }

  @Test
  void anHttpUrlIsReadThroughTheHttpStore() throws IOException {
    NdArray a = writeArray();
    Path root = dir.resolve("src.zarr");
    List<String> requests = Collections.synchronizedList(new ArrayList<>());
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          requests.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath());
          Path f = root.resolve(ex.getRequestURI().getPath().substring("/data/".length()));
          try (ex) {
            if (!f.normalize().startsWith(root) || !Files.isRegularFile(f)) {
              ex.sendResponseHeaders(404, -1);
              return;
            }
            byte[] body = Files.readAllBytes(f); // a server that ignores Range: 200, whole body
            if (ex.getRequestMethod().equals("HEAD")) {
              ex.getResponseHeaders().add("Content-Length", Integer.toString(body.length));
              ex.sendResponseHeaders(200, -1);
              return;
            }
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
              out.write(body);
            }
          }
        });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/data/";
      String expected = Run.inProcess(dir, "cat", "src.zarr", "--path", "g/a").ok().out();
      assertThat(Run.inProcess(dir, "cat", url, "--path", "g/a").ok().out()).isEqualTo(expected);
      assertThat(requests).anyMatch(r -> r.endsWith("/g/a/.zarray"));
      // info counts the stored chunks, which a web server cannot list: refused, saying so
      Run info = Run.inProcess(dir, "info", url, "--path", "g/a");
      assertThat(info.status()).isEqualTo(1);
      assertThat(info.err()).contains("cannot list its keys").contains("consolidated metadata");
      assertThat(a.shape()).containsExactly(12, 10);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void writingToAReadOnlyUrlIsRefusedNamingItWhileAZipFileIsWritten() throws IOException {
    writeArray();
    ZipStore.pack(dir.resolve("src.zarr"), dir.resolve("data.zip"));
    byte[] before = Files.readAllBytes(dir.resolve("data.zip"));
    Run u =
        Run.inProcess(
            dir,
            "create",
            "http://127.0.0.1:9/x.zarr",
            "--shape",
            "4",
            "--chunks",
            "2",
            "--dtype",
            "<i4");
    assertThat(u.status()).isNotZero();
    assertThat(u.err()).contains("http://").contains("read-only");
    // copy-store into the zip file: every key is there already, so it refuses, changing nothing
    Run r = Run.inProcess(dir, "copy-store", "src.zarr", "data.zip");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains("exists in destination");
    assertThat(Files.readAllBytes(dir.resolve("data.zip"))).isEqualTo(before);
    Run.inProcess(dir, "copy-store", "src.zarr", "data.zip", "--dest-path", "copy").ok();
    assertThat(Run.inProcess(dir, "cat", "data.zip", "--path", "copy/g/a").ok().out())
        .isEqualTo(Run.inProcess(dir, "cat", "src.zarr", "--path", "g/a").ok().out());
  }
}
