/**
 * JSON as zarr-python reads and writes it: parsing into plain Java values, and printing that is
 * byte for byte what Python's {@code json.dumps(..., indent=4, sort_keys=True, ensure_ascii=True,
 * separators=(',', ': '))} prints, including Python's float {@code repr}.
 *
 * <p>This package is internal to zarr4j: its classes are public so that other zarr4j packages can
 * use them, but it is not exported and may change without notice.
 */
package dev.zarr4j.internal.json;
