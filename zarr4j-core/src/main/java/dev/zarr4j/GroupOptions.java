package dev.zarr4j;

import dev.zarr4j.metadata.NodeFormat;
import dev.zarr4j.store.Store;
import dev.zarr4j.sync.Synchronizer;

/**
 * The options of zarr-python's {@code zarr.group} and {@code zarr.open_group}, as an immutable
 * value built with {@link #builder()}. Every option is optional and defaults as in zarr-python.
 *
 * <pre>{@code
 * ZarrGroup g = Zarr.openGroup(store, OpenMode.APPEND,
 *     GroupOptions.builder().path("experiments/run1").cacheAttrs(false).build());
 * }</pre>
 */
public final class GroupOptions {
  private static final GroupOptions DEFAULTS = new Builder().build();

  private final String path;
  private final boolean overwrite;
  private final Store chunkStore;
  private final boolean cacheAttrs;
  private final Synchronizer synchronizer;
  private final boolean closeStore;
  private final NodeFormat format;
  private final ZarrConfig config;

  private GroupOptions(Builder b) {
    this.path = b.path;
    this.overwrite = b.overwrite;
    this.chunkStore = b.chunkStore;
    this.cacheAttrs = b.cacheAttrs;
    this.synchronizer = b.synchronizer;
    this.closeStore = b.closeStore;
    this.format = b.format;
    this.config = b.config;
  }

  /** A builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Every default: the root path, no overwrite, no chunk store, cached attributes. */
  public static GroupOptions defaults() {
    return DEFAULTS;
  }

  /**
   * The group options an {@link ArrayOptions} implies: its path, chunk store, attribute caching,
   * synchronizer and overwrite.
   */
  public static GroupOptions from(ArrayOptions o) {
    return builder()
        .path(o.path())
        .overwrite(o.overwrite())
        .chunkStore(o.chunkStore())
        .cacheAttrs(o.cacheAttrs())
        .synchronizer(o.synchronizer())
        .format(o.format())
        .config(o.config())
        .build();
  }

  /** A builder holding these settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.path = path;
    b.overwrite = overwrite;
    b.chunkStore = chunkStore;
    b.cacheAttrs = cacheAttrs;
    b.synchronizer = synchronizer;
    b.closeStore = closeStore;
    b.format = format;
    b.config = config;
    return b;
  }

  /** The group's path inside the store, or null for the root. */
  public String path() {
    return path;
  }

  /** Whether {@link Zarr#group} deletes what exists at the path first (default false). */
  public boolean overwrite() {
    return overwrite;
  }

  /** A separate store for array chunks, or null to keep chunks with the metadata. */
  public Store chunkStore() {
    return chunkStore;
  }

  /** Whether attributes are read once and cached (default true). */
  public boolean cacheAttrs() {
    return cacheAttrs;
  }

  /** The synchronizer handed to arrays of the group and used for group changes, or null. */
  public Synchronizer synchronizer() {
    return synchronizer;
  }

  /**
   * Whether {@link ZarrGroup#close()} closes the store (default false: the caller owns the store).
   * The functions that open a store themselves from a directory path set it.
   */
  public boolean closeStore() {
    return closeStore;
  }

  /**
   * The metadata format, or null to use the format of what is at the path (or at the store's root),
   * else Zarr v2.
   */
  public NodeFormat format() {
    return format;
  }

  /**
   * The configuration set, or null for the process default ({@link ZarrConfig#processDefault()}).
   */
  public ZarrConfig config() {
    return config;
  }

  /** Builds {@link GroupOptions}. */
  public static final class Builder {
    private String path;
    private boolean overwrite;
    private Store chunkStore;
    private boolean cacheAttrs = true;
    private Synchronizer synchronizer;
    private boolean closeStore;
    private NodeFormat format;
    private ZarrConfig config;

    private Builder() {}

    /**
     * The metadata format of a new hierarchy (for example {@code NodeFormats.named("n5")}); null
     * (the default) uses the format of what exists, else Zarr v2.
     */
    public Builder format(NodeFormat format) {
      this.format = format;
      return this;
    }

    /** The configuration for the group's arrays; null for the process default. */
    public Builder config(ZarrConfig config) {
      this.config = config;
      return this;
    }

    /** The group's path inside the store (normalised as zarr-python does; null is the root). */
    public Builder path(String path) {
      this.path = path;
      return this;
    }

    /** Delete whatever exists at the path before creating the group ({@link Zarr#group} only). */
    public Builder overwrite(boolean overwrite) {
      this.overwrite = overwrite;
      return this;
    }

    /** A separate store for array chunks. */
    public Builder chunkStore(Store chunkStore) {
      this.chunkStore = chunkStore;
      return this;
    }

    /** Cache attributes after the first read (true) or re-read them on every access (false). */
    public Builder cacheAttrs(boolean cacheAttrs) {
      this.cacheAttrs = cacheAttrs;
      return this;
    }

    /** Synchronizer for the group's arrays and for changes to the hierarchy. */
    public Builder synchronizer(Synchronizer synchronizer) {
      this.synchronizer = synchronizer;
      return this;
    }

    /** Make {@link ZarrGroup#close()} close the store, for a group that owns its store. */
    public Builder closeStore(boolean closeStore) {
      this.closeStore = closeStore;
      return this;
    }

    /** The options. */
    public GroupOptions build() {
      return new GroupOptions(this);
    }
  }
}
