/**
 * A harness that drives independent Zarr v3 implementations ("peers") for interop tests: {@link
 * dev.zarr4j.interop.peers.ZarrJavaPeer} (zarr-java 0.0.9, in-process) and {@link
 * dev.zarr4j.interop.peers.ZarritaPeer} (zarrita.js 0.7.5, a Node process per batch), both behind
 * {@link dev.zarr4j.interop.peers.ZarrPeer}.
 *
 * <p>A test describes arrays once as {@link dev.zarr4j.interop.peers.PeerArraySpec}s (shape, chunk
 * shape, data type, codec chain as Zarr v3 JSON built with {@link
 * dev.zarr4j.interop.peers.PeerCodecs}, fill value, every value as a flat Java array in the storage
 * {@link dev.zarr4j.interop.peers.PeerValues} fixes), has a peer write them into a directory store
 * ({@code writeAll}), has a peer read them ({@code readAll}, giving {@link
 * dev.zarr4j.interop.peers.PeerArray}s) and compares ({@link
 * dev.zarr4j.interop.peers.PeerArray#differencesFrom}: exact, NaN-aware). {@link
 * dev.zarr4j.interop.peers.PeerSupport} says what each peer can write and read, as found by
 * experiment; {@link dev.zarr4j.interop.peers.PeerCases} is a seeded matrix of arrays over every
 * data type and codec chain. {@code PeerInteropIT} proves the harness peer against peer.
 *
 * <pre>{@code
 * ZarrPeer zarrita = ZarritaPeer.require(); // skips, or fails under -Dzarr4j.interop.required=true
 * PeerArraySpec spec = PeerArraySpec.of("a", new long[] {10, 7}, new int[] {4, 3}, "int16",
 *     List.of(PeerCodecs.bytes("little"), PeerCodecs.gzip(5)), (short) 0, new short[70]);
 * new ZarrJavaPeer().write(store, spec);
 * assertThat(zarrita.read(store, "a").differencesFrom(spec)).isEmpty();
 * }</pre>
 */
package dev.zarr4j.interop.peers;
