package dev.zarr4j.store.remote;

import dev.zarr4j.store.ByteRange;
import java.util.Optional;

/**
 * One object service as a network store sees it: a HEAD and a ranged GET of the object under a
 * store key. Each method makes one attempt; {@link RemoteCalls} bounds, times and retries them.
 * Implementations are thread-safe.
 *
 * <p>Failures: a method throws {@link TransientRequestException} when trying again may help (server
 * errors, throttling, resets, timeouts), a {@link dev.zarr4j.exceptions.StoreException} naming the
 * URL when it cannot (access denied, a bad request, a changed value), and returns empty when the
 * object is absent.
 */
public interface ObjectClient {

  /** Where the object under {@code key} lives, for messages ({@code https://host/a/b}). */
  String url(String key);

  /**
   * The size and version of the object under {@code key}, or empty when it is absent.
   *
   * @throws TransientRequestException when trying again may help
   */
  Optional<ObjectInfo> head(String key);

  /**
   * Reads {@code range} of the object under {@code key}: a ranged request for any range but {@link
   * ByteRange#FULL}. The answer may hold more bytes than asked (a server that ignores ranges sends
   * the whole object), never fewer unless the object ends sooner; a range starting past the end
   * gives no bytes at the object's end ({@code offset} = its size).
   *
   * @param version when not null, read only this version of the object: a changed object fails with
   *     a {@link dev.zarr4j.exceptions.StoreException} instead ({@code If-Match})
   * @return the bytes received, or empty when the object is absent
   * @throws TransientRequestException when trying again may help
   */
  Optional<ObjectSlice> get(String key, ByteRange range, String version);
}
