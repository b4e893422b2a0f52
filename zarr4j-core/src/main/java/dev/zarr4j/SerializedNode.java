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

  /** An array: its store, chunk store, path, mode and options. */
  record ArrayForm(
      Store store,
      Store chunkStore,
      String path,
      String format,
      boolean readOnly,
      boolean cacheMetadata,
      boolean cacheAttrs,
      boolean writeEmptyChunks,
      Object synchronizer,
      int parallelism,
      boolean pureJava)
      implements Serializable {
    private static final long serialVersionUID = 2L;

    private Object readResolve() throws ObjectStreamException {
      check(store, path);
      return new ZarrArray(
          store,
          chunkStore,
          path,
          toFormat(format),
          readOnly,
          cacheMetadata,
          cacheAttrs,
          writeEmptyChunks,
          toSynchronizer(synchronizer),
          toConfig(parallelism, pureJava));
    }
  }

  static dev.zarr4j.metadata.NodeFormat toFormat(String name) throws InvalidObjectException {
    try {
      return dev.zarr4j.metadata.NodeFormats.named(name);
    } catch (RuntimeException e) {
      throw new InvalidObjectException("serialised node names an unknown format: " + name);
    }
  }

  static ZarrConfig toConfig(int parallelism, boolean pureJava) throws InvalidObjectException {
    if (parallelism < 1) {
      throw new InvalidObjectException("serialised node has parallelism " + parallelism);
    }
    return new ZarrConfig(
        parallelism,
        pureJava ? dev.zarr4j.codec.CodecOptions.PURE_JAVA : dev.zarr4j.codec.CodecOptions.AUTO);
  }

  /** A group: its store, chunk store, path, mode and options. */
  record GroupForm(
      Store store,
      Store chunkStore,
      String path,
      String format,
      int parallelism,
      boolean pureJava,
      boolean readOnly,
      boolean cacheAttrs,
      Object synchronizer,
      boolean ownsStore)
      implements Serializable {
    private static final long serialVersionUID = 2L;

    private Object readResolve() throws ObjectStreamException {
      check(store, path);
      return new ZarrGroup(
          store,
          chunkStore,
          path,
          toFormat(format),
          toConfig(parallelism, pureJava),
          readOnly,
          cacheAttrs,
          toSynchronizer(synchronizer),
          ownsStore);
    }
  }
}
