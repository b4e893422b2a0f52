package dev.zarr4j.interop.peers;

import java.nio.file.Path;
import java.util.List;

/**
 * A Zarr v3 implementation that writes and reads arrays in a directory store for interop tests.
 * Batches ({@link #writeAll}, {@link #readAll}) run in one go (one process for a peer that is a
 * process) and report each array on its own.
 */
public interface ZarrPeer {

  /** A short name for messages and test names ("zarr-java", "zarrita"). */
  String name();

  /** What this peer can write and read. */
  PeerSupport support();

  /**
   * Creates and fills each array under {@code store} (a directory, created if missing) with the
   * peer's own API. Arrays already there are overwritten or fail, as the peer does.
   *
   * @return one result per spec, in order
   */
  List<PeerResult<Void>> writeAll(Path store, List<PeerArraySpec> specs);

  /**
   * Opens and reads each array whole.
   *
   * @return one result per path, in order
   */
  List<PeerResult<PeerArray>> readAll(Path store, List<String> paths);

  /** Writes one array; a {@link PeerException} if the peer fails. */
  default void write(Path store, PeerArraySpec spec) {
    writeAll(store, List.of(spec)).get(0).orThrow();
  }

  /** Reads one array; a {@link PeerException} if the peer fails. */
  default PeerArray read(Path store, String path) {
    return readAll(store, List.of(path)).get(0).orThrow();
  }
}
