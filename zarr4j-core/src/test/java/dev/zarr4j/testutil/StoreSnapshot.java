package dev.zarr4j.testutil;

import dev.zarr4j.store.Store;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/** Every key and value of a store, for checking that a failed operation changed nothing. */
public final class StoreSnapshot {
  private StoreSnapshot() {}

  /** Key to base64 of the value, sorted by key. */
  public static Map<String, String> of(Store store) {
    Map<String, String> m = new TreeMap<>();
    for (String k : store.listPrefix("")) {
      ByteBuffer b = store.get(k).orElseThrow();
      byte[] bytes = new byte[b.remaining()];
      b.get(bytes);
      m.put(k, Base64.getEncoder().encodeToString(bytes));
    }
    return m;
  }

  /** Rewrites zarr-python's type names in documented output to zarr4j's. */
  public static String docs(String text) {
    return text.replace("zarr.core.Array", "zarr4j.ZarrArray")
        .replace("zarr.hierarchy.Group", "zarr4j.ZarrGroup");
  }
}
