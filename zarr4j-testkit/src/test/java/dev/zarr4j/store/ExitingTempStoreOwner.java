package dev.zarr4j.store;

/**
 * Child process for {@link TempStoreTest}: creates a temporary store, writes to it, prints its
 * directory and exits without closing it.
 */
public final class ExitingTempStoreOwner {
  private ExitingTempStoreOwner() {}

  public static void main(String[] args) {
    TempStore store = new TempStore("zarr4j-exit-", ".zarr");
    store.set("a/b/.zarray", new byte[] {1, 2, 3});
    System.out.println(store.root());
    System.out.flush();
    System.exit(0);
  }
}
