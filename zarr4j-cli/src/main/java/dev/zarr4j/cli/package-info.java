/**
 * The {@code zarr4j} command line tool, built on picocli and packaged as one runnable jar ({@code
 * zarr4j-cli/target/zarr4j-cli.jar}, run by {@code bin/zarr4j}).
 *
 * <ul>
 *   <li>{@code zarr4j tour}: the first chapters of zarr-python's tutorial, on directory stores
 *       under {@code ./data}, printing each zarr-python statement with zarr4j's result.
 *   <li>{@code zarr4j info STORE [--path P]}: zarr-python's {@code info} report of an array or a
 *       group.
 *   <li>{@code zarr4j tree STORE [--path P] [--level N] [--ascii]}: a group's hierarchy as
 *       zarr-python's {@code tree()} draws it.
 *   <li>{@code zarr4j attrs STORE [--path P] [--set KEY=JSON]... [--delete KEY]...}: the user
 *       attributes as JSON, after the changes asked for (one write, none if any is invalid).
 *   <li>{@code zarr4j cat STORE [--path P] [--select SEL] [--full]}: values printed as NumPy's
 *       {@code str} prints them, summarised past 1,000 elements.
 *   <li>{@code zarr4j verify STORE [--path P]}: every stored chunk decoded (checksums checked),
 *       each unreadable one reported by key; exit status 1 when any is.
 *   <li>{@code zarr4j consolidate STORE [--key K]}: zarr-python's {@code consolidate_metadata}.
 *   <li>{@code zarr4j create STORE --shape S [--dtype ...] [--chunks ...] [--compressor ...]
 *       [--filters ...] [--order C|F] [--fill-value ...] [--path P] [--overwrite]}: a new, empty
 *       array with zarr-python's {@code zarr.create} defaults for what is left out.
 *   <li>{@code zarr4j copy SRC DST [--path P] [--dest-path Q] [--name N] [--if-exists MODE]
 *       [--dry-run] [--shallow] [--without-attrs]}: zarr-python's {@code copy} (or {@code copy_all}
 *       for a whole store) with its log lines, across formats.
 *   <li>{@code zarr4j copy-store SRC DST [--source-path P] [--dest-path Q] [--exclude RE]...
 *       [--include RE]... [--if-exists MODE] [--dry-run]}: zarr-python's {@code copy_store}.
 *   <li>{@code zarr4j rechunk SRC DST --chunks C [--path P] [--dest-path Q] [--budget SIZE]}: a
 *       copy with other chunks, moved in tiles of whole destination chunks within the budget.
 *   <li>{@code zarr4j export STORE OUT [--path P] [--select SEL]}: an array or a basic selection of
 *       it to a NumPy {@code .npy} file, or an object array to a {@code .json} file ({@link
 *       dev.zarr4j.cli.JsonElements}'s layout).
 *   <li>{@code zarr4j import IN STORE [--path P] [--chunks ...] [--dtype ...] [--compressor ...]
 *       [--filters ...] [--order C|F] [--fill-value ...] [--dimension-separator /|.]
 *       [--overwrite]}: a {@code .npy} file (C or Fortran order), a CSV file, or an exported object
 *       array's {@code .json} file, to a new array.
 * </ul>
 *
 * <p>Export and import stream: the data moves in blocks that are contiguous in the {@code .npy}
 * file and bounded by a memory budget ({@code --buffer-size}, 64 MiB by default and at most an
 * eighth of the heap), aligned with chunk boundaries where the budget allows, so arrays larger than
 * the heap pass through. Errors are one line on standard error naming the culprit; status 2 for
 * usage errors, 1 for other failures, and nothing is left behind by a failed command.
 *
 * <p>A STORE, SRC or DST is a directory, a zip file or the URL of any store provider on the class
 * path ({@code s3://}, {@code redis://}, {@code sqlite:}, ...), read and, where writable, written,
 * with storage options from {@code --storage-option} ({@code --src-option}, {@code --dst-option});
 * see {@code Stores}. A zip file written is staged and written in one pass when the command
 * succeeds ({@code ZipStaging}); every store opened is closed at the end ({@code OpenStores}).
 *
 * <p>The only public type is {@link dev.zarr4j.cli.Main}; the rest is the tool's implementation.
 */
package dev.zarr4j.cli;
