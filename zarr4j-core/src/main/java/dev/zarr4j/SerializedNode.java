package dev.zarr4j;

import dev.zarr4j.store.Store;
import dev.zarr4j.sync.Synchronizer;
import dev.zarr4j.sync.ThreadSynchronizer;
import java.io.InvalidObjectException;
import java.io.NotSerializableException;
import java.io.ObjectStreamException;
import java.io.Serializable;

/**
 * The serialised forms of {@link ZarrArray} and {@link ZarrGroup}: the store (which serialises
 * itself, with its data for a memory store or as its location for a directory store), the path and
 * the options. Deserialising re-opens the node, reading its metadata from the store again.
 */
final class SerializedNode {
  private SerializedNode() {}

  /** Stands for a {@link ThreadSynchronizer}: locks are per JVM, so the copy gets fresh ones. */
  enum ThreadSynchronizerForm {
    INSTANCE
  }

  /**
   * What to write for a synchronizer: itself when serialisable, a marker for a thread synchronizer.
   *
   * @throws NotSerializableException for any other synchronizer
   */
  static Object synchronizerForm(Synchronizer s) throws NotSerializableException {
    if (s == null || s instanceof Serializable) {
      return s;
    }
    if (s instanceof ThreadSynchronizer) {
      return ThreadSynchronizerForm.INSTANCE;
    }
    throw new NotSerializableException(
        "synchronizer " + s.getClass().getName() + " is not serialisable");
  }

  static Synchronizer toSynchronizer(Object form) throws InvalidObjectException {
    if (form == null) {
      return null;
    }
    if (form == ThreadSynchronizerForm.INSTANCE) {
      return new ThreadSynchronizer();
    }
    if (form instanceof Synchronizer s) {
      return s;
    }
    throw new InvalidObjectException("not a synchronizer: " + form.getClass().getName());
  }

  static void check(Store store, String path) throws InvalidObjectException {
    if (store == null || path == null) {
      throw new InvalidObjectException("serialised node has no store or path");
    }
    if (!path.equals(dev.zarr4j.store.StoreKeys.normalizePath(path))) {
      throw new InvalidObjectException(
          "serialised node has a path that is not normalised: " + path);
    }
  }

  /** The threads to record for a configuration: 0 for the process default. */
  static int threadsOf(ZarrConfig c) {
    return c.equals(ZarrConfig.processDefault()) ? 0 : c.parallelism();
  }

  /**
   * An array: its store, chunk store, path, mode and options (its format is found again where it
   * is).
   */
  record ArrayForm(
      Store store,
      Store chunkStore,
      String path,
      boolean readOnly,
      boolean cacheMetadata,
      boolean cacheAttrs,
      boolean writeEmptyChunks,
      Object synchronizer,
      int threads,
      boolean pureJava)
      implements Serializable {
    private static final long serialVersionUID = 2L;

    private Object readResolve() throws ObjectStreamException {
      NodeContext where =
          contextOf(store, chunkStore, path, readOnly, cacheAttrs, synchronizer, threads, pureJava);
      return new ZarrArray(where, cacheMetadata, writeEmptyChunks);
    }
  }

  /**
   * The context of a node read back: its format found again where it is, its configuration and
   * synchronizer rebuilt.
   */
  static NodeContext contextOf(
      Store store,
      Store chunkStore,
      String path,
      boolean readOnly,
      boolean cacheAttrs,
      Object synchronizer,
      int threads,
      boolean pureJava)
      throws ObjectStreamException {
    check(store, path);
    return new NodeContext(
        store,
        chunkStore,
        path,
        ZarrGroup.formatFor(store, path, null),
        toConfig(threads, pureJava),
        readOnly,
        cacheAttrs,
        toSynchronizer(synchronizer));
  }

  /** The configuration a node travels with: 0 threads stands for the process default. */
  static ZarrConfig toConfig(int threads, boolean pureJava) throws InvalidObjectException {
    if (threads == 0) {
      return ZarrConfig.processDefault();
    }
    if (threads < 0) {
      throw new InvalidObjectException("serialised node has " + threads + " threads");
    }
    return new ZarrConfig(
        threads,
        pureJava ? dev.zarr4j.codec.CodecOptions.PURE_JAVA : dev.zarr4j.codec.CodecOptions.AUTO);
  }

  /** A group: its store, chunk store, path, mode and options. */
  record GroupForm(
      Store store,
      Store chunkStore,
      String path,
      boolean readOnly,
      boolean cacheAttrs,
      Object synchronizer,
      boolean ownsStore,
      int threads,
      boolean pureJava)
      implements Serializable {
    private static final long serialVersionUID = 2L;

    private Object readResolve() throws ObjectStreamException {
      NodeContext where =
          contextOf(store, chunkStore, path, readOnly, cacheAttrs, synchronizer, threads, pureJava);
      return new ZarrGroup(where, ownsStore);
    }
  }
}
