package dev.zarr4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A long-lived zarr-python process answering one JSON command per line, so Python measurements
 * interleave with Java ones in the same run.
 */
final class PythonWorker implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Process process;
  private final BufferedWriter in;
  private final BufferedReader out;
  final JsonNode info;

  PythonWorker(Path python, Path workDir) throws IOException {
    Path script = workDir.resolve("zarr_python_worker.py");
    try (InputStream s = PythonWorker.class.getResourceAsStream("zarr_python_worker.py")) {
      Files.write(script, s.readAllBytes());
    }
    process =
        new ProcessBuilder(python.toString(), script.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    in =
        new BufferedWriter(
            new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    info = readReply();
  }

  /**
   * Sends a command (op plus fields) and returns the reply; throws if the worker reports an error.
   */
  JsonNode call(String op, Map<String, ?> fields) throws IOException {
    ObjectNode cmd = JSON.createObjectNode();
    cmd.put("op", op);
    for (Map.Entry<String, ?> e : fields.entrySet()) {
      cmd.set(e.getKey(), JSON.valueToTree(e.getValue()));
    }
    in.write(JSON.writeValueAsString(cmd));
    in.newLine();
    in.flush();
    JsonNode reply = readReply();
    if (reply.has("error")) {
      throw new IOException(
          "zarr-python worker failed on " + cmd + ": " + reply.get("error").asText());
    }
    return reply;
  }

  private JsonNode readReply() throws IOException {
    String line = out.readLine();
    if (line == null) {
      throw new IOException("zarr-python worker exited (see its standard error above)");
    }
    return JSON.readTree(line);
  }

  /** The worker's process id. */
  long pid() {
    return process.pid();
  }

  @Override
  public void close() throws IOException {
    try {
      in.write("{\"op\": \"quit\"}");
      in.newLine();
      in.flush();
    } catch (IOException ignored) {
      // already gone
    }
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroy();
    }
  }
}
