package dev.zarr4j.store;

import dev.zarr4j.testkit.SeededRandom;
import java.nio.file.Path;

/**
 * Child process for {@link DirectoryStoreTest}: overwrites keys {@code k0..k3} with self-checking
 * values until it is killed. Prints {@code ready} after its first write.
 */
public final class CrashingWriter {
  static final int MAX_PAYLOAD = 2 * 1024 * 1024;

  private CrashingWriter() {}

  public static void main(String[] args) {
    DirectoryStore store = new DirectoryStore(Path.of(args[0]));
    SeededRandom random = new SeededRandom(Long.parseLong(args[1]));
    boolean announced = false;
    while (true) {
      store.set("crash/k" + random.nextInt(4), random.selfCheckingValue(MAX_PAYLOAD));
      if (!announced) {
        System.out.println("ready");
        System.out.flush();
        announced = true;
      }
    }
  }
}
