package dev.zarr4j.store.lmdb;

import dev.zarr4j.exceptions.StoreException;
import java.nio.file.Path;

/**
 * Run in a JVM started without the {@code --add-opens} flags: opens an {@link LMDBStore} twice
 * (lmdbjava fails differently the second time) and prints each failure's message, one per line.
 */
final class OpenWithoutJvmFlags {
  private OpenWithoutJvmFlags() {}

  public static void main(String[] args) {
    for (int attempt = 0; attempt < 2; attempt++) {
      try (LMDBStore store = new LMDBStore(Path.of(args[0]))) {
        System.out.println("opened " + store);
      } catch (StoreException e) {
        System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
      }
    }
  }
}
