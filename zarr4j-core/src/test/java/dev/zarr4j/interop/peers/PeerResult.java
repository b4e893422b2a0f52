package dev.zarr4j.interop.peers;

/**
 * What a peer did with one array of a batch: the value ({@code null} for a write) or why it failed.
 * One array's failure does not stop the rest of a batch.
 *
 * @param <T> what an operation gives: {@link PeerArray} for a read, {@link Void} for a write
 * @param path the array's path in the store
 * @param value the result when the operation succeeded ({@code null} for a write)
 * @param error the peer's message when it failed, {@code null} when it succeeded
 */
public record PeerResult<T>(String path, T value, String error) {

  /** A success. */
  public static <T> PeerResult<T> ok(String path, T value) {
    return new PeerResult<>(path, value, null);
  }

  /** A failure with the peer's message. */
  public static <T> PeerResult<T> failed(String path, String error) {
    return new PeerResult<>(path, null, error);
  }

  /** Whether the operation succeeded. */
  public boolean ok() {
    return error == null;
  }

  /** The value, or a {@link PeerException} with the peer's message if it failed. */
  public T orThrow() {
    if (error != null) {
      throw new PeerException(path + ": " + error);
    }
    return value;
  }
}
