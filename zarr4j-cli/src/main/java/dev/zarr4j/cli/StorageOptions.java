package dev.zarr4j.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --storage-option KEY=VALUE} (repeatable): options for the store of a command that takes
 * one store, handed to its provider as fsspec's {@code storage_options} (an S3 endpoint and keys, a
 * zip file's compression, a file store's {@code normalize_keys}). A picocli mixin; {@link Main}
 * hands the values to {@link Stores} through {@link Main#storageOptions()}.
 */
final class StorageOptions {
  /** The option's name. */
  static final String NAME = "--storage-option";

  /** The option's description. */
  static final String DESCRIPTION =
      "A storage option for the store's provider; repeatable. Example: --storage-option"
          + " endpoint_url=http://127.0.0.1:9000 --storage-option anon=true (s3://), or"
          + " --storage-option compression=deflated (a zip file written).";

  /** What the STORE argument of every command may be. */
  static final String STORE =
      "The store: a directory (one named *.n5 is an N5 container), a .zip file, or a URL"
          + " (s3://bucket/prefix, redis://host:port/db?prefix=P, sqlite:/path/db.sqlite, ...:"
          + " see 'zarr4j --help').";

  @Option(names = NAME, paramLabel = "KEY=VALUE", description = DESCRIPTION)
  Map<String, String> values = new LinkedHashMap<>();
}
