package dev.zarr4j.convenience;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The options of {@link Convenience#copyStore} (zarr-python's {@code source_path}, {@code
 * dest_path}, {@code excludes}, {@code includes}, {@code flags}, {@code if_exists}, {@code dry_run}
 * and {@code log}), built with {@link #builder()}.
 *
 * <pre>{@code
 * Convenience.copyStore(source, dest, CopyStoreOptions.builder()
 *     .sourcePath("foo").destPath("bar").excludes("\\.zattrs$").log(System.out::println).build());
 * }</pre>
 */
public final class CopyStoreOptions {
  private static final CopyStoreOptions DEFAULTS = builder().build();

  private final String sourcePath;
  private final String destPath;
  private final List<String> excludes;
  private final List<String> includes;
  private final int flags;
  private final IfExists ifExists;
  private final boolean dryRun;
  private final Consumer<String> log;

  private CopyStoreOptions(Builder b) {
    this.sourcePath = b.sourcePath;
    this.destPath = b.destPath;
    this.excludes = List.copyOf(b.excludes);
    this.includes = List.copyOf(b.includes);
    this.flags = b.flags;
    this.ifExists = b.ifExists;
    this.dryRun = b.dryRun;
    this.log = b.log;
  }

  /** A builder with every default. */
  public static Builder builder() {
    return new Builder();
  }

  /** Every default: the whole source into the root of the destination, raising on existing keys. */
  public static CopyStoreOptions defaults() {
    return DEFAULTS;
  }

  /** Only keys below this path are copied ({@code ""}: all). */
  public String sourcePath() {
    return sourcePath;
  }

  /** The path below which keys are written in the destination ({@code ""}: the root). */
  public String destPath() {
    return destPath;
  }

  /**
   * Regular expressions; a source key one of them finds is not copied, unless an include finds it
   * too.
   */
  public List<String> excludes() {
    return excludes;
  }

  /** Regular expressions that override {@link #excludes()}. */
  public List<String> includes() {
    return includes;
  }

  /** {@link java.util.regex.Pattern} flags for the expressions (e.g. {@code CASE_INSENSITIVE}). */
  public int flags() {
    return flags;
  }

  /** What to do about keys already in the destination: raise, replace or skip. */
  public IfExists ifExists() {
    return ifExists;
  }

  /** Whether nothing is changed, only logged and counted. */
  public boolean dryRun() {
    return dryRun;
  }

  /** Receives one line per key and a final summary, or null. */
  public Consumer<String> log() {
    return log;
  }

  /** Builds {@link CopyStoreOptions}. */
  public static final class Builder {
    private String sourcePath = "";
    private String destPath = "";
    private List<String> excludes = List.of();
    private List<String> includes = List.of();
    private int flags;
    private IfExists ifExists = IfExists.RAISE;
    private boolean dryRun;
    private Consumer<String> log;

    private Builder() {}

    /** Copy only keys below this path. */
    public Builder sourcePath(String sourcePath) {
      this.sourcePath = sourcePath == null ? "" : sourcePath;
      return this;
    }

    /** Write keys below this path in the destination. */
    public Builder destPath(String destPath) {
      this.destPath = destPath == null ? "" : destPath;
      return this;
    }

    /** Regular expressions (searched anywhere in the key) of keys not to copy. */
    public Builder excludes(String... excludes) {
      this.excludes = List.of(excludes);
      return this;
    }

    /** Regular expressions of keys to copy even when an exclude finds them. */
    public Builder includes(String... includes) {
      this.includes = List.of(includes);
      return this;
    }

    /** {@link java.util.regex.Pattern} flags for excludes and includes. */
    public Builder flags(int flags) {
      this.flags = flags;
      return this;
    }

    /**
     * What to do about existing keys (default {@link IfExists#RAISE}).
     *
     * @throws IllegalArgumentException for {@link IfExists#SKIP_INITIALIZED}, which applies to
     *     arrays, not keys
     */
    public Builder ifExists(IfExists ifExists) {
      Objects.requireNonNull(ifExists, "ifExists");
      if (ifExists == IfExists.SKIP_INITIALIZED) {
        throw new IllegalArgumentException(
            "if_exists must be one of 'raise', 'replace', 'skip' when copying a store; found"
                + " 'skip_initialized'");
      }
      this.ifExists = ifExists;
      return this;
    }

    /** Change nothing; log and count what would be done. */
    public Builder dryRun(boolean dryRun) {
      this.dryRun = dryRun;
      return this;
    }

    /** Where log lines go, e.g. {@code System.out::println}; null for none. */
    public Builder log(Consumer<String> log) {
      this.log = log;
      return this;
    }

    /** The options. */
    public CopyStoreOptions build() {
      return new CopyStoreOptions(this);
    }
  }
}
