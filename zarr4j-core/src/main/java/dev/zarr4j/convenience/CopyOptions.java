package dev.zarr4j.convenience;

import dev.zarr4j.ArrayOptions;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The options of {@link Convenience#copy} and {@link Convenience#copyAll} (zarr-python's {@code
 * name}, {@code shallow}, {@code without_attrs}, {@code log}, {@code if_exists}, {@code dry_run}
 * and {@code **create_kws}), built with {@link #builder()}.
 *
 * <pre>{@code
 * CopyResult r = Convenience.copy(source.get("foo"), dest,
 *     CopyOptions.builder().log(System.out::println).ifExists(IfExists.SKIP).dryRun(true).build());
 * }</pre>
 */
public final class CopyOptions {
  private static final CopyOptions DEFAULTS = builder().build();

  private final String name;
  private final boolean shallow;
  private final boolean withoutAttrs;
  private final IfExists ifExists;
  private final boolean dryRun;
  private final Consumer<String> log;
  private final ArrayOptions createOptions;
  private final CopyProgress progress;

  private CopyOptions(Builder b) {
    this.name = b.name;
    this.shallow = b.shallow;
    this.withoutAttrs = b.withoutAttrs;
    this.ifExists = b.ifExists;
    this.dryRun = b.dryRun;
    this.log = b.log;
    this.createOptions = b.createOptions;
    this.progress = b.progress;
  }

  /** What is told how far the copy has come, or {@code null}. */
  public CopyProgress progress() {
    return progress;
  }

  /** A builder with every default. */
  public static Builder builder() {
    return new Builder();
  }

  /** Every default: keep the source's name, deep, with attributes, raise if present, no log. */
  public static CopyOptions defaults() {
    return DEFAULTS;
  }

  /** The name to copy the source to in the destination, or null for the source's own name. */
  public String name() {
    return name;
  }

  /** Whether only the immediate children of a source group are copied. */
  public boolean shallow() {
    return shallow;
  }

  /** Whether user attributes are left behind. */
  public boolean withoutAttrs() {
    return withoutAttrs;
  }

  /** What to do about arrays and groups already in the destination. */
  public IfExists ifExists() {
    return ifExists;
  }

  /** Whether nothing is changed, only logged and counted. */
  public boolean dryRun() {
    return dryRun;
  }

  /** Receives one line per action and a final summary, or null. */
  public Consumer<String> log() {
    return log;
  }

  /**
   * Options for the arrays created in the destination (chunks, compressor, filters, order, fill
   * value, ...): each one set here replaces the source array's own; those left unset keep it.
   */
  public ArrayOptions createOptions() {
    return createOptions;
  }

  /** Builds {@link CopyOptions}. */
  public static final class Builder {
    private String name;
    private boolean shallow;
    private boolean withoutAttrs;
    private IfExists ifExists = IfExists.RAISE;
    private boolean dryRun;
    private Consumer<String> log;
    private ArrayOptions createOptions = ArrayOptions.defaults();
    private CopyProgress progress;

    private Builder() {}

    /** What to tell how far the copy has come, array by array; null (the default) for nothing. */
    public Builder progress(CopyProgress progress) {
      this.progress = progress;
      return this;
    }

    /** The name to copy to (required when the source is a root group). */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Copy only the immediate children of a source group. */
    public Builder shallow(boolean shallow) {
      this.shallow = shallow;
      return this;
    }

    /** Do not copy user attributes. */
    public Builder withoutAttrs(boolean withoutAttrs) {
      this.withoutAttrs = withoutAttrs;
      return this;
    }

    /** What to do about existing arrays and groups (default {@link IfExists#RAISE}). */
    public Builder ifExists(IfExists ifExists) {
      this.ifExists = Objects.requireNonNull(ifExists, "ifExists");
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

    /**
     * Options for the arrays created in the destination. They must not set store, path or chunk
     * store (the destination group provides them); shape and data type come from the source unless
     * set.
     */
    public Builder createOptions(ArrayOptions createOptions) {
      this.createOptions = Objects.requireNonNull(createOptions, "createOptions");
      return this;
    }

    /** The options. */
    public CopyOptions build() {
      return new CopyOptions(this);
    }
  }
}
